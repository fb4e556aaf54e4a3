import { describe, expect, it } from 'vitest';
import { computeCaseSla } from '../case-sla';
import { buildCase, historyOf } from '../domain/builders';
import { queryPolicy } from '../policies';
import type { Policy } from '../policies/schema';
import { ukCalendarSpec } from '../policies/uk-calendar';
import { compileCalendar } from '../sla';
import { daysOpen, deskAgeCounting, ELAPSED_DAYS } from './age';
import { ageBucket, ageMarks, boardCase, cellKey, cellsOfCase, createBoard } from './board';
import { boardView } from './board-view';
import { outstandingReport } from './outstanding';

/*
 * The UK calendar: Mon–Fri 09:00–17:00 Europe/London, England and Wales bank holidays (2026: summer bank
 * holiday Monday 31 August). London is on BST (UTC+1) all through August and September 2026.
 */
const uk = compileCalendar(ukCalendarSpec({ fromYear: 2025, toYear: 2028 }));
const calendars = (id: string) => (id === uk.spec.id ? uk : null);
const HOUR = 3_600_000;
const PERIOD = { from: '2026-08-01T00:00:00Z', to: '2026-09-01T00:00:00Z' };
const directory = { people: [], teams: [] };

/** The level the query ladder has raised a still-open query to by `now` (every step due so far carried out). */
function ladderLevel(policy: Policy, receivedAt: string, now: Date): number {
  const kase = buildCase({ id: 'q1', kind: 'query', receivedAt, status: 'open' });
  const events = historyOf(kase).created().events;
  const due = computeCaseSla(kase, events, policy, uk, now).escalation.due;
  return Math.max(0, ...due.map((step) => step.actions.raiseLevelTo ?? 0));
}

function bucketOnBoard(policy: Policy, receivedAt: string, now: Date, level: number): string | undefined {
  const kase = buildCase({
    id: 'q1',
    kind: 'query',
    receivedAt,
    status: 'open',
    escalationLevel: level as 0 | 1 | 2,
  });
  const board = createBoard([boardCase(kase, null)], {
    now,
    period: PERIOD,
    age: deskAgeCounting([policy], calendars),
  });
  return cellsOfCase(board, 'q1')
    .find((key) => key.startsWith('open/age/'))
    ?.slice('open/age/'.length);
}

describe('days open count as the query ladder counts its days', () => {
  it('puts a query the ladder has raised to the manager in 7–14 and one with the director in 14+', () => {
    const policy = queryPolicy();
    // Queries logged at various times of the week, over the summer bank holiday, every hour for 24 days.
    for (const receivedAt of [
      '2026-08-20T09:00:00Z', // Thursday 10:00 BST: day 7 falls after the bank holiday
      '2026-08-28T15:30:00Z', // Friday 16:30, the weekend and the bank holiday straight after
      '2026-08-29T11:00:00Z', // logged on a Saturday (by mail)
    ]) {
      const start = Date.parse(receivedAt);
      const seen = new Set<string>();
      for (let t = start; t < start + 24 * 24 * HOUR; t += HOUR) {
        const now = new Date(t);
        const level = ladderLevel(policy, receivedAt, now);
        const bucket = bucketOnBoard(policy, receivedAt, now, level);
        seen.add(bucket ?? '');
        if (level === 2) expect(bucket, `${receivedAt} at ${now.toISOString()}`).toBe('14+');
        else if (level === 1) expect(bucket, `${receivedAt} at ${now.toISOString()}`).toBe('7-14');
        else expect(['0-2', '2-4', '4-7'], `${receivedAt} at ${now.toISOString()}`).toContain(bucket);
      }
      expect([...seen].sort()).toEqual(['0-2', '14+', '2-4', '4-7', '7-14']);
    }
  });

  it('does not count the weekend and the bank holiday that elapsed days would', () => {
    // Thursday 20 August 10:00 BST; by Monday 31 August noon (a bank holiday) 11 calendar days have passed,
    // but only 6 working days (Fri 21, Mon 24 – Fri 28): still before the manager's day 7 (Tue 1 Sep 17:00).
    const receivedAt = '2026-08-20T09:00:00Z';
    const now = new Date('2026-08-31T11:00:00Z');
    const counting = deskAgeCounting([queryPolicy()], calendars);
    expect(daysOpen(counting, Date.parse(receivedAt), now.getTime())).toBe(6);
    expect(daysOpen(ELAPSED_DAYS, Date.parse(receivedAt), now.getTime())).toBe(11);
    expect(ageBucket(ageMarks(counting, Date.parse(receivedAt)), now.getTime())).toBe('4-7');
    // Day 7 ends at close of business on Tuesday 1 September, 17:00 BST.
    expect(daysOpen(counting, Date.parse(receivedAt), Date.parse('2026-09-01T15:59:00Z'))).toBe(6);
    expect(daysOpen(counting, Date.parse(receivedAt), Date.parse('2026-09-01T16:00:00Z'))).toBe(7);
    expect(ladderLevel(queryPolicy(), receivedAt, new Date('2026-09-01T16:00:00Z'))).toBe(1);
    expect(daysOpen(counting, Date.parse(receivedAt), Date.parse('2027-08-20T09:00:00Z'))).toBeGreaterThan(
      240,
    );
  });

  it('says the unit where the days are shown, on the board and in the outstanding report', () => {
    const receivedAt = '2026-08-20T09:00:00Z';
    const now = new Date('2026-08-31T11:00:00Z');
    const kase = buildCase({ id: 'q1', kind: 'query', receivedAt, status: 'open', assigneeId: 'p1' });
    const age = deskAgeCounting([queryPolicy()], calendars);
    const board = createBoard([boardCase(kase, null)], { now, period: PERIOD, age });
    const view = boardView(board, { directory, policies: [queryPolicy()] });
    expect(view.ageHeading).toBe('Working days open');
    expect(view.age.find((a) => a.id === '4-7')?.figure.count).toBe(1);
    expect(board && cellsOfCase(board, 'q1')).toContain(cellKey('open', 'age', '4-7'));

    const report = outstandingReport([kase], { directory, now, age });
    expect(report.allCases.rows[0]?.ageDays).toBe(6);
    expect(report.allCases.columns.find((c) => c.id === 'age')?.header).toBe('Working days open');
    expect(report.total.oldestDays).toBe(6);
  });

  it('follows the setting: calendar days count the same local time N days later', () => {
    const policy = queryPolicy({ dayCounting: 'calendar-days' });
    const counting = deskAgeCounting([policy], calendars);
    expect(counting.unit).toBe('calendar-days');
    const receivedAt = '2026-08-20T09:00:00Z';
    // Day 7 is Thursday 27 August 10:00 BST, the manager's step on this ladder.
    expect(bucketOnBoard(policy, receivedAt, new Date('2026-08-27T08:59:00Z'), 0)).toBe('4-7');
    expect(bucketOnBoard(policy, receivedAt, new Date('2026-08-27T09:00:00Z'), 1)).toBe('7-14');
    expect(ladderLevel(policy, receivedAt, new Date('2026-08-27T09:00:00Z'))).toBe(1);
    const view = boardView(createBoard([], { now: receivedAt, period: PERIOD, age: counting }), {
      directory,
      policies: [policy],
    });
    expect(view.ageHeading).toBe('Days open');
  });
});
