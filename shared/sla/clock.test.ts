import { describe, expect, it } from 'vitest';
import { buildCase, historyOf } from '../domain/builders';
import type { CaseStatus } from '../domain/vocabulary';
import { ukCalendarSpec } from '../policies/uk-calendar';
import { compileCalendar } from './calendar';
import { computeCaseClocks } from './clock';
import { explainClock } from './clock-explain';
import { caseFinished, Target, type TargetInput } from './clock-schema';
import type { ClockPolicy } from './clock-types';

// UK desk: Mon–Fri 09:00–17:00 Europe/London. March 2026 is GMT until Sunday 29th, then BST.
const uk = compileCalendar(ukCalendarSpec({ fromYear: 2025, toYear: 2028 }));
const FINISHED = caseFinished();

function policy(targets: TargetInput[], pauseStatuses: CaseStatus[] = ['pending-requester']): ClockPolicy {
  return { id: 'test', pauseStatuses, targets: targets.map((t) => Target.parse(t)) };
}

const firstResponse = (duration: TargetInput['duration'], warning?: TargetInput['warning']): TargetInput => ({
  id: 'first-response',
  name: 'First response',
  kind: 'first-response',
  start: [{ on: 'received' }],
  stop: [{ on: 'reply' }, FINISHED],
  duration,
  ...(warning ? { warning } : {}),
});

const resolution = (duration: TargetInput['duration']): TargetInput => ({
  id: 'resolution',
  name: 'Resolution',
  kind: 'resolution',
  start: [{ on: 'received' }],
  stop: [FINISHED],
  duration,
});

// Monday 2 March 2026, 10:00 London (GMT).
const monday = '2026-03-02T10:00:00Z';
const complaint = () => buildCase({ id: 'c1', kind: 'complaint', receivedAt: monday, status: 'open' });
const at = (iso: string) => new Date(iso);
const iso = (d: Date | null | undefined) => d?.toISOString() ?? null;

describe('a deadline clock', () => {
  it('runs, turns at-risk at its warning and breaches at the deadline', () => {
    const p = policy([firstResponse({ amount: 4, unit: 'working-hours' }, { percentElapsed: 75 })]);
    const h = historyOf(complaint()).created();
    const sla = (now: string) => computeCaseClocks(complaint(), h.events, p, uk, at(now));
    // 4 working hours from Monday 10:00 is 14:00; 75% is 3 hours in, 13:00.
    expect(sla('2026-03-02T12:59:59Z').clocks[0]).toMatchObject({ state: 'running' });
    expect(iso(sla(monday).clocks[0]!.dueAt)).toBe('2026-03-02T14:00:00.000Z');
    expect(iso(sla(monday).clocks[0]!.warnAt)).toBe('2026-03-02T13:00:00.000Z');
    expect(sla('2026-03-02T13:00:00Z').clocks[0]!.state).toBe('at-risk');
    expect(sla('2026-03-02T14:00:00Z').clocks[0]!.state).toBe('breached');
    expect(sla('2026-03-02T14:00:00Z').state).toBe('breached');
  });

  it('is met by a reply in time, and breached with metAt kept when the reply is late', () => {
    const p = policy([firstResponse({ amount: 4, unit: 'working-hours' })]);
    const onTime = historyOf(complaint()).created().reply('2026-03-02T14:00:00Z');
    const late = historyOf(complaint()).created().reply('2026-03-02T14:00:01Z');
    const met = computeCaseClocks(complaint(), onTime.events, p, uk, at('2026-03-05T00:00:00Z'));
    const breached = computeCaseClocks(complaint(), late.events, p, uk, at('2026-03-05T00:00:00Z'));
    expect(met.clocks[0]).toMatchObject({ state: 'met', metAt: at('2026-03-02T14:00:00Z') });
    expect(breached.clocks[0]).toMatchObject({ state: 'breached', metAt: at('2026-03-02T14:00:01Z') });
    // A late reply is history, not an overdue case: the case no longer counts as breached.
    expect(breached.state).toBe('none');
    expect(breached.dueAt).toBeNull();
  });

  it('warns a fixed working time before the deadline', () => {
    const p = policy([
      firstResponse({ amount: 2, unit: 'working-days' }, { before: { amount: 90, unit: 'working-minutes' } }),
    ]);
    const sla = computeCaseClocks(complaint(), historyOf(complaint()).created().events, p, uk, at(monday));
    // Working day 1 is Tuesday, day 2 Wednesday: close of business Wednesday 17:00, warning 15:30.
    expect(iso(sla.clocks[0]!.dueAt)).toBe('2026-03-04T17:00:00.000Z');
    expect(iso(sla.clocks[0]!.warnAt)).toBe('2026-03-04T15:30:00.000Z');
    expect(iso(sla.nextDueAt)).toBe('2026-03-04T15:30:00.000Z');
  });

  it('counts calendar days as the same wall-clock time across a DST change', () => {
    const p = policy([firstResponse({ amount: 2, unit: 'calendar-days' })]);
    const c = buildCase({ id: 'c2', kind: 'complaint', receivedAt: '2026-03-28T10:00:00Z', status: 'open' });
    const sla = computeCaseClocks(c, historyOf(c).created().events, p, uk, at('2026-03-28T10:00:00Z'));
    // Saturday 10:00 GMT; Monday 10:00 is BST, so 09:00Z (47 real hours later).
    expect(iso(sla.clocks[0]!.dueAt)).toBe('2026-03-30T09:00:00.000Z');
  });

  it('applies a target only to the priorities it names', () => {
    const urgent = {
      ...firstResponse({ amount: 1, unit: 'working-hours' }),
      id: 'urgent-response',
      priorities: ['urgent'],
    };
    const p = policy([urgent as TargetInput, firstResponse({ amount: 8, unit: 'working-hours' })]);
    const normal = computeCaseClocks(complaint(), historyOf(complaint()).created().events, p, uk, at(monday));
    expect(normal.clocks.map((c) => c.targetId)).toEqual(['first-response']);
    const hot = buildCase({
      id: 'c3',
      kind: 'complaint',
      receivedAt: monday,
      status: 'open',
      priority: 'urgent',
    });
    const urgentSla = computeCaseClocks(hot, historyOf(hot).created().events, p, uk, at(monday));
    expect(urgentSla.clocks.map((c) => c.targetId)).toEqual(['urgent-response', 'first-response']);
  });
});

