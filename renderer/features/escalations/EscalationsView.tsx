/**
 * The escalation queues: the desk's prompt list, the manager's and the director's queues, escalation cases
 * (owner and update cadence) and staged formal complaints (review window, late requests, referrals). Each tab
 * has its own address (#/escalations/<tab>), so a notification or a colleague's link opens the right one.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { type ReactNode, useId, useState } from 'react';
import type { ClockState, SlaClock } from '../../../shared/sla';
import type { MutatorArgs, MutatorName, Person } from '../../../shared/sync';
import { useCaseStore } from '../../case-store/case-store';
import { useChange } from '../../case-store/changes';
import { useDeskTimeZone } from '../../case-store/desk-time-zone';
import { useCaseAccess } from '../../case-store/use-access';
import { formatClock, useNow } from '../../clock';
import { type DeskContext, loadDeskContext } from '../../escalation-runner/desk-context';
import { useAction } from '../../shell-services/actions';
import { linkTo, navigate, path, useLocation } from '../../shell-services/router';
import { Badge } from '../../ui/Badge';
import { Button } from '../../ui/Button';
import { cx } from '../../ui/cx';
import { EmptyState } from '../../ui/EmptyState';
import { Select } from '../../ui/Field';
import { AlertTriangleIcon, CheckCircleIcon, EscalationIcon } from '../../ui/icons';
import { PageHeader } from '../../ui/PageHeader';
import { SlaBadge, type SlaTone } from '../../ui/SlaBadge';
import styles from './Escalations.module.css';
import {
  type ComplaintRow,
  type EscalationQueues,
  type LevelRow,
  loadQueues,
  type PromptRow,
  QUEUE_TABS,
  type QueueTab,
  type TicketRow,
} from './queues';

const TABS: Readonly<Record<QueueTab, { label: string; intro: string; empty: string }>> = {
  prompts: {
    label: 'Desk prompts',
    intro:
      'Open cases a ladder step flagged for prompting (days 2 and 4 for queries): prompt the person named, then record it.',
    empty: 'No case is waiting for its owner to be prompted.',
  },
  manager: {
    label: 'Manager',
    intro: 'Cases escalated to the service desk manager: level 1 and above (day 7 for queries).',
    empty: 'Nothing has been escalated to the manager.',
  },
  director: {
    label: 'Director',
    intro: 'Cases escalated to a director: level 2 (day 14 for queries).',
    empty: 'Nothing has been escalated to a director.',
  },
  tickets: {
    label: 'Escalation cases',
    intro:
      'Escalations of existing tickets: one designated owner from acknowledgement to resolution, and regular updates to the requester until it is resolved.',
    empty: 'No escalation of a ticket is open.',
  },
  complaints: {
    label: 'Formal complaints',
    intro:
      'Staged formal complaints: the window for asking for Head of Department review (a resolved case stays here until it closes), late requests, and referrals outside the desk.',
    empty: 'No formal complaint is open.',
  },
};

function isTab(segment: string | undefined): segment is QueueTab {
  return (QUEUE_TABS as readonly (string | undefined)[]).includes(segment);
}

interface Loaded {
  queues: EscalationQueues;
  context: DeskContext;
}

export function EscalationsView() {
  const { segments } = useLocation();
  const tab: QueueTab = isTab(segments[1]) ? segments[1] : 'prompts';
  const { store } = useCaseStore();
  const now = useNow(60_000);
  const viewer = useCaseAccess()?.viewer;
  const loaded = useLiveQuery(async (): Promise<Loaded | undefined> => {
    if (store === null || viewer === undefined) return undefined;
    const context = await loadDeskContext(store.db);
    return { queues: await loadQueues(store.db, context, now, viewer), context };
  }, [store, now.getTime(), viewer]);
  const panelId = useId();
  const tabInfo = TABS[tab];

  return (
    <div className={styles.view}>
      <PageHeader
        title="Escalations"
        subtitle="Cases the escalation ladders have moved on, and the procedures' own clocks."
      />
      <nav className={styles.tabs} aria-label="Escalation queues">
        <ul>
          {QUEUE_TABS.map((id) => (
            <li key={id}>
              <a
                {...linkTo(path('escalations', id))}
                className={cx(styles.tab, id === tab && styles.tabActive)}
                aria-current={id === tab ? 'page' : undefined}
                aria-controls={id === tab ? panelId : undefined}
              >
                {TABS[id].label}
                <span className={styles.tabCount}>{loaded ? loaded.queues[id].length : '…'}</span>
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {QUEUE_TABS.map((id, index) => (
        <TabShortcut key={id} tab={id} keys={String(index + 1)} />
      ))}
      <section id={panelId} className={styles.panel} aria-label={tabInfo.label} data-testid={`queue-${tab}`}>
        <p className={styles.intro}>{tabInfo.intro}</p>
        {loaded === undefined ? (
          <p className={styles.muted}>Loading…</p>
        ) : loaded.queues[tab].length === 0 ? (
          <EmptyState icon={EscalationIcon} title={tabInfo.empty} />
        ) : (
          <Panel tab={tab} loaded={loaded} />
        )}
      </section>
    </div>
  );
}

/** "1" to "5" switch tabs, and the palette offers each queue. */
function TabShortcut({ tab, keys }: { tab: QueueTab; keys: string }) {
  useAction({
    id: `escalations.${tab}`,
    keys,
    label: `Show ${TABS[tab].label.toLowerCase()}`,
    group: 'Escalations',
    run: () => navigate(path('escalations', tab)),
  });
  return null;
}

