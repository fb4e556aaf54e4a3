/**
 * One case: who and what it is, its SLA clocks with their explanations, its timeline, and everything an agent
 * does to it (reply, note, assign, status, stage, escalate, link, confidential), each a keystroke away.
 */
import { type ComponentType, type ReactNode, useMemo, useRef, useState } from 'react';
import { mayChangeConfidentiality } from '../../../shared/access';
import { describeIntakeAnswer, referralsOffered } from '../../../shared/policies';
import { intakeValue } from '../../../shared/sync';
import { DEFAULT_DESK_TIME_ZONE, formatDeskTime } from '../../../shared/time';
import { AssignDialog } from '../../case-actions/AssignDialog';
import { useAssignToMe } from '../../case-actions/assign-to-me';
import { AttachCorrespondence } from '../../case-actions/Correspondence';
import { EscalateDialog } from '../../case-actions/EscalateDialog';
import { StatusDialog } from '../../case-actions/StatusDialog';
import { ArrowLeftIcon, FlagIcon, LinkIcon, LockIcon, StageIcon } from '../../case-kit/icons';
import { KIND_LABELS, LEVEL_LABELS, PRIORITY_LABELS, STATUS_LABELS, stageLabel } from '../../case-kit/labels';
import { useQueueOrder } from '../../case-kit/queue-order';
import { useDeskReference } from '../../case-kit/reference';
import { useActorId } from '../../case-store/case-store';
import { useStoreQuery } from '../../case-store/store-query';
import { useCaseAccess } from '../../case-store/use-access';
import { useNow } from '../../clock';
import { useMe } from '../../desk-settings/settings-store';
import { ActionButton } from '../../shell-services/ActionButton';
import { useAction } from '../../shell-services/actions';
import { linkTo, navigate, path } from '../../shell-services/router';
import { cx } from '../../ui/cx';
import { EmptyState } from '../../ui/EmptyState';
import { EscalationIcon, type IconProps, QueueIcon, UserIcon } from '../../ui/icons';
import { Kbd } from '../../ui/Kbd';
import { SlaBadge } from '../../ui/SlaBadge';
import styles from './Case.module.css';
import { Clocks } from './Clocks';
import { Composer, type ComposerHandle } from './Composer';
import { ConfidentialDialog } from './ConfidentialDialog';
import { caseClocks } from './clocks';
import { DeliveryBanner } from './DeliveryBanner';
import { History } from './History';
import { KindDialog } from './KindDialog';
import { LinkDialog } from './LinkDialog';
import { StageDialog } from './StageDialog';
import { SyncProblemBanner } from './SyncProblemBanner';
import { Timeline } from './Timeline';
import { replyTemplates } from './templates';

type DialogName = 'assign' | 'status' | 'stage' | 'escalate' | 'link' | 'confidential' | 'kind' | null;

