import { describe, expect, it } from 'vitest';
import { computeCaseSla } from '../case-sla';
import { buildCase, historyOf } from '../domain/builders';
import { ukCalendarSpec } from '../policies/uk-calendar';
import { compileCalendar } from '../sla/calendar';
import { Target } from '../sla/clock-schema';
import { evaluateLadder } from './ladder';
import { EscalationRule, type EscalationRuleInput, Ladder } from './schema';

// Mon–Fri 09:00–17:00 Europe/London; March 2026 is GMT (London = UTC) until the 29th.
const uk = compileCalendar(ukCalendarSpec({ fromYear: 2025, toYear: 2028 }));
const monday = '2026-03-02T10:00:00Z';
const query = (fields: Partial<Parameters<typeof buildCase>[0]> = {}) =>
  buildCase({ id: 'q1', kind: 'query', receivedAt: monday, status: 'open', ...fields });
const rule = (input: EscalationRuleInput) => EscalationRule.parse(input);
const at = (iso: string) => new Date(iso);

const afterHours = rule({
  id: 'after-4h',
  name: 'After 4 working hours',
  when: { anchor: 'logged', after: { amount: 4, unit: 'working-hours' } },
  actions: { notify: ['desk'] },
});

describe('evaluateLadder', () => {
  it('makes a step due at its instant, with an id every desktop derives alike', () => {
    const h = historyOf(query()).created();
    const before = evaluateLadder(query(), h.events, [afterHours], uk, at('2026-03-02T13:59:59.999Z'));
    expect(before).toEqual({ due: [], nextAt: at('2026-03-02T14:00:00Z') });
    const due = evaluateLadder(query(), h.events, [afterHours], uk, at('2026-03-02T14:00:00Z'));
    expect(due.due).toEqual([
      {
        id: 'q1:after-4h:1',
        caseId: 'q1',
        ruleId: 'after-4h',
        occurrence: '1',
        dueAt: at('2026-03-02T14:00:00Z'),
        actions: afterHours.actions,
      },
    ]);
    expect(due.nextAt).toBeNull();
  });

  it('leaves out steps recorded as done', () => {
    const h = historyOf(query()).created().prompted('2026-03-02T14:00:05Z', 'q1:after-4h:1');
    expect(evaluateLadder(query(), h.events, [afterHours], uk, at('2026-03-03T10:00:00Z')).due).toEqual([]);
  });

  it('applies only to matching cases, open ones by default', () => {
    const onlyComplaints = rule({ ...afterHours, appliesTo: { kinds: ['complaint'] } });
    const h = historyOf(query()).created();
    expect(evaluateLadder(query(), h.events, [onlyComplaints], uk, at('2026-03-03T10:00:00Z'))).toEqual({
      due: [],
      nextAt: null,
    });
    h.status('2026-03-02T12:00:00Z', 'resolved');
    expect(evaluateLadder(query(), h.events, [afterHours], uk, at('2026-03-03T10:00:00Z')).due).toEqual([]);
    const urgentOwnerless = rule({
      ...afterHours,
      appliesTo: { priorities: ['urgent'], unowned: true, levels: [0] },
    });
    const urgent = query({ priority: 'urgent' });
    const hu = historyOf(urgent).created();
    expect(
      evaluateLadder(urgent, hu.events, [urgentOwnerless], uk, at('2026-03-03T10:00:00Z')).due,
    ).toHaveLength(1);
    hu.owner('2026-03-02T11:00:00Z', 'agent-2');
    expect(
      evaluateLadder(urgent, hu.events, [urgentOwnerless], uk, at('2026-03-03T10:00:00Z')).due,
    ).toHaveLength(0);
  });

  it('measures "since last update" from the latest reply, with a new id per update', () => {
    const quiet = rule({
      id: 'quiet',
      name: 'No update for a working day',
      when: { anchor: 'last-update', after: { amount: 8, unit: 'working-hours' } },
      actions: { notify: ['assignee'] },
    });
    const h = historyOf(query()).created();
    expect(evaluateLadder(query(), h.events, [quiet], uk, at('2026-03-03T10:00:00Z')).due[0]!.id).toBe(
      'q1:quiet:1',
    );
    h.reply('2026-03-03T11:00:00Z');
    const after = evaluateLadder(query(), h.events, [quiet], uk, at('2026-03-03T12:00:00Z'));
    expect(after).toEqual({ due: [], nextAt: at('2026-03-04T11:00:00Z') });
    expect(evaluateLadder(query(), h.events, [quiet], uk, at('2026-03-04T11:00:00Z')).due[0]!.id).toBe(
      'q1:quiet:q1-e2.1',
    );
  });

  it('repeats every interval, offering only the latest missed occurrence', () => {
    const daily = rule({
      ...afterHours,
      id: 'daily',
      repeat: { type: 'every', interval: { amount: 1, unit: 'working-days' }, count: 4 },
    });
    const h = historyOf(query()).created();
    // First at Monday 14:00, then close of business on the next working days: Tue, Wed, Thu 17:00.
    const wednesday = evaluateLadder(query(), h.events, [daily], uk, at('2026-03-04T18:00:00Z'));
    expect(wednesday.due.map((s) => [s.occurrence, s.dueAt.toISOString()])).toEqual([
      ['3', '2026-03-04T17:00:00.000Z'],
    ]);
    expect(wednesday.nextAt).toEqual(at('2026-03-05T17:00:00Z'));
    const later = evaluateLadder(query(), h.events, [daily], uk, at('2026-03-20T12:00:00Z'));
    expect(later.due.map((s) => s.occurrence)).toEqual(['4']);
    expect(later.nextAt).toBeNull();
  });

  it('repeats on an RRULE in local time after the first occurrence', () => {
    const mondays = rule({
      ...afterHours,
      id: 'mondays',
      repeat: { type: 'rrule', rrule: 'FREQ=WEEKLY;BYDAY=MO;BYHOUR=9;BYMINUTE=0;BYSECOND=0' },
    });
    const h = historyOf(query()).created();
    const first = evaluateLadder(query(), h.events, [mondays], uk, at('2026-03-02T15:00:00Z'));
    expect(first.due.map((s) => s.occurrence)).toEqual(['1']);
    expect(first.nextAt).toEqual(at('2026-03-09T09:00:00Z'));
    // After the clocks change, 09:00 London is 08:00Z. Occurrences: 2 Mar 14:00, 9, 16, 23, 30 Mar.
    const april = evaluateLadder(query(), h.events, [mondays], uk, at('2026-03-31T12:00:00Z'));
    expect(april.due.map((s) => [s.occurrence, s.dueAt.toISOString()])).toEqual([
      ['5', '2026-03-30T08:00:00.000Z'],
    ]);
    expect(april.nextAt).toEqual(at('2026-04-06T08:00:00Z'));
  });

  it('counts before and after a deadline while the target is owed', () => {
    const p = {
      id: 'p',
      pauseStatuses: ['pending-requester' as const],
      targets: [
        Target.parse({
          id: 'resolution',
          name: 'Resolution',
          kind: 'resolution',
          start: [{ on: 'received' }],
          stop: [{ on: 'status-entered', statuses: ['resolved'] }],
          duration: { amount: 2, unit: 'working-days' },
        }),
      ],
      ladder: Ladder.parse([
        {
          id: 'soon',
          name: 'Due soon',
          when: {
            anchor: 'deadline',
            target: 'resolution',
            direction: 'before',
            offset: { amount: 2, unit: 'working-hours' },
          },
          actions: { notify: ['owner'] },
        },
        {
          id: 'late',
          name: 'Overdue',
          when: {
            anchor: 'deadline',
            target: 'resolution',
            direction: 'after',
            offset: { amount: 0, unit: 'calendar-minutes' },
          },
          actions: { notify: ['manager'], raiseLevelTo: 1 },
        },
      ]),
    };
    const h = historyOf(query()).created();
    // Due Wednesday 17:00: "soon" at 15:00, "late" at 17:00.
    const monday = computeCaseSla(query(), h.events, p, uk, at('2026-03-02T12:00:00Z'));
    expect(monday.escalation.nextAt).toEqual(at('2026-03-04T15:00:00Z'));
    const wednesday = computeCaseSla(query(), h.events, p, uk, at('2026-03-04T17:00:00Z'));
    expect(wednesday.escalation.due.map((s) => s.id)).toEqual(['q1:soon:1', 'q1:late:1']);
    h.status('2026-03-04T16:00:00Z', 'resolved');
    expect(computeCaseSla(query(), h.events, p, uk, at('2026-03-04T17:00:00Z')).escalation.due).toEqual([]);
  });
});

describe('ladder schemas', () => {
  it('refuse steps that do nothing, duplicate ids and working days counted back from a deadline', () => {
    expect(EscalationRule.safeParse({ ...afterHours, actions: {} }).success).toBe(false);
    expect(Ladder.safeParse([afterHours, afterHours]).success).toBe(false);
    expect(
      EscalationRule.safeParse({
        ...afterHours,
        when: {
          anchor: 'deadline',
          target: 'x',
          direction: 'before',
          offset: { amount: 2, unit: 'working-days' },
        },
      }).success,
    ).toBe(false);
    expect(
      EscalationRule.safeParse({ ...afterHours, repeat: { type: 'rrule', rrule: 'FREQ=SOMETIMES' } }).success,
    ).toBe(false);
  });
});
