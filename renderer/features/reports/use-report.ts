/**
 * Which report an address names, and that report read from the local store and kept current: re-read after
 * committed changes (at most once a second) and as the app clock moves (by the minute).
 */
import { useEffect, useMemo, useState } from 'react';
import { boardReport, boardView, type ReportPeriod } from '../../../shared/reports';
import { useActorId, useCaseStore } from '../../case-store/case-store';
import { useNow } from '../../clock';
import { type CaseStore, onCommitted } from '../../db';
import { useReportOfferStore } from '../../escalation-runner/report-offer';
import { periodDays, periodFor, periodOfDays, usePeriodChoice } from '../../report-kit/period';
import { boardPrintable } from '../../report-kit/printable';
import {
  type LoadedReport,
  loadCompliance,
  loadEvidence,
  loadOutstanding,
  loadOutstandingRun,
  loadRegister,
} from '../../report-kit/report-data';
import { useBoard } from '../../report-kit/use-board';

export type ReportRoute =
  /** A null run: the report now; else a stored scheduled run, as it stood. */
  | { kind: 'outstanding'; runId: string | null }
  /** A null period: the one chosen in the period picker. */
  | { kind: 'compliance'; period: ReportPeriod | null }
  | { kind: 'complaints-register'; period: ReportPeriod | null }
  /** A null reference: none chosen yet. */
  | { kind: 'evidence'; reference: string | null }
  | { kind: 'board'; period: ReportPeriod | null };

export interface ReportState {
  report: LoadedReport | null;
  /** Why there is no report (e.g. no case with that reference). */
  problem: string | null;
}

/** `['compliance', '2026-02-01', '2026-02-28']` and the like (the segments after #/reports or #/print). */
export function reportRoute(segments: readonly string[]): ReportRoute | null {
  const [kind, first, last] = segments;
  const period = first !== undefined && last !== undefined ? periodOfDays(first, last) : null;
  switch (kind) {
    case 'outstanding':
      return { kind, runId: first === 'run' && last ? last : null };
    case 'compliance':
    case 'complaints-register':
    case 'board':
      return { kind, period };
    case 'evidence':
      return { kind, reference: first?.trim() || null };
    default:
      return null;
  }
}

/** The segments that name `route` with its period spelled out (for the print route's address). */
export function routeSegments(route: ReportRoute, period: ReportPeriod): string[] {
  switch (route.kind) {
    case 'outstanding':
      return route.runId === null ? [route.kind] : [route.kind, 'run', route.runId];
    case 'evidence':
      return route.reference === null ? [route.kind] : [route.kind, route.reference];
    default: {
      const { first, last } = periodDays(route.period ?? period);
      return [route.kind, first, last];
    }
  }
}

/** The period a route reports on: its own, else the one chosen in the picker. */
export function useRoutePeriod(route: ReportRoute): ReportPeriod {
  const now = useNow(60_000);
  const choice = usePeriodChoice();
  const own = 'period' in route ? route.period : null;
  return useMemo(() => own ?? periodFor(choice, now), [own, choice, now]);
}

/** The report a route names, from this browser's store. */
export function useLocalReport(route: ReportRoute): ReportState {
  const period = useRoutePeriod(route);
  const fromBoard = route.kind === 'compliance' || route.kind === 'board';
  const boardState = useBoardReport(fromBoard ? route.kind : null, period);
  const storeState = useStoreReport(fromBoard ? null : route, period);
  return fromBoard ? boardState : storeState;
}

const NOTHING: ReportState = { report: null, problem: null };

function useBoardReport(kind: 'compliance' | 'board' | null, period: ReportPeriod): ReportState {
  const snapshot = useBoard(kind === null ? IDLE_PERIOD : period, kind !== null);
  const now = useNow(60_000);
  const board = snapshot?.board ?? null;
  const labels = snapshot?.labels ?? null;
  const version = snapshot?.version ?? 0;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the board mutates in place; `version` says when.
  return useMemo((): ReportState => {
    if (kind === null || board === null || labels === null) {
      return snapshot?.status === 'failed'
        ? { report: null, problem: snapshot.problem?.message ?? null }
        : NOTHING;
    }
    if (kind === 'compliance') return { report: loadCompliance(board, labels, now), problem: null };
    const view = boardView(board, labels);
    const model = boardReport(view, view.now);
    return {
      report: {
        printable: boardPrintable(view, model),
        model,
        tables: model.sections.map((s) => ({ id: s.id, title: s.title, table: s.table })),
      },
      problem: null,
    };
  }, [kind, board, labels, version, now, snapshot?.status]);
}

/** Any period: the board is not used for this route. */
const IDLE_PERIOD: ReportPeriod = { from: '2000-01-01T00:00:00.000Z', to: '2000-01-02T00:00:00.000Z' };

function useStoreReport(route: ReportRoute | null, period: ReportPeriod): ReportState {
  const { store, problem: storeProblem } = useCaseStore();
  // Reports hold only the cases the person using the app may see: read again when they change who they are.
  const actorId = useActorId();
  const now = useNow(60_000);
  const [state, setState] = useState<ReportState>(NOTHING);
  const [changes, setChanges] = useState(0);
  const key = route === null ? null : JSON.stringify([route, period.from, period.to]);

  useEffect(() => {
    if (store === null || key === null) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stop = onCommitted(store, () => {
      clearTimeout(timer);
      timer = setTimeout(() => setChanges((n) => n + 1), 1000);
    });
    return () => {
      clearTimeout(timer);
      stop();
    };
  }, [store, key]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for the route and period; `changes` and `now` re-read.
  useEffect(() => {
    if (store === null || route === null) return;
    let current = true;
    load(store, route, period, now).then(
      (next) => current && setState(next),
      (error: unknown) =>
        current &&
        setState({ report: null, problem: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      current = false;
    };
  }, [store, key, changes, now, actorId]);

  if (route === null) return NOTHING;
  if (store === null && storeProblem) return { report: null, problem: storeProblem.message };
  return state;
}

async function load(
  store: CaseStore,
  route: ReportRoute,
  period: ReportPeriod,
  now: Date,
): Promise<ReportState> {
  switch (route.kind) {
    case 'outstanding': {
      if (route.runId === null) return { report: await loadOutstanding(store, now), problem: null };
      const report = await loadOutstandingRun(store, route.runId, useReportOfferStore.getState().me);
      return report === null
        ? { report: null, problem: 'This desktop does not keep that report run (it was made on another).' }
        : { report, problem: null };
    }
    case 'complaints-register':
      return { report: await loadRegister(store, period, now), problem: null };
    case 'evidence': {
      if (route.reference === null) return NOTHING;
      const report = await loadEvidence(store, route.reference, now);
      return report === null
        ? { report: null, problem: `There is no case with the reference ${route.reference}.` }
        : { report, problem: null };
    }
    default:
      return NOTHING;
  }
}