export function CaseView({ caseId }: { caseId: string }) {
  const access = useCaseAccess();
  const data = useStoreQuery(
    async (store) => {
      if (access === undefined) return undefined;
      const { caseWithTimeline } = await import('../../db/queries');
      const view = await caseWithTimeline(store.db, caseId);
      // A case the viewer may not see is not read into the view at all; nor are linked ones they may not see.
      if (view !== null && !access.maySee(view.case)) return { id: caseId, view: null, hidden: true };
      return {
        id: caseId,
        view: view && { ...view, linked: access.visibleCases(view.linked) },
        hidden: false,
      };
    },
    [caseId, access],
    { tables: ['cases', 'events', 'outboundMessages'] },
  );
  const reference = useDeskReference();
  const actorId = useActorId();
  const me = useMe();
  const assignCasesToMe = useAssignToMe();
  const now = useNow(60_000);
  const composer = useRef<ComposerHandle>(null);
  const [dialog, setDialog] = useState<DialogName>(null);
  const order = useQueueOrder((s) => s.order);

  const view = data?.id === caseId ? data.view : undefined;
  const kase = view?.case ?? null;
  const policy = kase ? reference?.policyFor(kase) : undefined;
  const calendar = kase ? reference?.calendarFor(kase) : undefined;
  const clocks = useMemo(
    () => (kase && view && policy && calendar ? caseClocks(kase, view.events, policy, calendar, now) : []),
    [kase, view, policy, calendar, now],
  );
  const name = (id: string | null) => (id === null ? null : (reference?.people.get(id)?.name ?? id));
  const templates = useMemo(
    () =>
      kase
        ? replyTemplates({
            kase,
            policy,
            clocks,
            signature: me ? `${me.name}\n${me.team}` : 'The Service Desk',
            ownerName: kase.ownerId ? (reference?.people.get(kase.ownerId)?.name ?? null) : null,
            timeZone: reference?.timeZoneFor(kase) ?? DEFAULT_DESK_TIME_ZONE,
            calendar,
            now,
          })
        : [],
    [kase, policy, clocks, me, reference, calendar, now],
  );

  const position = order.indexOf(caseId);
  const step = (delta: number) => {
    const next = order[position + delta];
    if (position >= 0 && next) navigate(path('queue', next));
  };
  const assignToMe = async () => {
    if (kase) await assignCasesToMe([kase]);
  };
  const open = (name: Exclude<DialogName, null>) => () => {
    if (kase) setDialog(name);
  };
  // Anyone may mark a case confidential; only managers and the complaint roles may lift it (shared/access).
  const mayChangeSecrecy =
    kase !== null &&
    access !== undefined &&
    (!kase.confidential || mayChangeConfidentiality(access.viewer, kase, policy));
  const staged = (policy?.stages.length ?? 0) > 0;
  // An outside body is offered only when the intake answers call for it (the ICO for personal data).
  const canRefer =
    !staged && policy !== undefined && kase !== null && referralsOffered(policy, kase).length > 0;

  useAction({
    id: 'case.back',
    keys: 'Escape',
    label: 'Back to the queue',
    group: 'Case',
    run: () => navigate(path('queue')),
  });
  useAction({
    id: 'case.next',
    keys: 'j',
    label: 'Next case in the queue',
    group: 'Case',
    palette: false,
    run: () => step(1),
  });
  useAction({
    id: 'case.previous',
    keys: 'k',
    label: 'Previous case in the queue',
    group: 'Case',
    palette: false,
    run: () => step(-1),
  });
  useAction({
    id: 'case.reply',
    keys: 'r',
    label: 'Reply to the requester',
    button: 'Reply',
    group: 'Case',
    run: () => composer.current?.open('reply'),
  });
  useAction({
    id: 'case.note',
    keys: 'n',
    label: 'Add an internal note',
    button: 'Note',
    group: 'Case',
    run: () => composer.current?.open('note'),
  });
  useAction({ id: 'case.assign-me', keys: 'a', label: 'Assign to me', group: 'Case', run: assignToMe });
  useAction({
    id: 'case.assign',
    keys: 'A',
    label: 'Assign to…',
    button: 'Assign…',
    group: 'Case',
    run: open('assign'),
  });
  useAction({
    id: 'case.status',
    keys: 's',
    label: 'Change the status…',
    button: 'Status…',
    group: 'Case',
    run: open('status'),
  });
  useAction({
    id: 'case.stage',
    keys: 't',
    label: staged ? 'Change the stage…' : 'Refer to an outside body…',
    button: staged ? 'Stage…' : 'Refer externally…',
    group: 'Case',
    when: () => staged || canRefer,
    run: open('stage'),
  });
  useAction({
    id: 'case.escalate',
    keys: 'e',
    label: 'Escalate the case…',
    button: 'Escalate…',
    group: 'Case',
    // An escalation is already the escalated case: it climbs through its own ladder.
    when: () => kase !== null && kase.kind !== 'escalation',
    run: open('escalate'),
  });
  useAction({
    id: 'case.link',
    keys: 'l',
    label: 'Link to another case…',
    button: 'Link…',
    group: 'Case',
    run: open('link'),
  });
  useAction({
    id: 'case.kind',
    label: 'Change the kind…',
    button: 'Change kind…',
    group: 'Case',
    run: open('kind'),
  });
  useAction({
    id: 'case.confidential',
    label: kase?.confidential ? 'Lift confidentiality…' : 'Mark confidential…',
    group: 'Case',
    when: () => mayChangeSecrecy,
    run: open('confidential'),
  });

  if (data?.id === caseId && data.hidden) {
    return (
      <CaseAbsent icon={LockIcon} title="You can't see this case">
        It is confidential: only the people handling it can open it.
      </CaseAbsent>
    );
  }
  if (data !== undefined && data.id === caseId && data.view === null) {
    return (
      <CaseAbsent icon={QueueIcon} title="That case isn't here">
        It may have been merged, or you may no longer have access to it.
      </CaseAbsent>
    );
  }
  if (!kase || !view) return <div className={styles.loading} aria-busy="true" />;

  const owner = name(kase.ownerId);
  const assignee = name(kase.assigneeId);
  const team = kase.teamId ? (reference?.teams.get(kase.teamId)?.name ?? kase.teamId) : null;
  const intakeFields = (policy?.intake.fields ?? []).filter((f) => intakeValue(kase, f.id) !== '');
  const pausesOnWaiting = policy?.pauseStatuses.includes('pending-requester') ?? true;
  const timeZone = reference?.timeZoneFor(kase) ?? DEFAULT_DESK_TIME_ZONE;

  return (
    <div className={styles.case}>
      <header className={styles.header}>
        <nav className={styles.crumbs} aria-label="Case navigation">
          <a {...linkTo(path('queue'))} className={styles.back}>
            <ArrowLeftIcon size={14} /> Queue <Kbd keys={['Esc']} />
          </a>
          {position >= 0 ? (
            <span className={styles.position}>
              {position + 1} of {order.length} · <Kbd keys={['k']} /> <Kbd keys={['j']} />
            </span>
          ) : null}
        </nav>
        <div className={styles.badges}>
          <span className={styles.ref}>{kase.ref}</span>
          <span className={cx(styles.pill, styles[`kind-${kase.kind}`])}>{KIND_LABELS[kase.kind]}</span>
          <span className={cx(styles.pill, styles.statusPill)} data-testid="case-status">
            {STATUS_LABELS[kase.status]}
          </span>
          <span className={cx(styles.pill, styles[`priority-${kase.priority}`])}>
            {PRIORITY_LABELS[kase.priority]} priority
          </span>
          <span className={cx(styles.pill, styles[`level-${kase.escalationLevel}`])}>
            <EscalationIcon size={12} /> Level: {LEVEL_LABELS[kase.escalationLevel]}
          </span>
          {kase.stage ? (
            <span className={styles.pill}>
              <StageIcon size={12} /> {stageLabel(kase.stage, policy)}
            </span>
          ) : null}
          {kase.confidential ? (
            <span className={cx(styles.pill, styles.confidential)}>
              <LockIcon size={12} /> Confidential
            </span>
          ) : null}
          {kase.needsPrompt ? (
            <span className={cx(styles.pill, styles.prompt)}>
              <FlagIcon size={12} /> Prompt the owner
            </span>
          ) : null}
          {kase.slaState !== 'none' ? <SlaBadge tone={kase.slaState} /> : null}
        </div>
        <h1 className={styles.subject}>{kase.subject}</h1>
        <dl className={styles.facts}>
          <div>
            <dt>Requester</dt>
            <dd>
              {kase.requester.name}
              {kase.requester.email ? <span className={styles.dim}> · {kase.requester.email}</span> : null}
              {kase.requester.phone ? <span className={styles.dim}> · {kase.requester.phone}</span> : null}
            </dd>
          </div>
          <div>
            <dt>Owner</dt>
            <dd data-testid="case-owner">
              {owner ??
                (policy?.ownership.required ? (
                  <span className={styles.warn}>None yet: required</span>
                ) : (
                  'None'
                ))}
            </dd>
          </div>
          <div>
            <dt>Assignee</dt>
            <dd data-testid="case-assignee">
              {assignee ?? 'Unassigned'}
              {team ? <span className={styles.dim}> · {team}</span> : null}
            </dd>
          </div>
          <div>
            <dt>Received</dt>
            <dd data-testid="case-received">{formatDeskTime(kase.receivedAt, timeZone, 'dateTime')}</dd>
          </div>
        </dl>
        <div className={styles.actions} role="toolbar" aria-label="Case actions">
          <ActionButton action="case.reply" variant="primary" />
          <ActionButton action="case.note" />
          <ActionButton
            action="case.assign-me"
            icon={<UserIcon size={13} />}
            disabled={kase.assigneeId === actorId && actorId !== null}
          />
          <ActionButton action="case.assign" />
          <ActionButton action="case.status" />
          <ActionButton action="case.stage" />
          <ActionButton action="case.escalate" icon={<EscalationIcon size={13} />} />
          <ActionButton action="case.link" icon={<LinkIcon size={13} />} />
          <ActionButton action="case.kind" variant="ghost" />
          <ActionButton action="case.confidential" variant="ghost" icon={<LockIcon size={13} />} />
        </div>
      </header>
      <div className={styles.columns}>
        <div className={styles.conversation}>
          <SyncProblemBanner caseId={kase.id} />
          <DeliveryBanner kase={kase} outbound={view.outboundMessages} />
          {kase.description ? (
            <section className={styles.description} aria-label="Description">
              <h2 className={styles.sectionTitle}>Description</h2>
              <p>{kase.description}</p>
            </section>
          ) : null}
          <Composer ref={composer} kase={kase} templates={templates} pausesOnWaiting={pausesOnWaiting} />
          <h2 className={styles.sectionTitle}>Timeline</h2>
          <Timeline
            kase={kase}
            events={view.events}
            outbound={view.outboundMessages}
            linked={view.linked}
            reference={reference}
          />
          <History caseId={kase.id} timeZone={timeZone} />
        </div>
        <aside className={styles.side}>
          <section aria-labelledby="case-deadlines">
            <h2 id="case-deadlines" className={styles.sectionTitle}>
              Deadlines
            </h2>
            <Clocks clocks={clocks} calendar={calendar} />
          </section>
          {view.linked.length > 0 ? (
            <section aria-labelledby="case-linked">
              <h2 id="case-linked" className={styles.sectionTitle}>
                Linked cases
              </h2>
              <ul className={styles.linked}>
                {view.linked.map((other) => (
                  <li key={other.id}>
                    <a {...linkTo(path('queue', other.id))} className={styles.linkedRef}>
                      {other.ref}
                    </a>
                    <span className={styles.linkedSubject}>{other.subject}</span>
                    <span className={styles.dim}>
                      {KIND_LABELS[other.kind]} · {STATUS_LABELS[other.status]}
                    </span>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          {intakeFields.length > 0 || kase.externalReferral ? (
            <section aria-labelledby="case-intake">
              <h2 id="case-intake" className={styles.sectionTitle}>
                What was asked at intake
              </h2>
              <dl className={styles.intake}>
                {intakeFields.map((field) => (
                  <div key={field.id}>
                    <dt>{field.label}</dt>
                    <dd>
                      {describeIntakeAnswer(field, intakeValue(kase, field.id), {
                        person: (id) => reference?.people.get(id)?.name,
                        team: (id) => reference?.teams.get(id)?.name,
                      })}
                    </dd>
                  </div>
                ))}
                {kase.requester.bestTimeToCall && !intakeFields.some((f) => f.id === 'best-time-to-call') ? (
                  <div>
                    <dt>Best time to call</dt>
                    <dd>{kase.requester.bestTimeToCall}</dd>
                  </div>
                ) : null}
                {kase.externalReferral ? (
                  <div>
                    <dt>Referred externally</dt>
                    <dd>
                      {kase.externalReferral.body} on{' '}
                      {formatDeskTime(kase.externalReferral.at, timeZone, 'dateTime')}
                    </dd>
                  </div>
                ) : null}
              </dl>
            </section>
          ) : null}
          {policy?.intake.correspondence ? (
            <section aria-labelledby="case-correspondence">
              <h2 id="case-correspondence" className={styles.sectionTitle}>
                Correspondence
              </h2>
              <AttachCorrespondence caseId={kase.id} />
            </section>
          ) : null}
        </aside>
      </div>
      <AssignDialog
        open={dialog === 'assign'}
        onOpenChange={(o) => setDialog(o ? 'assign' : null)}
        cases={[kase]}
        reference={reference}
      />
      <StatusDialog
        open={dialog === 'status'}
        onOpenChange={(o) => setDialog(o ? 'status' : null)}
        cases={[kase]}
        reference={reference}
      />
      <StageDialog
        open={dialog === 'stage'}
        onOpenChange={(o) => setDialog(o ? 'stage' : null)}
        kase={kase}
        reference={reference}
      />
      <EscalateDialog
        open={dialog === 'escalate'}
        onOpenChange={(o) => setDialog(o ? 'escalate' : null)}
        kase={kase}
        reference={reference}
      />
      <LinkDialog open={dialog === 'link'} onOpenChange={(o) => setDialog(o ? 'link' : null)} kase={kase} />
      <KindDialog open={dialog === 'kind'} onOpenChange={(o) => setDialog(o ? 'kind' : null)} kase={kase} />
      <ConfidentialDialog
        open={dialog === 'confidential'}
        onOpenChange={(o) => setDialog(o ? 'confidential' : null)}
        kase={kase}
      />
    </div>
  );
}

/** In place of a case this person may not open, or one that is gone: why, and the way back. */
function CaseAbsent({
  icon,
  title,
  children,
}: {
  icon: ComponentType<IconProps>;
  title: string;
  children: ReactNode;
}) {
  return (
    <EmptyState
      icon={icon}
      title={title}
      actions={
        <a {...linkTo(path('queue'))} className={styles.textLink}>
          Back to the queue
        </a>
      }
    >
      <p>{children}</p>
    </EmptyState>
  );
}
