/**
 * The escalation runner: carries out the desk's escalation ladders and scheduled jobs against the app clock.
 *
 * It keeps, per open case, when its ladder next falls due, and sets ONE timer for the earliest of those, the
 * next scheduled job and the next digest; it wakes on that timer, on every move of the clock and on every
 * committed change (re-reading only the cases the change touched). A due step becomes a `markPrompted`
 * mutation carrying the step's deterministic id, which records it once however many windows, restarts or
 * desktops see it. A frozen clock (time travel, `?now=`) never moves by itself, so then only moves wake it.
 */
import Dexie, { type ObservabilitySet } from 'dexie';
import type { DueStep } from '../../shared/case-sla';
import type { Case, CaseEvent, EscalationLevel } from '../../shared/domain';
import { type Notice, noticeDeadline, recipientsFor, stepNotices } from '../../shared/notify';
import { stepEventIds } from '../../shared/sync';
import { DEFAULT_DESK_TIME_ZONE, type MovableClock } from '../../shared/time';
import {
  type CaseStore,
  type CommittedChange,
  fromCaseRow,
  onCommitted,
  runMutation,
  timelinesOf,
} from '../db';
import type { ContextSource, DeskContext } from './desk-context';
import type { Notifier } from './notifier';
import type { ReportOffer } from './report-offer';
import { runDueJobs } from './scheduled-reports';

export interface RunnerOptions {
  /** The desk's settings as the runner reads them; invalidated when they change. */
  context: ContextSource;
  notifier: Notifier;
  /** A scheduled report was generated. */
  onReport?: (offer: ReportOffer) => void;
  /** Cases read per transaction when scanning (default 500). */
  chunkSize?: number;
}

export interface EscalationRunner {
  /** Delivers whatever the notifier holds for a new "who I am". */
  wake(): void;
  /** Resolves when the work queued so far is done (tests). */
  idle(): Promise<void>;
  stop(): void;
}

/** setTimeout's longest wait; a later instant is reached by waking early and re-arming. */
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

export function startEscalationRunner(
  store: CaseStore,
  clock: MovableClock,
  options: RunnerOptions,
): EscalationRunner {
  const { db } = store;
  const chunkSize = options.chunkSize ?? 500;
  /** Open case id -> when its ladder next falls due (epoch ms). */
  const ladderNext = new Map<string, number>();
  let jobsNext: number | null = null;
  let rescan = true;
  let last = clock.now().getTime();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  let chain: Promise<void> = Promise.resolve();

  /**
   * Notices wait until the work queued so far is done, then go to the notifier together: a jump that carries
   * out many steps gives the notifier one batch (told as one summary), not a notification per step.
   */
  let notices: Notice[] = [];
  const tell = (more: readonly Notice[]) => {
    if (more.length === 0) return;
    if (notices.length === 0) {
      void enqueue(async () => {
        const batch = notices;
        notices = [];
        void options.notifier.offer(batch);
      });
    }
    notices.push(...more);
  };

  const enqueue = (work: () => Promise<void>): Promise<void> => {
    chain = chain
      .then(() => (stopped ? undefined : work()))
      .catch((error) => console.error('Desk could not run the escalation ladders', error));
    return chain;
  };

  /** Evaluates the ladders of these cases now; carries out the steps that are due. */
  const evaluate = async (context: DeskContext, ids: readonly string[]) => {
    const now = clock.now();
    const due: { kase: Case; step: DueStep }[] = [];
    for (let from = 0; from < ids.length; from += chunkSize) {
      const chunk = ids.slice(from, from + chunkSize);
      const [rows, timelines] = await db.transaction('r', [db.cases, db.events], () =>
        Promise.all([db.cases.bulkGet(chunk), timelinesOf(db, chunk)]),
      );
      rows.forEach((row, i) => {
        const id = chunk[i]!;
        if (row === undefined || row.open === 0) {
          ladderNext.delete(id);
          return;
        }
        const kase = fromCaseRow(row);
        const escalation = context.sla(kase, timelines.get(id) ?? [], now)?.escalation;
        if (escalation?.nextAt) ladderNext.set(id, escalation.nextAt.getTime());
        else ladderNext.delete(id);
        for (const step of escalation?.due ?? []) due.push({ kase, step });
      });
    }
    for (const { kase, step } of due) await carryOut(kase, step, context);
  };

  const carryOut = async (kase: Case, step: DueStep, context: DeskContext) => {
    // Another window or desktop may have recorded it since we read the timeline: look before acting.
    if ((await db.events.get(stepEventIds(kase.id, step.id).prompted)) !== undefined) return;
    try {
      await runMutation(store, 'markPrompted', {
        caseId: kase.id,
        stepId: step.id,
        ruleId: step.ruleId,
        notified: step.actions.notify,
        flagForPrompt: step.actions.flagForPrompt,
        // Those told who asked for email get it too (the mutator queues one message per step and person).
        // Of a confidential case, only those who may see it (shared/access).
        recipientIds: recipientsFor(step.actions.notify, kase, context.directory, context.policyOf(kase)).map(
          (r) => r.personId,
        ),
        ...(step.actions.raiseLevelTo === undefined ? {} : { raiseTo: step.actions.raiseLevelTo }),
        ...(step.actions.message === undefined ? {} : { message: step.actions.message }),
      });
    } catch (error) {
      console.error(`Desk could not record the escalation step ${step.id}`, error);
    }
  };

  const openCaseIds = () =>
    db.cases.where('[open+urgency]').between([1, Dexie.minKey], [1, Dexie.maxKey]).primaryKeys();

  const wake = async () => {
    const now = clock.now().getTime();
    const context = await options.context.get();
    // Back in time, or new rules: every open case's next step may have moved.
    if (rescan || now < last) {
      rescan = false;
      ladderNext.clear();
      await evaluate(context, await openCaseIds());
    } else {
      const due = [...ladderNext].filter(([, at]) => at <= now).map(([id]) => id);
      if (due.length > 0) await evaluate(context, due);
    }
    last = now;
    jobsNext = await runDueJobs(store, context, clock.now(), {
      // A report is news of its own: told apart from a batch of steps (which may become one summary).
      offer: (reportNotices) => void options.notifier.offer(reportNotices),
      generated: (offer) => options.onReport?.(offer),
    });
    await options.notifier.tick();
    arm();
  };

  const arm = () => {
    clearTimeout(timer);
    timer = undefined;
    if (stopped || clock.frozen) return;
    let at = Math.min(
      jobsNext ?? Number.POSITIVE_INFINITY,
      options.notifier.wakeAt() ?? Number.POSITIVE_INFINITY,
    );
    for (const next of ladderNext.values()) if (next < at) at = next;
    if (at === Number.POSITIVE_INFINITY) return;
    const wait = Math.min(MAX_TIMEOUT_MS, Math.max(0, at - clock.now().getTime()));
    timer = setTimeout(() => void enqueue(wake), wait);
  };

  /**
   * A first sync is under way: its pages (the desk's history, not news) are neither told nor read one by one;
   * every open case is read once its last page is in.
   */
  let inFirstSync = false;

  /** A committed change: tell people about the steps it recorded, and re-read the cases it touched. */
  const committed = (change: CommittedChange) => {
    if (change.firstSync || inFirstSync) {
      inFirstSync = change.firstSync === true;
      if (!inFirstSync) {
        rescan = true;
        void enqueue(wake);
      }
      return;
    }
    void enqueue(async () => {
      const touched = new Set<string>();
      for (const row of change.changes) {
        if (row.op !== 'put') continue;
        if (row.table === 'cases') touched.add(row.row.id);
        if (row.table === 'events') touched.add(row.row.caseId);
      }
      if (touched.size === 0) return;
      const context = await options.context.get();
      tell(await noticesOf(store, context, change));
      await evaluate(context, [...touched]);
      arm();
    });
  };

  const stopCommits = onCommitted(store, committed);
  const stopClock = clock.subscribe(() => void enqueue(wake));
  const stopSettings = onSettingsChanged(store, () => {
    options.context.invalidate();
    rescan = true;
    void enqueue(wake);
  });
  void enqueue(wake);

  return {
    wake: () => void enqueue(wake),
    async idle() {
      // Work may queue more work (a commit's re-read, a batch of notices): wait until none is left.
      for (let seen = chain; ; seen = chain) {
        await seen;
        if (seen === chain) return;
      }
    },
    stop() {
      stopped = true;
      clearTimeout(timer);
      stopCommits();
      stopClock();
      stopSettings();
    },
  };
}

