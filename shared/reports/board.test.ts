import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { generateDemo } from '../demo';
import { demoSettings } from '../demo/generate';
import { CASE_KINDS, CASE_SLA_STATES, CASE_STATUSES, isOpenStatus } from '../domain';
import type { ClockState } from '../sla';
import { ELAPSED_DAYS } from './age';
import {
  AGE_BUCKETS,
  advanceBoard,
  ageBucket,
  ageMarks,
  type Board,
  type BoardCase,
  boardCase,
  type ClockOutcome,
  cellKey,
  cellKeys,
  cellsOfCase,
  count,
  createBoard,
  drillDown,
  drillDownRows,
  parseCellKey,
  recentWeeks,
  updateBoard,
  weekOf,
} from './board';
import { caseHistories } from './history';

const NOW = '2026-03-02T10:00:00.000Z';
const PERIOD = { from: '2026-02-01T00:00:00.000Z', to: '2026-03-01T00:00:00.000Z' };
const DAY = 86_400_000;

function demoRows(cases: number, seed: number): BoardCase[] {
  const demo = generateDemo({ cases, now: NOW, seed });
  return caseHistories(demo.cases, demo.events, demoSettings(NOW), new Date(NOW)).map((h) =>
    boardCase(h.case, h.sla),
  );
}

/** Every figure and its cases, as sorted lists. */
function snapshot(board: Board): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const key of cellKeys(board).sort()) out[key] = drillDown(board, key).sort();
  return out;
}

/** An independent reading of the board's rules, one case at a time, with Temporal for the weeks. */
function expectedKeys(row: BoardCase, nowMs: number, period: typeof PERIOD): string[] {
  const keys = new Set<string>();
  const from = Date.parse(period.from);
  const to = Date.parse(period.to);
  if (isOpenStatus(row.status)) {
    keys.add('open/all/');
    const days = (nowMs - Date.parse(row.receivedAt)) / DAY;
    const bucket = AGE_BUCKETS.findLast((b) => days >= b.fromDays) ?? AGE_BUCKETS[0];
    keys.add(`open/age/${bucket.id}`);
    const metric = row.slaState === 'breached' ? 'overdue' : row.slaState === 'at-risk' ? 'at-risk' : null;
    if (metric !== null) {
      keys.add(`${metric}/all/`);
      keys.add(`${metric}/owner/${row.ownerId ?? row.assigneeId ?? ''}`);
      keys.add(`${metric}/team/${row.teamId ?? ''}`);
      keys.add(`${metric}/level/${row.escalationLevel}`);
      keys.add(`${metric}/kind/${row.kind}`);
      keys.add(`${metric}/policy/${row.policyId}`);
    }
  }
  let breached = false;
  let met = false;
  for (const clock of row.clocks) {
    if (clock.kind === 'window') continue;
    if (clock.state === 'breached' && clock.dueAt) {
      const local = Temporal.Instant.fromEpochMilliseconds(clock.dueAt.getTime())
        .toZonedDateTimeISO('Europe/London')
        .toPlainDate();
      keys.add(`breaches/week/${local.subtract({ days: local.dayOfWeek - 1 }).toString()}`);
      if (clock.dueAt.getTime() >= from && clock.dueAt.getTime() < to) {
        breached = true;
        keys.add(`breached/target/${row.policyId}/${clock.targetId}`);
      }
    }
    if (clock.state === 'met' && clock.metAt && clock.metAt.getTime() >= from && clock.metAt.getTime() < to) {
      met = true;
      keys.add(`met/target/${row.policyId}/${clock.targetId}`);
    }
  }
  if (breached) keys.add('breached/all/').add(`breached/policy/${row.policyId}`);
  else if (met) keys.add('met/all/').add(`met/policy/${row.policyId}`);
  return [...keys];
}

