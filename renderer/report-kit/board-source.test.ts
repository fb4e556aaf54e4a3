import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type Board,
  boardCase,
  caseHistories,
  cellKeys,
  count,
  createBoard,
  deskAgeCounting,
  type ReportPeriod,
} from '../../shared/reports';
import { caseRules } from '../../shared/sync';
import { createClock, type MovableClock } from '../../shared/time';
import { type CaseStore, fromCaseRow, openCaseStore, runMutation, seedIfEmpty } from '../db';
import { type BoardSource, createBoardSource } from './board-source';

const NOW = '2026-03-02T10:00:00.000Z';
const PERIOD: ReportPeriod = { from: '2026-02-01T00:00:00.000Z', to: '2026-03-01T00:00:00.000Z' };
const DAY_MS = 86_400_000;

let opened: { store: CaseStore; source: BoardSource }[] = [];
let dbCount = 0;

afterEach(() => {
  for (const { store, source } of opened) {
    source.dispose();
    store.db.close();
  }
  opened = [];
});

async function setup(cases = 150): Promise<{ store: CaseStore; clock: MovableClock; source: BoardSource }> {
  const clock = createClock({ now: NOW });
  const store = await openCaseStore({ name: `desk-board-${++dbCount}`, clock, actorId: 'person-ana-patel' });
  await seedIfEmpty(store, { cases });
  const source = createBoardSource(store, clock, PERIOD);
  opened.push({ store, source });
  await source.ready();
  return { store, clock, source };
}

/** The board built from scratch over the store as it is now: what the live board must equal. */
async function rebuilt(store: CaseStore, now: Date, period = PERIOD): Promise<Board> {
  const { db } = store;
  const [rows, events, policies, calendars] = await Promise.all([
    db.cases.toArray(),
    db.events.toArray(),
    db.policies.toArray(),
    db.calendars.toArray(),
  ]);
  const histories = caseHistories(rows.map(fromCaseRow), events, { policies, calendars }, now);
  return createBoard(
    histories.map((h) => boardCase(h.case, h.sla)),
    { now, period, age: deskAgeCounting(policies, caseRules(policies, calendars).calendar) },
  );
}

function figures(board: Board): Record<string, number> {
  return Object.fromEntries(
    cellKeys(board)
      .sort()
      .map((key) => [key, count(board, key)]),
  );
}

async function settled(source: BoardSource): Promise<Board> {
  await source.idle();
  return source.getSnapshot().board!;
}

describe('the live board', () => {
  it('loads every case of the store with its clocks', async () => {
    const { store, source } = await setup();
    const snapshot = source.getSnapshot();
    expect(snapshot.status).toBe('ready');
    expect(snapshot.labels?.directory.people.length).toBeGreaterThan(10);
    expect(figures(snapshot.board!)).toEqual(figures(await rebuilt(store, new Date(NOW))));
  });

  it('moves a case that changes, and equals a board built from scratch', async () => {
    const { store, source } = await setup();
    const open = (await store.db.cases.toArray()).filter((row) => row.open === 1);
    const overdue = open.find((row) => row.slaState === 'breached') ?? open[0]!;
    const other = open.find((row) => row.id !== overdue.id && row.assigneeId !== 'person-ana-patel')!;
    const before = source.getSnapshot().version;
    await runMutation(store, 'setStatus', { caseId: overdue.id, status: 'resolved' });
    await runMutation(store, 'assign', { caseId: other.id, assigneeId: 'person-ana-patel' });
    const board = await settled(source);
    expect(source.getSnapshot().version).toBeGreaterThan(before);
    expect(figures(board)).toEqual(figures(await rebuilt(store, new Date(NOW))));
  });

  it('follows the clock forward (ages, deadlines falling due) and back', async () => {
    const { store, clock, source } = await setup();
    clock.set(new Date(Date.parse(NOW) + 3 * DAY_MS));
    let board = await settled(source);
    expect(figures(board)).toEqual(figures(await rebuilt(store, clock.now())));
    clock.set(new Date(Date.parse(NOW) - 2 * DAY_MS));
    board = await settled(source);
    expect(figures(board)).toEqual(figures(await rebuilt(store, clock.now())));
  });

  it('counts compliance over a new period when the period changes', async () => {
    const { store, source } = await setup();
    const period = { from: '2026-02-16T00:00:00.000Z', to: '2026-03-02T00:00:00.000Z' };
    source.setPeriod(period);
    const board = await settled(source);
    expect(board.period).toEqual(period);
    expect(figures(board)).toEqual(figures(await rebuilt(store, new Date(NOW), period)));
  });
});
