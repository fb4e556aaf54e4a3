/**
 * The overdue board over the local store, kept current. Loading reads every case with its timeline in chunks
 * and computes its SLA clocks (the board needs each clock's outcome, which the stored summary does not keep).
 * Afterwards it is incremental: a committed change re-reads only the cases it touched (`updateBoard`); the
 * clock moving on re-buckets ages (`advanceBoard`) and recomputes only the cases whose SLA picture was due to
 * change by then; the clock moved back recomputes everything.
 */

import type { CaseSla } from '../../shared/case-sla';
import type { Case, CaseEvent } from '../../shared/domain';
import {
  type AgeCounting,
  advanceBoard,
  type Board,
  type BoardCase,
  type BoardLabels,
  boardCase,
  createBoard,
  deskAgeCounting,
  ELAPSED_DAYS,
  type ReportPeriod,
  updateBoard,
} from '../../shared/reports';
import { caseRules } from '../../shared/sync';
import type { MovableClock } from '../../shared/time';
import { type CaseForAccess, currentViewer, maySeeFor } from '../access';
import { type CaseStore, fromCaseRow, onCommitted, timelinesOf } from '../db';

export type BoardStatus = 'loading' | 'ready' | 'failed';

export interface BoardSnapshot {
  status: BoardStatus;
  board: Board | null;
  labels: BoardLabels | null;
  /** Cases read of all, while loading. */
  loaded: { done: number; total: number } | null;
  problem: Error | null;
  /** Changes with every figure or row change (for memoised views). */
  version: number;
}

export interface BoardSource {
  getSnapshot(): BoardSnapshot;
  subscribe(listener: () => void): () => void;
  /** Compliance counts over this period; the board is rebuilt from the rows it holds. */
  setPeriod(period: ReportPeriod): void;
  /** Resolves once the board is loaded (or failed). */
  ready(): Promise<void>;
  /** Resolves once every change and clock move reported so far is on the board. */
  idle(): Promise<void>;
  dispose(): void;
}

const CHUNK = 1000;
/** Ages move with the clock even when no deadline falls due; a minute is fine-grained enough for days. */
const MAX_WAIT_MS = 60_000;