function expectedSnapshot(rows: Iterable<BoardCase>, nowMs: number): Record<string, string[]> {
  const cells = new Map<string, string[]>();
  for (const row of rows) {
    for (const key of expectedKeys(row, nowMs, PERIOD)) {
      const ids = cells.get(key);
      if (ids) ids.push(row.id);
      else cells.set(key, [row.id]);
    }
  }
  const out: Record<string, string[]> = {};
  for (const key of [...cells.keys()].sort()) out[key] = cells.get(key)!.sort();
  return out;
}

describe('the overdue board over a generated desk', () => {
  const rows = demoRows(3000, 11);
  const board = createBoard(rows, { now: NOW, period: PERIOD });

  it('has a drill-down list behind every figure whose length is the figure', () => {
    const keys = cellKeys(board);
    expect(keys.length).toBeGreaterThan(40);
    for (const key of keys) {
      const ids = drillDown(board, key);
      expect(ids.length).toBe(count(board, key));
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.length).toBeGreaterThan(0);
      expect(drillDownRows(board, key).map((r) => r.id)).toEqual(ids);
      expect(parseCellKey(key)).not.toBeNull();
    }
  });

  it('puts exactly the right cases behind every figure', () => {
    expect(snapshot(board)).toEqual(expectedSnapshot(rows, Date.parse(NOW)));
  });

  it('shows the figures a desk in trouble would have', () => {
    const open = rows.filter((r) => isOpenStatus(r.status));
    expect(count(board, cellKey('open', 'all'))).toBe(open.length);
    expect(count(board, cellKey('overdue', 'all'))).toBe(
      open.filter((r) => r.slaState === 'breached').length,
    );
    expect(count(board, cellKey('overdue', 'all'))).toBeGreaterThan(0);
    expect(count(board, cellKey('at-risk', 'all'))).toBe(open.filter((r) => r.slaState === 'at-risk').length);
    expect(count(board, cellKey('at-risk', 'all'))).toBeGreaterThan(0);
    // The age buckets split the open cases, and so do overdue cases by level, kind and policy.
    const sum = (keys: string[]) => keys.reduce((n, key) => n + count(board, key), 0);
    expect(sum(AGE_BUCKETS.map((b) => cellKey('open', 'age', b.id)))).toBe(open.length);
    for (const dimension of ['owner', 'team', 'level', 'kind', 'policy'] as const) {
      const keys = cellKeys(board).filter((k) => k.startsWith(`overdue/${dimension}/`));
      expect(sum(keys)).toBe(count(board, cellKey('overdue', 'all')));
    }
    // Compliance by policy splits the cases decided in the period.
    const met = cellKeys(board).filter((k) => k.startsWith('met/policy/'));
    expect(sum(met)).toBe(count(board, cellKey('met', 'all')));
    expect(count(board, cellKey('met', 'all'))).toBeGreaterThan(100);
    expect(count(board, cellKey('breached', 'all'))).toBeGreaterThan(0);
  });

  it('counts breaches in the weeks they happened, over the last 12 weeks', () => {
    const weeks = recentWeeks(board);
    expect(weeks).toHaveLength(12);
    expect(weeks.at(-1)).toBe('2026-03-02');
    expect(weeks[0]).toBe('2025-12-15');
    expect(weeks.some((w) => count(board, cellKey('breaches', 'week', w)) > 0)).toBe(true);
  });

  it('says where one case counts', () => {
    const overdue = drillDown(board, cellKey('overdue', 'all'))[0]!;
    expect(cellsOfCase(board, overdue)).toContain(cellKey('overdue', 'all'));
    expect(cellsOfCase(board, 'no-such-case')).toEqual([]);
    expect(drillDown(board, 'overdue/owner/no-such-person')).toEqual([]);
  });
});

