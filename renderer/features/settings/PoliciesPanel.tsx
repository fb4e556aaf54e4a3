/**
 * Policies as the store holds them: the list, and one policy's targets, ladder, stages and intake, with
 * "Edit policy" opening the editor (#/settings/policies/<id>/edit), which previews before it saves.
 */
import { useId } from 'react';
import type { Policy } from '../../../shared/policies';
import { describeDuration } from '../../../shared/sla/duration';
import { useNow } from '../../clock';
import { linkTo, path } from '../../shell-services/router';
import { Badge } from '../../ui/Badge';
import { ChevronRightIcon, InfoIcon } from '../../ui/icons';
import {
  describeActions,
  describeRepeat,
  describeTiming,
  describeTriggers,
  describeWarning,
  statusLabel,
} from './describe';
import { type DeskRulesState, useDeskRules } from './desk-rules';
import { PolicyEditor } from './PolicyEditor';
import styles from './Settings.module.css';
import { SettingsPanel } from './SettingsPanel';

const KIND_LABELS: Record<Policy['caseKind'], string> = {
  query: 'Query',
  complaint: 'Complaint',
  escalation: 'Escalation',
  'formal-complaint': 'Formal complaint',
};

export function PoliciesPanel({ selectedId, editing }: { selectedId: string | undefined; editing: boolean }) {
  const desk = useDeskRules(useNow(86_400_000).getUTCFullYear());
  const headingId = useId();
  if (desk.status === 'loading') return <p className={styles.muted}>Loading…</p>;
  const { policies, calendars } = desk.rules;
  const selected = policies.find((p) => p.id === selectedId);
  if (selectedId !== undefined) {
    if (!selected) return <NotFound what="policy" id={selectedId} back={path('settings', 'policies')} />;
    if (editing && desk.status === 'stored') {
      return <PolicyEditor key={selected.id} policy={selected} rules={desk.rules} store={desk.store} />;
    }
    const calendarName = calendars.find((c) => c.id === selected.calendarId)?.name ?? selected.calendarId;
    return <PolicyDetail policy={selected} calendarName={calendarName} desk={desk} />;
  }
  return (
    <SettingsPanel
      title="Policies"
      headingId={headingId}
      intro={
        <>
          How each kind of case is handled: its deadlines, when it escalates and to whom, its stages and what
          intake asks.
        </>
      }
    >
      <ul className={styles.list} aria-labelledby={headingId}>
        {policies.map((policy) => (
          <li key={policy.id}>
            <a className={styles.listItem} {...linkTo(path('settings', 'policies', policy.id))}>
              <span className={styles.listMain}>
                <span className={styles.listTitle}>{policy.name}</span>
                <span className={styles.listMeta}>{policy.description}</span>
              </span>
              <span className={styles.listFacts}>
                <Badge>{KIND_LABELS[policy.caseKind]}</Badge>
                <span>{count(policy.targets.length, 'deadline')}</span>
                <span>{count(policy.ladder.length, 'escalation step')}</span>
              </span>
              <ChevronRightIcon className={styles.chevron} />
            </a>
          </li>
        ))}
      </ul>
      <EditingNote desk={desk} />
    </SettingsPanel>
  );
}

