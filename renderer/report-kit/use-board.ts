/**
 * The board for React views. One source per open store is shared by the board and the compliance report and
 * kept a minute after the last view leaves, so moving between them does not read the whole store again.
 */
import { useEffect, useState, useSyncExternalStore } from 'react';
import type { ReportPeriod } from '../../shared/reports';
import type { MovableClock } from '../../shared/time';
import { useActorId, useCaseStore } from '../case-store/case-store';
import { useClock } from '../clock';
import type { CaseStore } from '../db';
import { type BoardSnapshot, type BoardSource, createBoardSource } from './board-source';

interface Shared {
  source: BoardSource;
  clock: MovableClock;
  /** Whom the board was counted for: it counts only the cases they may see. */
  actorId: string | null;
  users: number;
  idle?: ReturnType<typeof setTimeout>;
}

const shared = new WeakMap<CaseStore, Shared>();
const KEEP_MS = 60_000;

function acquire(
  store: CaseStore,
  clock: MovableClock,
  period: ReportPeriod,
  actorId: string | null,
): BoardSource {
  let entry = shared.get(store);
  if (entry !== undefined && (entry.clock !== clock || entry.actorId !== actorId)) {
    entry.source.dispose();
    entry = undefined;
  }
  if (entry === undefined) {
    entry = { source: createBoardSource(store, clock, period), clock, actorId, users: 0 };
    shared.set(store, entry);
  }
  clearTimeout(entry.idle);
  entry.users++;
  return entry.source;
}

function release(store: CaseStore): void {
  const entry = shared.get(store);
  if (entry === undefined) return;
  entry.users--;
  if (entry.users > 0) return;
  entry.idle = setTimeout(() => {
    if (entry.users > 0) return;
    entry.source.dispose();
    if (shared.get(store) === entry) shared.delete(store);
  }, KEEP_MS);
}

const noSubscribe = () => () => {};
const noSnapshot = () => null;

/** The board with compliance over `period`; null while the store opens (or while not `enabled`). */
export function useBoard(period: ReportPeriod, enabled = true): BoardSnapshot | null {
  const { store } = useCaseStore();
  const clock = useClock();
  const actorId = useActorId();
  const [source, setSource] = useState<BoardSource | null>(null);

  // The period at first use only seeds the source; later periods go through setPeriod below.
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new period must not re-create the source.
  useEffect(() => {
    if (store === null || !enabled) return;
    const acquired = acquire(store, clock, period, actorId);
    setSource(acquired);
    return () => {
      setSource(null);
      release(store);
    };
  }, [store, clock, enabled, actorId]);

  useEffect(() => {
    source?.setPeriod({ from: period.from, to: period.to });
  }, [source, period.from, period.to]);

  return useSyncExternalStore(
    source ? source.subscribe : noSubscribe,
    source ? source.getSnapshot : noSnapshot,
  );
}