describe('board rules on hand-made cases', () => {
  const base: BoardCase = {
    id: 'q1',
    ref: 'Q-1',
    subject: 'VPN',
    kind: 'query',
    policyId: 'query',
    status: 'open',
    ownerId: null,
    assigneeId: 'p-ana',
    teamId: 't-desk',
    escalationLevel: 1,
    receivedAt: '2026-02-23T09:00:00.000Z',
    slaState: 'breached',
    dueAt: new Date('2026-02-24T17:00:00.000Z'),
    clocks: [],
  };

  it('counts age in elapsed days since receipt when no desk calendar is given, on the ladder boundaries', () => {
    const marks = ageMarks(ELAPSED_DAYS, 0);
    expect(ageBucket(marks, 0)).toBe('0-2');
    expect(ageBucket(marks, 2 * DAY - 1)).toBe('0-2');
    expect(ageBucket(marks, 2 * DAY)).toBe('2-4');
    expect(ageBucket(marks, 6.9 * DAY)).toBe('4-7');
    expect(ageBucket(marks, 13 * DAY)).toBe('7-14');
    expect(ageBucket(marks, 40 * DAY)).toBe('14+');
    expect(ageBucket(marks, -DAY)).toBe('0-2');
  });

  it('counts an unowned case under whoever works it, and a nobody case under the empty owner', () => {
    const board = createBoard([base, { ...base, id: 'q2', assigneeId: null, teamId: null }], {
      now: NOW,
      period: PERIOD,
    });
    expect(drillDown(board, cellKey('overdue', 'owner', 'p-ana'))).toEqual(['q1']);
    expect(drillDown(board, cellKey('overdue', 'owner', null))).toEqual(['q2']);
    expect(drillDown(board, cellKey('overdue', 'team', null))).toEqual(['q2']);
    expect(drillDown(board, cellKey('overdue', 'level', 1)).sort()).toEqual(['q1', 'q2']);
  });

  it('treats a late answer as a breach in its week and in compliance, but not as overdue', () => {
    const lateMet: BoardCase = {
      ...base,
      status: 'resolved',
      slaState: 'none',
      clocks: [
        {
          targetId: 'first-response',
          kind: 'first-response',
          state: 'breached',
          dueAt: new Date('2026-02-15T23:30:00.000Z'), // Sunday 23:30 in London (GMT)
          metAt: new Date('2026-02-16T10:00:00.000Z'),
        },
        {
          targetId: 'resolution',
          kind: 'resolution',
          state: 'met',
          dueAt: new Date('2026-02-20T17:00:00.000Z'),
          metAt: new Date('2026-02-18T12:00:00.000Z'),
        },
      ],
    };
    const board = createBoard([lateMet], { now: NOW, period: PERIOD });
    expect(cellsOfCase(board, 'q1').sort()).toEqual([
      'breached/all/',
      'breached/policy/query',
      'breached/target/query/first-response',
      'breaches/week/2026-02-09',
      'met/target/query/resolution',
    ]);
  });

  it('starts weeks on Monday in London, also in summer time', () => {
    const board = createBoard([], { now: NOW, period: PERIOD });
    expect(weekOf(board, '2026-06-14T23:30:00Z')).toBe('2026-06-15'); // Monday 00:30 BST
    expect(weekOf(board, '2026-06-14T22:30:00Z')).toBe('2026-06-08'); // Sunday 23:30 BST
    const utc = createBoard([], { now: NOW, period: PERIOD, timeZone: 'UTC' });
    expect(weekOf(utc, '2026-06-14T23:30:00Z')).toBe('2026-06-08');
  });

  it('refuses a period that does not move forward and a case listed twice', () => {
    expect(() => createBoard([], { now: NOW, period: { from: PERIOD.to, to: PERIOD.from } })).toThrow(
      RangeError,
    );
    expect(() => createBoard([base, base], { now: NOW, period: PERIOD })).toThrow('twice');
  });
});