/**
 * The notices for the ladder steps a change recorded (system `prompted` events): this window's own steps, or
 * another desktop's arriving in a pull patch. Staff's own records (an owner prompted) tell no one.
 */
async function noticesOf(store: CaseStore, context: DeskContext, change: CommittedChange): Promise<Notice[]> {
  const events: CaseEvent[] = [];
  const cases = new Map<string, Case>();
  for (const row of change.changes) {
    if (row.op !== 'put') continue;
    if (row.table === 'events') events.push(row.row);
    if (row.table === 'cases') cases.set(row.row.id, row.row);
  }
  const notices: Notice[] = [];
  for (const event of events) {
    if (event.type !== 'prompted' || event.actorId !== null) continue;
    let kase = cases.get(event.caseId);
    if (kase === undefined) {
      const row = await store.db.cases.get(event.caseId);
      if (row === undefined) continue;
      kase = fromCaseRow(row);
    }
    const raised = events.find(
      (e): e is Extract<CaseEvent, { type: 'escalated' }> =>
        e.type === 'escalated' && e.stepId === event.stepId,
    );
    const raisedTo: EscalationLevel | undefined = raised?.toLevel;
    const dueText = kase.confidential ? await deadlineText(store, context, kase) : null;
    notices.push(
      ...stepNotices(
        {
          stepId: event.stepId,
          caseId: kase.id,
          ref: kase.ref,
          subject: kase.subject,
          ruleName: context.ruleName(kase.policyId, event.ruleId),
          message: event.message,
          notified: event.notified,
          flagForPrompt: event.flagForPrompt,
          raisedTo,
          at: Date.parse(event.at),
          confidential: kase.confidential,
          kind: kase.kind,
          dueText,
        },
        kase,
        context.directory,
        context.policyOf(kase),
      ),
    );
  }
  return notices;
}

/** The deadline a case owes as the desk writes it, in its calendar's zone (what a confidential notice may say). */
async function deadlineText(store: CaseStore, context: DeskContext, kase: Case): Promise<string | null> {
  const dueAt = (await store.db.cases.get(kase.id))?.sla.dueAt ?? null;
  if (dueAt === null) return null;
  return noticeDeadline(dueAt, context.calendarOf(kase)?.spec.timeZone ?? DEFAULT_DESK_TIME_ZONE);
}

const SETTINGS_TABLES = ['policies', 'calendars', 'people', 'teams'];

/** Calls `listener` after a write to the desk's settings tables, in this window or another. */
function onSettingsChanged(store: CaseStore, listener: () => void): () => void {
  const prefixes = SETTINGS_TABLES.map((table) => `idb://${store.db.name}/${table}/`);
  const handler = (parts: ObservabilitySet) => {
    if (Object.keys(parts).some((part) => prefixes.some((prefix) => part.startsWith(prefix)))) listener();
  };
  Dexie.on.storagemutated.subscribe(handler);
  return () => Dexie.on.storagemutated.unsubscribe(handler);
}