describe('pausing', () => {
  const p = policy([resolution({ amount: 16, unit: 'working-hours' })]);

  it('extends a working-time deadline by the working time spent paused', () => {
    // Paused Monday 15:00 to Tuesday 11:00: 2 + 2 = 4 working hours.
    const h = historyOf(complaint())
      .created()
      .status('2026-03-02T15:00:00Z', 'pending-requester')
      .status('2026-03-03T11:00:00Z', 'open');
    const sla = computeCaseClocks(complaint(), h.events, p, uk, at('2026-03-03T12:00:00Z'));
    // Unpaused: 16 working hours from Monday 10:00 is Wednesday 10:00; plus 4 is Wednesday 14:00.
    expect(iso(sla.clocks[0]!.dueAt)).toBe('2026-03-04T14:00:00.000Z');
    expect(sla.clocks[0]!.pausedMs).toBe(20 * 3_600_000);
  });

  it('costs nothing when the pause lies outside working time', () => {
    const h = historyOf(complaint())
      .created()
      .status('2026-03-02T17:30:00Z', 'pending-requester')
      .status('2026-03-03T08:30:00Z', 'open');
    const sla = computeCaseClocks(complaint(), h.events, p, uk, at('2026-03-03T12:00:00Z'));
    expect(iso(sla.clocks[0]!.dueAt)).toBe('2026-03-04T10:00:00.000Z');
  });

  it('shows a paused clock as paused, its deadline moving later while the pause lasts', () => {
    const h = historyOf(complaint()).created().status('2026-03-02T15:00:00Z', 'pending-requester');
    const early = computeCaseClocks(complaint(), h.events, p, uk, at('2026-03-02T16:00:00Z'));
    const later = computeCaseClocks(complaint(), h.events, p, uk, at('2026-03-03T16:00:00Z'));
    expect(early.clocks[0]!.state).toBe('paused');
    expect(early.state).toBe('paused');
    expect(early.nextDueAt).toBeNull();
    expect(later.clocks[0]!.dueAt!.getTime()).toBeGreaterThan(early.clocks[0]!.dueAt!.getTime());
  });

  it('does not rescue a clock that had already breached', () => {
    const short = policy([resolution({ amount: 1, unit: 'working-hours' })]);
    const h = historyOf(complaint()).created().status('2026-03-02T12:00:00Z', 'pending-requester');
    const sla = computeCaseClocks(complaint(), h.events, short, uk, at('2026-03-02T13:00:00Z'));
    expect(sla.clocks[0]).toMatchObject({ state: 'breached', dueAt: at('2026-03-02T11:00:00Z') });
  });

  it('pushes a calendar-time deadline by the real time paused, and leaves unpausable targets alone', () => {
    const mixed = policy([
      firstResponse({ amount: 24, unit: 'calendar-hours' }),
      { ...resolution({ amount: 24, unit: 'calendar-hours' }), pausable: false },
    ]);
    const h = historyOf(complaint())
      .created()
      .status('2026-03-02T12:00:00Z', 'pending-requester')
      .status('2026-03-02T18:30:00Z', 'open');
    const sla = computeCaseClocks(complaint(), h.events, mixed, uk, at('2026-03-02T19:00:00Z'));
    expect(iso(sla.clocks[0]!.dueAt)).toBe('2026-03-03T16:30:00.000Z');
    expect(iso(sla.clocks[1]!.dueAt)).toBe('2026-03-03T10:00:00.000Z');
  });

  it('extends a working-days deadline by the working time paused, from close of business', () => {
    const days = policy([resolution({ amount: 3, unit: 'working-days' })]);
    const h = historyOf(complaint())
      .created()
      .status('2026-03-03T13:00:00Z', 'pending-requester')
      .status('2026-03-03T16:00:00Z', 'open');
    const sla = computeCaseClocks(complaint(), h.events, days, uk, at('2026-03-03T16:00:00Z'));
    // Day 3 closes Thursday 17:00; 3 working hours paused move it to Friday 12:00.
    expect(iso(sla.clocks[0]!.dueAt)).toBe('2026-03-06T12:00:00.000Z');
  });
});