function Panel({ tab, loaded }: { tab: QueueTab; loaded: Loaded }) {
  const { queues, context } = loaded;
  switch (tab) {
    case 'prompts':
      return <PromptTable rows={queues.prompts} />;
    case 'manager':
      return <LevelTable rows={queues.manager} caption="Cases with the service desk manager" />;
    case 'director':
      return <LevelTable rows={queues.director} caption="Cases with a director" />;
    case 'tickets':
      return <TicketTable rows={queues.tickets} context={context} />;
    case 'complaints':
      return <ComplaintTable rows={queues.complaints} />;
  }
}

/**
 * Runs a change (the app's one `useChange`) and keeps the last outcome to announce beside the table; a refused
 * change never leaves half a write.
 */
function useAnnouncedChange() {
  const change = useChange();
  const [message, setMessage] = useState<{ text: string; failed: boolean } | null>(null);
  const run = async <N extends MutatorName>(name: N, args: MutatorArgs<N>, done: string): Promise<void> => {
    const outcome = await change(name, args);
    setMessage(outcome.ok ? { text: done, failed: false } : { text: outcome.failure.message, failed: true });
  };
  const status = (
    <p className={cx(styles.status, message?.failed && styles.statusFailed)} role="status">
      {message?.text}
    </p>
  );
  return { run, status };
}

function When({ at }: { at: string | Date }) {
  const timeZone = useDeskTimeZone();
  const date = typeof at === 'string' ? new Date(at) : at;
  return <time dateTime={date.toISOString()}>{formatClock(date, timeZone)}</time>;
}

function CaseCell({ row }: { row: { kase: { id: string; ref: string; subject: string } } }) {
  return (
    <th scope="row" className={styles.caseCell}>
      <a {...linkTo(path('queue', row.kase.id))} className={styles.ref}>
        {row.kase.ref}
      </a>
      <span className={styles.subject}>{row.kase.subject}</span>
    </th>
  );
}