describe('incremental updates', () => {
  const seedRows = demoRows(400, 3);
  const people = ['p-ana', 'p-ben', null];
  const teams = ['t-desk', 't-net', null];
  const states: ClockState[] = [
    'pending',
    'running',
    'at-risk',
    'paused',
    'met',
    'breached',
    'open',
    'used',
    'closed',
  ];
  const instant = fc
    .integer({ min: Date.parse(NOW) - 120 * DAY, max: Date.parse(NOW) + 20 * DAY })
    .map((ms) => new Date(ms));
  const clock: fc.Arbitrary<ClockOutcome> = fc.record({
    targetId: fc.constantFrom('first-response', 'resolution', 'review'),
    kind: fc.constantFrom('first-response', 'resolution', 'window'),
    state: fc.constantFrom(...states),
    dueAt: fc.option(instant),
    metAt: fc.option(instant),
  });
  const change = fc.record(
    {
      status: fc.constantFrom(...CASE_STATUSES),
      slaState: fc.constantFrom(...CASE_SLA_STATES),
      ownerId: fc.constantFrom(...people),
      assigneeId: fc.constantFrom(...people),
      teamId: fc.constantFrom(...teams),
      escalationLevel: fc.constantFrom(0 as const, 1 as const, 2 as const),
      kind: fc.constantFrom(...CASE_KINDS),
      policyId: fc.constantFrom('query', 'complaint', 'desk-own'),
      receivedAt: instant.map((d) => d.toISOString()),
      clocks: fc.array(clock, { maxLength: 4 }),
    },
    { requiredKeys: [] },
  );
  const operation = fc.oneof(
    fc.record({ op: fc.constant('change' as const), index: fc.nat(), change }),
    fc.record({ op: fc.constant('remove' as const), index: fc.nat() }),
    fc.record({ op: fc.constant('add' as const), index: fc.nat(), change }),
    fc.record({ op: fc.constant('advance' as const), hours: fc.integer({ min: 0, max: 24 * 20 }) }),
  );

  it('equal a full recompute after any sequence of changes, removals, additions and clock moves', () => {
    fc.assert(
      fc.property(fc.array(operation, { minLength: 1, maxLength: 40 }), (operations) => {
        const rows = new Map(seedRows.map((r) => [r.id, r]));
        const board = createBoard(rows.values(), { now: NOW, period: PERIOD });
        let nowMs = Date.parse(NOW);
        let added = 0;
        for (const step of operations) {
          const ids = [...rows.keys()];
          if (step.op === 'advance') {
            nowMs += step.hours * 3_600_000;
            advanceBoard(board, new Date(nowMs));
          } else if (step.op === 'add') {
            const row = { ...seedRows[step.index % seedRows.length]!, ...step.change, id: `new-${added++}` };
            updateBoard(board, null, row);
            rows.set(row.id, row);
          } else if (ids.length > 0) {
            const before = rows.get(ids[step.index % ids.length]!)!;
            if (step.op === 'remove') {
              updateBoard(board, before, null);
              rows.delete(before.id);
            } else {
              const after = { ...before, ...step.change };
              const touched = updateBoard(board, before, after);
              rows.set(after.id, after);
              for (const key of touched) expect(drillDown(board, key).length).toBe(count(board, key));
            }
          }
        }
        expect(snapshot(board)).toEqual(
          snapshot(createBoard(rows.values(), { now: new Date(nowMs), period: PERIOD })),
        );
        expect(snapshot(board)).toEqual(expectedSnapshot(rows.values(), nowMs));
      }),
      { numRuns: 150 },
    );
  });

  it('reports the figures an update moved, none for a change no figure sees, and keeps the new row', () => {
    const board = createBoard(seedRows, { now: NOW, period: PERIOD });
    const row = seedRows.find((r) => isOpenStatus(r.status) && r.slaState !== 'breached')!;
    const version = board.version;
    expect(updateBoard(board, row, { ...row, subject: 'Renamed' })).toEqual([]);
    expect(drillDownRows(board, cellKey('open', 'all')).find((r) => r.id === row.id)?.subject).toBe(
      'Renamed',
    );
    expect(board.version).toBe(version + 1);
    const touched = updateBoard(board, row, { ...row, slaState: 'breached', escalationLevel: 2 });
    expect(touched).toContain(cellKey('overdue', 'all'));
    expect(touched).toContain(cellKey('overdue', 'level', 2));
    expect(board.version).toBe(version + 2);
    expect(() => updateBoard(board, row, { ...row, id: 'other' })).toThrow(RangeError);
  });
});