describe('repeating and stage clocks', () => {
  const cadence: TargetInput = {
    id: 'next-update',
    name: 'Update after each contact',
    kind: 'next-update',
    start: [{ on: 'received' }, { on: 'customer-contact' }],
    stop: [{ on: 'reply' }, FINISHED],
    repeats: true,
    duration: { amount: 4, unit: 'working-hours' },
  };

  it('restarts a cadence at the first unanswered contact after each reply', () => {
    const h = historyOf(complaint())
      .created()
      .reply('2026-03-02T11:00:00Z')
      .contact('2026-03-02T15:00:00Z')
      .contact('2026-03-02T16:00:00Z');
    const sla = computeCaseClocks(complaint(), h.events, policy([cadence]), uk, at('2026-03-02T16:30:00Z'));
    // Cycle 2 began at the first unanswered contact (15:00): 2 hours Monday, 2 on Tuesday.
    expect(sla.clocks[0]).toMatchObject({
      state: 'running',
      cycle: 2,
      startedAt: at('2026-03-02T15:00:00Z'),
      dueAt: at('2026-03-03T11:00:00Z'),
      startEventId: 'c1-e3',
    });
  });

  it('meets a cadence cycle and opens the next with the same update', () => {
    const afterUpdate: TargetInput = {
      ...cadence,
      start: [{ on: 'reply' }],
      stop: [{ on: 'reply' }, FINISHED],
    };
    const h = historyOf(complaint()).created().reply('2026-03-02T11:00:00Z').reply('2026-03-02T13:00:00Z');
    const sla = computeCaseClocks(
      complaint(),
      h.events,
      policy([afterUpdate]),
      uk,
      at('2026-03-02T13:30:00Z'),
    );
    expect(sla.clocks[0]).toMatchObject({
      cycle: 2,
      startedAt: at('2026-03-02T13:00:00Z'),
      state: 'running',
    });
    const resolved = historyOf(complaint())
      .created()
      .reply('2026-03-02T11:00:00Z')
      .status('2026-03-02T12:00:00Z', 'resolved');
    const done = computeCaseClocks(
      complaint(),
      resolved.events,
      policy([afterUpdate]),
      uk,
      at('2026-03-09T00:00:00Z'),
    );
    expect(done.clocks[0]!.state).toBe('met');
  });

  it('opens a window on the response and closes it, never breaching', () => {
    const window: TargetInput = {
      id: 'review-window',
      name: 'May ask for review',
      kind: 'window',
      start: [{ on: 'reply', purposes: ['response'] }],
      stop: [{ on: 'stage-entered', stage: 'review' }],
      duration: { amount: 2, unit: 'calendar-weeks' },
    };
    const c = buildCase({
      id: 'w',
      kind: 'formal-complaint',
      receivedAt: monday,
      stage: 'formal',
      status: 'open',
    });
    const h = historyOf(c).created().reply('2026-03-03T10:00:00Z', 'update');
    const p = policy([window]);
    expect(computeCaseClocks(c, h.events, p, uk, at('2026-03-04T10:00:00Z')).clocks[0]!.state).toBe(
      'pending',
    );
    h.reply('2026-03-05T10:00:00Z', 'response');
    const open = computeCaseClocks(c, h.events, p, uk, at('2026-03-06T10:00:00Z'));
    expect(open.clocks[0]).toMatchObject({ state: 'open', dueAt: at('2026-03-19T10:00:00Z') });
    expect(iso(open.nextDueAt)).toBe('2026-03-19T10:00:00.000Z');
    expect(open.state).toBe('none');
    expect(computeCaseClocks(c, h.events, p, uk, at('2026-03-19T10:00:00Z')).clocks[0]!.state).toBe('closed');
    h.stage('2026-03-18T10:00:00Z', 'review');
    expect(computeCaseClocks(c, h.events, p, uk, at('2026-03-25T10:00:00Z')).clocks[0]!.state).toBe('used');
  });
});