function Table({ caption, head, children }: { caption: string; head: string[]; children: ReactNode }) {
  return (
    <table className={styles.table}>
      <caption className={styles.caption}>{caption}</caption>
      <thead>
        <tr>
          {head.map((h) => (
            <th key={h} scope="col">
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}

function PromptTable({ rows }: { rows: PromptRow[] }) {
  const { run, status } = useAnnouncedChange();
  return (
    <>
      {status}
      <Table caption="Cases to prompt" head={['Case', 'Why', 'Since', 'Prompt', 'Prompted']}>
        {rows.map((row) => (
          <tr key={row.kase.id} data-case={row.kase.ref}>
            <CaseCell row={row} />
            <td>{row.reason.text}</td>
            <td>
              <When at={row.reason.since} />
            </td>
            <td>{row.toPrompt?.name ?? <span className={styles.warning}>Nobody is assigned</span>}</td>
            <td>
              {row.prompted ? (
                <span className={styles.done}>
                  <CheckCircleIcon size={14} /> {row.prompted.by}, <When at={row.prompted.at} />
                </span>
              ) : (
                <Button
                  size="sm"
                  disabled={row.toPrompt === null}
                  aria-label={`Mark prompted: ${row.kase.ref}${row.toPrompt ? `, ${row.toPrompt.name} was told` : ''}`}
                  onClick={() =>
                    row.toPrompt &&
                    run(
                      'recordOwnerPrompted',
                      { caseId: row.kase.id, stepId: row.stepId, promptedId: row.toPrompt.id },
                      `Recorded: ${row.toPrompt.name} was prompted about ${row.kase.ref}.`,
                    )
                  }
                >
                  Mark prompted
                </Button>
              )}
            </td>
          </tr>
        ))}
      </Table>
    </>
  );
}

function LevelTable({ rows, caption }: { rows: LevelRow[]; caption: string }) {
  return (
    <Table caption={caption} head={['Case', 'Level', 'Why', 'Since', 'Owner']}>
      {rows.map((row) => (
        <tr key={row.kase.id} data-case={row.kase.ref}>
          <CaseCell row={row} />
          <td>
            <Badge tone={row.kase.escalationLevel === 2 ? 'accent' : 'neutral'}>
              {row.kase.escalationLevel === 2 ? 'Director' : 'Manager'}
            </Badge>
          </td>
          <td>{row.reason.text}</td>
          <td>
            <When at={row.reason.since} />
          </td>
          <td>{row.owner?.name ?? <span className={styles.warning}>Nobody</span>}</td>
        </tr>
      ))}
    </Table>
  );
}

const TONES: Partial<Record<ClockState, SlaTone>> = {
  running: 'on-track',
  'at-risk': 'at-risk',
  breached: 'breached',
  paused: 'paused',
};

function ClockCell({ clock, owed, overdue }: { clock: SlaClock; owed: string; overdue: string }) {
  const tone = TONES[clock.state];
  if (tone === undefined || clock.dueAt === null) return null;
  return (
    <span className={styles.clock}>
      <SlaBadge tone={tone} compact />
      <span>
        {clock.state === 'breached' ? overdue : owed} <When at={clock.dueAt} />
      </span>
    </span>
  );
}

function TicketTable({ rows, context }: { rows: TicketRow[]; context: DeskContext }) {
  const { run, status } = useAnnouncedChange();
  const people = context.directory.people
    .filter((p) => p.active && p.role !== 'director')
    .sort((a, b) => a.name.localeCompare(b.name));
  return (
    <>
      {status}
      <Table
        caption="Escalations of existing tickets"
        head={['Case', 'Original ticket', 'Owner', 'Updates', 'Last reminder']}
      >
        {rows.map((row) => {
          const acknowledged = row.acknowledgement === null || row.acknowledgement.metAt !== null;
          return (
            <tr key={row.kase.id} data-case={row.kase.ref}>
              <CaseCell row={row} />
              <td>
                {row.kase.originalCaseId ? (
                  <a {...linkTo(path('queue', row.kase.originalCaseId))}>
                    {row.kase.originalTicketRef ?? 'Original'}
                  </a>
                ) : (
                  (row.kase.originalTicketRef ?? '—')
                )}
              </td>
              <td>{row.owner ? row.owner.name : <QuickOwner row={row} people={people} run={run} />}</td>
              <td>
                {!acknowledged && row.acknowledgement ? (
                  <ClockCell
                    clock={row.acknowledgement}
                    owed="Acknowledge by"
                    overdue="Acknowledgement overdue since"
                  />
                ) : row.nextUpdate ? (
                  <ClockCell clock={row.nextUpdate} owed="Next update due" overdue="Update overdue since" />
                ) : (
                  <span className={styles.muted}>Resolved or waiting</span>
                )}
              </td>
              <td>
                {row.lastReminder ? (
                  <When at={row.lastReminder} />
                ) : (
                  <span className={styles.muted}>None</span>
                )}
              </td>
            </tr>
          );
        })}
      </Table>
    </>
  );
}

function QuickOwner({
  row,
  people,
  run,
}: {
  row: TicketRow;
  people: Person[];
  run: ReturnType<typeof useAnnouncedChange>['run'];
}) {
  const [chosen, setChosen] = useState(row.kase.assigneeId ?? '');
  const label = `Owner for ${row.kase.ref}`;
  return (
    <div className={styles.quickOwner}>
      <span className={styles.warning}>
        <AlertTriangleIcon size={14} /> No designated owner
      </span>
      <span className={styles.inline}>
        <Select aria-label={label} value={chosen} onChange={(event) => setChosen(event.target.value)}>
          <option value="">Choose…</option>
          {people.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </Select>
        <Button
          size="sm"
          variant="primary"
          disabled={chosen === ''}
          onClick={() => {
            const owner = people.find((p) => p.id === chosen);
            if (owner)
              void run(
                'setOwner',
                { caseId: row.kase.id, ownerId: owner.id },
                `${owner.name} now owns ${row.kase.ref}.`,
              );
          }}
        >
          Make owner
        </Button>
      </span>
    </div>
  );
}

function ComplaintTable({ rows }: { rows: ComplaintRow[] }) {
  const { run, status } = useAnnouncedChange();
  return (
    <>
      {status}
      <Table
        caption="Staged formal complaints"
        head={['Case', 'Stage', 'Head of Department review', 'Outside the desk']}
      >
        {rows.map((row) => (
          <tr key={row.kase.id} data-case={row.kase.ref}>
            <CaseCell row={row} />
            <td>{row.stageName}</td>
            <td>
              <ReviewWindow row={row} run={run} />
            </td>
            <td>
              <Referral row={row} run={run} />
            </td>
          </tr>
        ))}
      </Table>
    </>
  );
}

function ReviewWindow({
  row,
  run,
}: {
  row: ComplaintRow;
  run: ReturnType<typeof useAnnouncedChange>['run'];
}) {
  const clock = row.reviewWindow;
  const closedAt = clock?.state === 'closed' && clock.dueAt ? clock.dueAt : null;
  if (row.reviewRequest) {
    return (
      <span className={styles.stack}>
        <span>
          Requested <When at={row.reviewRequest.at} />
        </span>
        {row.reviewRequest.late ? (
          <span className={styles.warning}>
            <AlertTriangleIcon size={14} /> Late: after the window closed
            {clock?.dueAt ? (
              <>
                {' '}
                on <When at={clock.dueAt} />
              </>
            ) : null}
          </span>
        ) : null}
      </span>
    );
  }
  return (
    <span className={styles.stack}>
      <span>
        {clock?.state === 'open' && clock.dueAt ? (
          <>
            Open until <When at={clock.dueAt} />
          </>
        ) : closedAt ? (
          <>
            Closed on <When at={closedAt} />
          </>
        ) : (
          <span className={styles.muted}>
            Opens with the written response: review can only be asked for after it
          </span>
        )}
      </span>
      {row.kase.stage === 'formal' && clock !== null && clock.state !== 'pending' ? (
        <Button
          size="sm"
          onClick={() =>
            run(
              'requestHodReview',
              {
                caseId: row.kase.id,
                windowClosedAt: closedAt?.toISOString() ?? null,
                ...(row.reviewOwnerId === null ? {} : { ownerId: row.reviewOwnerId }),
              },
              closedAt
                ? `Recorded a late request for review of ${row.kase.ref}.`
                : `Recorded the request for review of ${row.kase.ref}.`,
            )
          }
        >
          {closedAt ? 'Record late review request' : 'Record review request'}
        </Button>
      ) : null}
    </span>
  );
}

function Referral({ row, run }: { row: ComplaintRow; run: ReturnType<typeof useAnnouncedChange>['run'] }) {
  const [body, setBody] = useState(row.routes[0]?.body ?? '');
  const referral = row.kase.externalReferral;
  if (referral) {
    return (
      <span>
        Referred to {referral.body} on <When at={referral.at} />
      </span>
    );
  }
  if (row.routes.length === 0) return <span className={styles.muted}>No route</span>;
  return (
    <span className={styles.inline}>
      <Select
        aria-label={`Refer ${row.kase.ref} to`}
        value={body}
        onChange={(event) => setBody(event.target.value)}
      >
        {row.routes.map((route) => (
          <option key={route.body} value={route.body}>
            {route.body}
          </option>
        ))}
      </Select>
      <Button
        size="sm"
        onClick={() =>
          run(
            'recordExternalReferral',
            { caseId: row.kase.id, body },
            `Recorded the referral of ${row.kase.ref} to ${body}.`,
          )
        }
      >
        Refer
      </Button>
    </span>
  );
}
