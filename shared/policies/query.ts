import type { EscalationRuleInput } from '../escalation/schema';
import { definePolicy, type Policy } from './schema';

export interface QueryPolicyOptions {
  /**
   * How "day 2 / 4 / 7 / 14 after logging" is counted. `working-days` (default): close of business
   * on the Nth working day after the day of logging, so weekends and bank holidays are not
   * counted. `calendar-days`: the same local time N days later. See docs/decisions.md.
   */
  dayCounting?: 'working-days' | 'calendar-days';
  calendarId?: string;
}

/**
 * Query escalation timeline (Jisc-style): every query is logged until resolved; on day 2 and
 * day 4 the desk is told of every query still open and prompts the owners; day 7 the service
 * desk manager; day 14 the manager and the director; and every second Monday the manager's
 * report of all outstanding queries goes to the line managers and divisional directors.
 */
export function queryPolicy(options: QueryPolicyOptions = {}): Policy {
  const unit = options.dayCounting ?? 'working-days';
  const day = (
    n: number,
    id: string,
    name: string,
    actions: EscalationRuleInput['actions'],
  ): EscalationRuleInput => ({
    id,
    name,
    when: { anchor: 'logged', after: { amount: n, unit } },
    appliesTo: { kinds: ['query'] },
    actions,
  });
  return definePolicy({
    id: 'query',
    name: 'Query',
    description:
      'Query escalation timeline: desk prompts on days 2 and 4, manager on day 7, director on day 14.',
    caseKind: 'query',
    calendarId: options.calendarId ?? 'uk-england-and-wales',
    pauseStatuses: ['pending-requester'],
    targets: [
      {
        // The procedure sets no response time; a desk expects one, so a day's working time is the
        // editable default (see docs/decisions.md).
        id: 'first-response',
        name: 'First response',
        kind: 'first-response',
        start: [{ on: 'received' }],
        stop: [{ on: 'reply' }, { on: 'status-entered', statuses: ['resolved', 'closed'] }],
        duration: { amount: 8, unit: 'working-hours' },
        warning: { before: { amount: 2, unit: 'working-hours' } },
      },
    ],
    ladder: [
      day(2, 'day-2-desk-prompt', 'Day 2: desk prompts the owner', {
        notify: ['desk'],
        flagForPrompt: true,
        message: 'Query still open on day 2: prompt the assigned owner.',
      }),
      day(4, 'day-4-desk-prompt', 'Day 4: desk prompts the owner again', {
        notify: ['desk'],
        flagForPrompt: true,
        message: 'Query still open on day 4: prompt the assigned owner.',
      }),
      day(7, 'day-7-manager', 'Day 7: service desk manager', {
        notify: ['manager'],
        raiseLevelTo: 1,
        message: 'Query outstanding for 7 days.',
      }),
      day(14, 'day-14-director', 'Day 14: manager and director', {
        notify: ['manager', 'director'],
        raiseLevelTo: 2,
        message: 'Query outstanding for 14 days.',
      }),
    ],
    jobs: [
      {
        id: 'outstanding-queries-report',
        name: 'Fortnightly outstanding queries report',
        rrule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO;BYHOUR=9;BYMINUTE=0;BYSECOND=0',
        dtstart: '2026-01-05T09:00',
        onNonWorkingTime: 'next-working-time',
        action: {
          type: 'outstanding-cases-report',
          caseKinds: ['query'],
          notify: ['manager'],
          escalateTo: ['line-manager', 'director'],
        },
      },
    ],
  });
}