describe('replaying history', () => {
  const p = policy([
    firstResponse({ amount: 4, unit: 'working-hours' }),
    resolution({ amount: 5, unit: 'working-days' }),
  ]);

  it('ignores events after now, so moving the clock back shows the past', () => {
    const h = historyOf(complaint())
      .created()
      .reply('2026-03-02T11:00:00Z')
      .status('2026-03-03T10:00:00Z', 'resolved');
    const before = computeCaseClocks(complaint(), h.events, p, uk, at('2026-03-02T10:30:00Z'));
    expect(before.clocks.map((c) => c.state)).toEqual(['running', 'running']);
    const after = computeCaseClocks(complaint(), h.events, p, uk, at('2026-03-04T10:30:00Z'));
    expect(after.clocks.map((c) => c.state)).toEqual(['met', 'met']);
  });

  it('gives the same answer whatever order the events arrive in', () => {
    const h = historyOf(complaint())
      .created()
      .status('2026-03-02T11:00:00Z', 'pending-requester')
      .contact('2026-03-03T09:30:00Z')
      .status('2026-03-03T09:31:00Z', 'open')
      .reply('2026-03-03T14:00:00Z');
    const now = at('2026-03-04T10:00:00Z');
    const inOrder = computeCaseClocks(complaint(), h.events, p, uk, now);
    const shuffled = computeCaseClocks(complaint(), [...h.events].reverse(), p, uk, now);
    expect(shuffled).toEqual(inOrder);
  });

  it('reads the status before the first recorded change when there is no created event', () => {
    const c = buildCase({ id: 'c9', kind: 'complaint', receivedAt: monday, status: 'open' });
    const h = historyOf({ ...c, status: 'pending-requester' }).status('2026-03-02T14:00:00Z', 'open');
    const sla = computeCaseClocks(c, h.events, p, uk, at('2026-03-02T15:00:00Z'));
    // Paused from receipt (10:00) to 14:00: the 4-hour first response is due at 18:00 → Tuesday 10:00.
    expect(iso(sla.clocks[0]!.dueAt)).toBe('2026-03-03T10:00:00.000Z');
  });

  it('orders overall state breached > at-risk > on-track > paused and reports the most urgent deadline', () => {
    const sla = computeCaseClocks(
      complaint(),
      historyOf(complaint()).created().events,
      p,
      uk,
      at('2026-03-02T15:00:00Z'),
    );
    expect(sla.clocks.map((c) => c.state)).toEqual(['breached', 'running']);
    expect(sla.state).toBe('breached');
    expect(iso(sla.dueAt)).toBe('2026-03-02T14:00:00.000Z');
    expect(iso(sla.nextDueAt)).toBe('2026-03-09T17:00:00.000Z');
  });
});

describe('explainClock', () => {
  it('lists the counted, paused and skipped spans of a clock', () => {
    const p = policy([resolution({ amount: 16, unit: 'working-hours' })]);
    // Friday 27 Feb 15:00 received; paused Monday 10:00–11:00.
    const c = buildCase({ id: 'x', kind: 'complaint', receivedAt: '2026-02-27T15:00:00Z', status: 'open' });
    const h = historyOf(c)
      .created()
      .status('2026-03-02T10:00:00Z', 'pending-requester')
      .status('2026-03-02T11:00:00Z', 'open');
    const explanation = explainClock(c, h.events, p, uk, 'resolution', at('2026-03-02T12:00:00Z'))!;
    const spans = explanation.spans.map(
      (s) => `${s.kind}${s.projected ? '*' : ''} ${iso(s.start)?.slice(5, 16)}`,
    );
    expect(spans).toEqual([
      'counted 02-27T15:00',
      'night 02-27T17:00',
      'weekend 02-28T00:00',
      'night 03-02T00:00',
      'counted 03-02T09:00',
      'paused 03-02T10:00',
      'counted 03-02T11:00',
      'counted* 03-02T12:00',
      'night* 03-02T17:00',
      'counted* 03-03T09:00',
    ]);
    // 2 hours Friday, 1 + 1 hour Monday before now.
    expect(explanation.countedMinutes).toBe(240);
    expect(explanation.clock.dueAt).toEqual(at('2026-03-03T16:00:00Z'));
    expect(explanation.spans.at(-1)!.end).toEqual(explanation.clock.dueAt);
  });

  it('is null for an unknown target or a clock that has not started', () => {
    const p = policy([resolution({ amount: 1, unit: 'working-days' })]);
    expect(explainClock(complaint(), [], p, uk, 'nope', at(monday))).toBeNull();
    expect(explainClock(complaint(), [], p, uk, 'resolution', at('2026-03-01T00:00:00Z'))).toBeNull();
  });
});
