/**
 * The escalation queues as data: the desk's prompt list, the manager's and the director's queues, escalation
 * cases with their owner and update cadence, and staged formal complaints with the Head-of-Department review
 * window. Each row says why the case is there and since when. Read from the store's indexes; timelines only
 * for the cases listed.
 */
import Dexie from 'dexie';
import type { Viewer } from '../../../shared/access';
import type { CaseEvent, CaseEventOf, CaseKind, EscalationLevel } from '../../../shared/domain';
import { stageOwnerFor } from '../../../shared/notify';
import type { ExternalRoute, Policy } from '../../../shared/policies';
import { addDuration, type SlaClock } from '../../../shared/sla';
import { ownerPromptedEventId, type Person } from '../../../shared/sync';
import { MACHINE_OWNER, maySeeFor } from '../../access';
import type { CaseRow, DeskDb } from '../../db';
import { timelinesOf } from '../../db';
import type { DeskContext } from '../../escalation-runner/desk-context';

export const QUEUE_TABS = ['prompts', 'manager', 'director', 'tickets', 'complaints'] as const;
export type QueueTab = (typeof QUEUE_TABS)[number];

/** Why a case is in a queue, and since when (ISO). */
export interface Reason {
  text: string;
  since: string;
}

export interface PromptRow {
  kase: CaseRow;
  /** The step that flagged it (day 2, day 4…). */
  stepId: string;
  reason: Reason;
  /** Who staff should prompt: the assignee, else the owner. */
  toPrompt: Person | null;
  /** The desk's record that they did. */
  prompted: { by: string; at: string } | null;
}

export interface LevelRow {
  kase: CaseRow;
  reason: Reason;
  owner: Person | null;
}

export interface TicketRow {
  kase: CaseRow;
  owner: Person | null;
  /** Acknowledged yet, and the update cadence's current clock. */
  acknowledgement: SlaClock | null;
  nextUpdate: SlaClock | null;
  /** The last "update overdue" reminder the ladder sent. */
  lastReminder: string | null;
}

export interface ComplaintRow {
  kase: CaseRow;
  stageName: string;
  /** The Head-of-Department review window's clock (pending until the written response). */
  reviewWindow: SlaClock | null;
  /** When the review was requested (entering the stage) and whether that was after the window closed. */
  reviewRequest: { at: string; late: boolean } | null;
  /** Where the case can be referred outside the desk (for its requester's affiliation). */
  routes: ExternalRoute[];
  /** The policy has an external stage the case has not come near yet. */
  routesLater: boolean;
  /** Who would own a review requested now (the Head of Department for the case), by id; null: nobody found. */
  reviewOwnerId: string | null;
}

export interface EscalationQueues {
  prompts: PromptRow[];
  manager: LevelRow[];
  director: LevelRow[];
  tickets: TicketRow[];
  complaints: ComplaintRow[];
}

const LOW = Dexie.minKey;
const HIGH = Dexie.maxKey;

function openOfKind(db: DeskDb, kind: CaseKind) {
  return db.cases.where('[open+kind+urgency]').between([1, kind, LOW], [1, kind, HIGH]);
}

/**
 * Finished cases of a kind that may still be in a complainant's window (resolved or closed no longer ago than its
 * policy's longest window): a formal complaint stays in its queue while its review window is open.
 */
function finishedInWindow(db: DeskDb, context: DeskContext, kind: CaseKind, now: Date) {
  return db.cases
    .where('[open+kind+urgency]')
    .between([0, kind, LOW], [0, kind, HIGH])
    .filter((row) => {
      const finishedAt = row.resolvedAt ?? row.closedAt;
      const policy = context.policyOf(row);
      const calendar = context.calendarOf(row);
      if (finishedAt === null || policy === undefined || calendar === null) return false;
      return policy.targets.some(
        (t) =>
          t.kind === 'window' && addDuration(calendar, Date.parse(finishedAt), t.duration) > now.getTime(),
      );
    });
}