export function createBoardSource(store: CaseStore, clock: MovableClock, period: ReportPeriod): BoardSource {
  const listeners = new Set<() => void>();
  const rows = new Map<string, BoardCase>();
  /** When each case's SLA picture next changes (epoch ms); absent when nothing is pending. */
  const nextDue = new Map<string, number>();
  let snapshot: BoardSnapshot = {
    status: 'loading',
    board: null,
    labels: null,
    loaded: null,
    problem: null,
    version: 0,
  };
  let currentPeriod = period;
  let sla: SlaEngine | null = null;
  let age: AgeCounting = ELAPSED_DAYS;
  let lastNow = clock.now().getTime();
  // Only the cases the person using the app may see are counted or listed (shared/access).
  let maySee: (kase: CaseForAccess) => boolean = () => false;
  let disposed = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  // Work is serialised: a change arriving while the board loads waits for it.
  let queue: Promise<void> = Promise.resolve();
  let resolveReady: () => void = () => {};
  const readyPromise = new Promise<void>((resolve) => {
    resolveReady = resolve;
  });

  const publish = (patch: Partial<BoardSnapshot>) => {
    snapshot = { ...snapshot, ...patch, version: snapshot.version + 1 };
    for (const listener of [...listeners]) listener();
  };
  const enqueue = (work: () => Promise<void>) => {
    queue = queue.then(work).catch((error: unknown) => {
      console.error('Desk could not update the overdue board', error);
      publish({ status: 'failed', problem: error instanceof Error ? error : new Error(String(error)) });
    });
    return queue;
  };

  /** Board rows for these cases at `now`, with when each next changes. */
  const compute = (cases: readonly Case[], timelines: Map<string, CaseEvent[]>, now: Date) => {
    for (const kase of cases) {
      if (!maySee(kase)) continue;
      const caseSla = sla!(kase, timelines.get(kase.id) ?? [], now);
      rows.set(kase.id, boardCase(kase, caseSla));
      const due = caseSla?.nextDueAt?.getTime();
      if (due === undefined) nextDue.delete(kase.id);
      else nextDue.set(kase.id, due);
    }
  };

  const loadAll = async () => {
    const { db } = store;
    const [people, teams, policies, calendars, ids] = await Promise.all([
      db.people.toArray(),
      db.teams.toArray(),
      db.policies.toArray(),
      db.calendars.toArray(),
      db.cases.toCollection().primaryKeys(),
    ]);
    const rules = caseRules(policies, calendars);
    sla = rules.sla;
    age = deskAgeCounting(policies, rules.calendar);
    maySee = maySeeFor(await currentViewer(store), policies);
    rows.clear();
    nextDue.clear();
    const now = clock.now();
    lastNow = now.getTime();
    publish({ loaded: { done: 0, total: ids.length } });
    for (let from = 0; from < ids.length; from += CHUNK) {
      if (disposed) return;
      const chunk = ids.slice(from, from + CHUNK);
      const [found, timelines] = await Promise.all([db.cases.bulkGet(chunk), timelinesOf(db, chunk)]);
      compute(found.filter((row) => row !== undefined).map(fromCaseRow), timelines, now);
      publish({ loaded: { done: Math.min(from + CHUNK, ids.length), total: ids.length } });
    }
    publish({
      status: 'ready',
      board: createBoard(rows.values(), { now, period: currentPeriod, age }),
      labels: { directory: { people, teams }, policies },
      loaded: null,
      problem: null,
    });
    resolveReady();
    schedule();
  };

  /** Re-reads these cases and moves them on the board. */
  const refresh = async (ids: readonly string[], now: Date) => {
    const board = snapshot.board;
    if (board === null || ids.length === 0) return;
    const { db } = store;
    const [found, timelines] = await Promise.all([db.cases.bulkGet([...ids]), timelinesOf(db, ids)]);
    const previous = ids.map((id) => rows.get(id) ?? null);
    const present = found.filter((row) => row !== undefined).map(fromCaseRow);
    for (const id of ids) {
      rows.delete(id);
      nextDue.delete(id);
    }
    compute(present, timelines, now);
    let touched = 0;
    ids.forEach((id, i) => {
      touched += updateBoard(board, previous[i]!, rows.get(id) ?? null).length;
    });
    if (touched > 0 || present.length > 0) publish({});
  };

  const tick = () =>
    enqueue(async () => {
      const now = clock.now();
      const nowMs = now.getTime();
      const board = snapshot.board;
      if (board === null) return;
      if (nowMs < lastNow) {
        // Travelled back: deadlines un-breach, windows reopen; recompute everything.
        lastNow = nowMs;
        await loadAll();
        return;
      }
      lastNow = nowMs;
      const due: string[] = [];
      for (const [id, at] of nextDue) if (at <= nowMs) due.push(id);
      const moved = advanceBoard(board, now).length;
      for (let from = 0; from < due.length; from += CHUNK) await refresh(due.slice(from, from + CHUNK), now);
      if (moved > 0 && due.length === 0) publish({});
      schedule();
    });

  const schedule = () => {
    clearTimeout(timer);
    if (disposed) return;
    let earliest = Number.POSITIVE_INFINITY;
    for (const at of nextDue.values()) if (at < earliest) earliest = at;
    const wait = Math.min(MAX_WAIT_MS, Math.max(250, earliest - clock.now().getTime()));
    timer = setTimeout(tick, wait);
  };

  const stopCommits = onCommitted(store, ({ changes }) => {
    const ids = new Set<string>();
    let unknown = false;
    for (const change of changes) {
      if (change.table === 'cases') ids.add(change.op === 'put' ? change.row.id : change.id);
      else if (change.table === 'events') {
        if (change.op === 'put') ids.add(change.row.caseId);
        else unknown = true;
      } else if (change.table === 'policies' || change.table === 'calendars' || change.table === 'people')
        unknown = true;
    }
    // An event deleted by id names no case, and a policy or calendar change (the day counting) moves every
    // deadline and age, a directory change who may see what: read everything again rather than guess.
    if (unknown) void enqueue(loadAll);
    else if (ids.size > 0) void enqueue(() => refresh([...ids], clock.now()));
  });
  const stopClock = clock.subscribe(() => void tick());
  void enqueue(loadAll).then(resolveReady);

  return {
    getSnapshot: () => snapshot,
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    setPeriod(next) {
      if (next.from === currentPeriod.from && next.to === currentPeriod.to) return;
      currentPeriod = next;
      void enqueue(async () => {
        if (snapshot.board === null) return;
        publish({ board: createBoard(rows.values(), { now: clock.now(), period: currentPeriod, age }) });
      });
    },
    ready: () => readyPromise,
    idle: () => queue,
    dispose() {
      disposed = true;
      clearTimeout(timer);
      stopCommits();
      stopClock();
      listeners.clear();
    },
  };
}

type SlaEngine = (kase: Case, events: readonly CaseEvent[], now: Date) => CaseSla | null;