function PolicyDetail({
  policy,
  calendarName,
  desk,
}: {
  policy: Policy;
  calendarName: string;
  desk: DeskRulesState;
}) {
  return (
    <SettingsPanel
      trail={[{ label: 'Policies', to: path('settings', 'policies') }, { label: policy.name }]}
      title={
        <>
          {policy.name} <span className={styles.version}>version {policy.version}</span>
        </>
      }
      action={
        desk.status === 'stored' ? (
          <a className={styles.editLink} {...linkTo(path('settings', 'policies', policy.id, 'edit'))}>
            Edit policy
          </a>
        ) : null
      }
      intro={policy.description}
    >
      <dl className={styles.facts}>
        <dt>Case kind</dt>
        <dd>{KIND_LABELS[policy.caseKind]}</dd>
        <dt>Calendar</dt>
        <dd>
          <a {...linkTo(path('settings', 'calendars', policy.calendarId))}>{calendarName}</a>
        </dd>
        <dt>Clocks pause while</dt>
        <dd>{policy.pauseStatuses.map(statusLabel).join(', ') || 'Never'}</dd>
        <dt>Confidential</dt>
        <dd>{policy.confidentialByDefault ? 'Yes, by default' : 'No'}</dd>
        <dt>Owner</dt>
        <dd>
          {policy.ownership.required
            ? `A designated owner is required from ${policy.ownership.from === 'intake' ? 'logging' : 'acknowledgement'}`
            : 'Optional'}
        </dd>
      </dl>

      <h3 className={styles.subTitle}>Deadlines</h3>
      <table className={styles.table}>
        <thead>
          <tr>
            <th scope="col">Target</th>
            <th scope="col">Time allowed</th>
            <th scope="col">Starts when</th>
            <th scope="col">Met when</th>
            <th scope="col">Warning</th>
          </tr>
        </thead>
        <tbody>
          {policy.targets.map((target) => (
            <tr key={target.id}>
              <th scope="row">
                {target.name}
                {target.repeats ? <span className={styles.cellNote}>repeats</span> : null}
                {!target.pausable ? <span className={styles.cellNote}>never pauses</span> : null}
              </th>
              <td className={`tabular ${styles.nowrap}`}>{describeDuration(target.duration)}</td>
              <td>{describeTriggers(target.start, policy.stages)}</td>
              <td>{describeTriggers(target.stop, policy.stages)}</td>
              <td>{describeWarning(target.warning) ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>

      {policy.ladder.length > 0 ? (
        <>
          <h3 className={styles.subTitle}>Escalation ladder</h3>
          <ol className={styles.ladder}>
            {policy.ladder.map((rule) => (
              <li key={rule.id} className={styles.step}>
                <span className={styles.stepName}>{rule.name}</span>
                <span className={styles.stepWhen}>{describeTiming(rule.when, policy.targets)}</span>
                <span className={styles.stepActions}>
                  {describeActions(rule.actions).join(' · ')}
                  {describeRepeat(rule) ? ` · ${describeRepeat(rule)}` : ''}
                </span>
                {rule.actions.message ? (
                  <span className={styles.stepMessage}>“{rule.actions.message}”</span>
                ) : null}
              </li>
            ))}
          </ol>
        </>
      ) : null}

      {policy.stages.length > 0 ? (
        <>
          <h3 className={styles.subTitle}>Stages</h3>
          <ol className={styles.stages}>
            {policy.stages.map((stage) => (
              <li key={stage.id}>
                <strong>{stage.name}</strong>
                {stage.description ? <span> — {stage.description}</span> : null}
                {stage.externalRoutes?.map((route) => (
                  <span key={route.body} className={styles.cellNote}>
                    {route.body}
                    {route.affiliation ? ` (${route.affiliation}s)` : ''}
                  </span>
                ))}
              </li>
            ))}
          </ol>
        </>
      ) : null}

      <h3 className={styles.subTitle}>Intake asks</h3>
      {policy.intake.notices.map((notice) => (
        <p key={notice.id} className={notice.tone === 'warning' ? styles.warningNote : styles.infoNote}>
          {notice.text}
        </p>
      ))}
      <ul className={styles.plainList}>
        <li>Name, email and phone</li>
        {policy.intake.requiresOriginalTicket ? (
          <li>The original ticket number (the cases are linked)</li>
        ) : null}
        {policy.intake.fields.map((field) => (
          <li key={field.id}>
            {field.label}
            {field.required ? <span className={styles.required}> (required)</span> : null}
          </li>
        ))}
      </ul>
      {policy.intake.noStaffNames ? (
        <p className={styles.infoNote}>
          The first contact must not name staff; intake warns when it looks like it does.
        </p>
      ) : null}

      {policy.jobs.length > 0 ? (
        <>
          <h3 className={styles.subTitle}>Scheduled jobs</h3>
          <ul className={styles.plainList}>
            {policy.jobs.map((job) => (
              <li key={job.id}>
                {job.name} <code className={styles.code}>{job.rrule}</code>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <EditingNote desk={desk} />
    </SettingsPanel>
  );
}

/** How edits work, or why they cannot be made (the store did not open: the presets are shown instead). */
export function EditingNote({ desk }: { desk: DeskRulesState }) {
  if (desk.status === 'presets') {
    return (
      <p className={styles.warningNote} role="note">
        These are the shipped presets, read-only: the local case store could not open ({desk.problem.message}
        ).
      </p>
    );
  }
  return (
    <p className={styles.infoNote}>
      <InfoIcon size={14} /> Before an edit is saved, Desk shows which open cases' deadlines would move.
    </p>
  );
}

export function NotFound({ what, id, back }: { what: string; id: string; back: string }) {
  return (
    <section className={styles.section}>
      <h2 className={styles.sectionTitle}>No such {what}</h2>
      <p className={styles.sectionIntro}>
        There is no {what} called “{id}”. <a {...linkTo(back)}>See them all</a>.
      </p>
    </section>
  );
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