function openAtLevel(db: DeskDb, level: EscalationLevel) {
  return db.cases.where('[open+escalationLevel+urgency]').between([1, level, LOW], [1, level, HIGH]);
}

/**
 * Every queue at `now`, with only the cases `viewer` may see (shared/access, as everywhere: her own
 * confidential case is hers to see); null is the owner of a standalone desk nobody has named, who sees all.
 */
export async function loadQueues(
  db: DeskDb,
  context: DeskContext,
  now: Date,
  viewer: Viewer | null,
): Promise<EscalationQueues> {
  const visible = maySeeFor(viewer ?? MACHINE_OWNER, context.policies);
  const flaggingKinds = context.policies
    .filter((p) => p.ladder.some((rule) => rule.actions.flagForPrompt))
    .map((p) => p.caseKind);
  const [flagged, levelOne, levelTwo, tickets, complaints] = await Promise.all([
    Promise.all(
      [...new Set(flaggingKinds)].map((kind) =>
        openOfKind(db, kind)
          .filter((r) => r.needsPrompt)
          .toArray(),
      ),
    ),
    openAtLevel(db, 1).toArray(),
    openAtLevel(db, 2).toArray(),
    openOfKind(db, 'escalation').toArray(),
    Promise.all([
      openOfKind(db, 'formal-complaint').toArray(),
      finishedInWindow(db, context, 'formal-complaint', now).toArray(),
    ]),
  ]).then(
    (lists) =>
      lists.map((list) => list.flat().filter(visible)) as [
        CaseRow[],
        CaseRow[],
        CaseRow[],
        CaseRow[],
        CaseRow[],
      ],
  );

  const listed = new Set([...flagged, ...levelOne, ...levelTwo, ...tickets, ...complaints].map((r) => r.id));
  const timelines = await timelinesOf(db, [...listed]);
  const timeline = (id: string) => timelines.get(id) ?? [];
  const person = (id: string | null) => context.person(id) ?? null;

  const prompts = flagged.flatMap((kase): PromptRow[] => {
    const events = timeline(kase.id);
    const flag = latest(
      events,
      (e): e is CaseEventOf<'prompted'> => e.type === 'prompted' && e.flagForPrompt,
    );
    if (flag === undefined) return [];
    const record = events.find((e) => e.id === ownerPromptedEventId(kase.id, flag.stepId));
    return [
      {
        kase,
        stepId: flag.stepId,
        reason: { text: context.ruleName(kase.policyId, flag.ruleId), since: flag.at },
        toPrompt: person(kase.assigneeId) ?? person(kase.ownerId),
        prompted:
          record === undefined ? null : { by: person(record.actorId)?.name ?? 'Someone', at: record.at },
      },
    ];
  });

  const levelRows = (rows: readonly CaseRow[], level: 1 | 2): LevelRow[] =>
    rows.map((kase) => ({
      kase,
      reason: levelReason(context, kase, timeline(kase.id), level),
      owner: person(kase.ownerId) ?? person(kase.assigneeId),
    }));

  const ticketRows = tickets.map((kase): TicketRow => {
    const events = timeline(kase.id);
    const clocks = context.sla(kase, events, now)?.clocks ?? [];
    const reminder = latest(
      events,
      (e): e is CaseEventOf<'prompted'> => e.type === 'prompted' && e.ruleId === 'update-overdue',
    );
    return {
      kase,
      owner: person(kase.ownerId),
      acknowledgement: clocks.find((c) => c.kind === 'first-response') ?? null,
      nextUpdate: clocks.find((c) => c.kind === 'next-update') ?? null,
      lastReminder: reminder?.at ?? null,
    };
  });

  const complaintRows = complaints.flatMap((kase): ComplaintRow[] => {
    const events = timeline(kase.id);
    const policy = context.policyOf(kase);
    const reviewWindow = context.sla(kase, events, now)?.clocks.find((c) => c.kind === 'window') ?? null;
    // A finished case is listed only while its window is open: it leaves the queue when the window closes.
    if (kase.open === 0 && reviewWindow?.state !== 'open') return [];
    const entered = latest(
      events,
      (e): e is CaseEventOf<'stage-changed'> => e.type === 'stage-changed' && e.to === 'hod-review',
    );
    const closedAt = reviewWindow?.dueAt?.getTime() ?? Number.POSITIVE_INFINITY;
    const reviewStage = policy?.stages.find((s) => s.id === 'hod-review');
    return [
      {
        kase,
        stageName: policy?.stages.find((s) => s.id === kase.stage)?.name ?? kase.stage ?? '—',
        reviewWindow,
        reviewRequest:
          entered === undefined ? null : { at: entered.at, late: Date.parse(entered.at) > closedAt },
        routes: policy === undefined ? [] : referralRoutes(policy, kase),
        routesLater: policy !== undefined && externalStageAhead(policy, kase),
        reviewOwnerId: stageOwnerFor(reviewStage, kase, context.directory),
      },
    ];
  });

  const byReason = <T extends { reason: Reason }>(a: T, b: T) => a.reason.since.localeCompare(b.reason.since);
  return {
    prompts: prompts.sort(byReason),
    manager: levelRows([...levelOne, ...levelTwo], 1).sort(byReason),
    director: levelRows(levelTwo, 2).sort(byReason),
    tickets: ticketRows.sort((a, b) => Number(a.owner !== null) - Number(b.owner !== null)),
    complaints: complaintRows,
  };
}

function latest<T extends CaseEvent>(
  events: readonly CaseEvent[],
  match: (e: CaseEvent) => e is T,
): T | undefined {
  for (let i = events.length - 1; i >= 0; i--) if (match(events[i]!)) return events[i] as T;
  return undefined;
}

/** The move that brought the case to `level`: a ladder step (its rule's name) or someone's hand. */
function levelReason(
  context: DeskContext,
  kase: CaseRow,
  events: readonly CaseEvent[],
  level: 1 | 2,
): Reason {
  const raised = latest(
    events,
    (e): e is CaseEventOf<'escalated'> => e.type === 'escalated' && e.toLevel >= level && e.fromLevel < level,
  );
  if (raised === undefined) return { text: 'Escalated', since: kase.updatedAt };
  if (raised.stepId !== undefined) {
    const step = events.find(
      (e): e is CaseEventOf<'prompted'> => e.type === 'prompted' && e.stepId === raised.stepId,
    );
    return { text: context.ruleName(kase.policyId, step?.ruleId ?? raised.stepId), since: raised.at };
  }
  const who = context.person(raised.actorId)?.name;
  const text = [`Escalated${who ? ` by ${who}` : ''}`, raised.reason].filter(Boolean).join(': ');
  return { text, since: raised.at };
}

/**
 * The bodies a case can go to: its policy's referrals at any time, and its external stage's routes for this
 * requester once the stage before it (the last one inside the desk) is reached.
 */
function referralRoutes(policy: Policy, kase: CaseRow): ExternalRoute[] {
  const affiliation = kase.requester.affiliation;
  const external = policy.stages.findIndex((stage) => stage.externalRoutes !== undefined);
  const staged =
    external >= 0 && !externalStageAhead(policy, kase) ? (policy.stages[external]!.externalRoutes ?? []) : [];
  return [...staged, ...policy.externalReferrals].filter(
    (route) =>
      route.affiliation === undefined || affiliation === undefined || route.affiliation === affiliation,
  );
}

/** Whether the policy's external stage is more than one stage ahead of the case. */
function externalStageAhead(policy: Policy, kase: CaseRow): boolean {
  const external = policy.stages.findIndex((stage) => stage.externalRoutes !== undefined);
  const current = policy.stages.findIndex((stage) => stage.id === kase.stage);
  return external >= 0 && current < external - 1;
}
