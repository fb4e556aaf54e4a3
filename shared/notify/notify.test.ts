import { describe, expect, it } from 'vitest';
import { demoPeople } from '../demo';
import { ukCalendarSpec } from '../policies/uk-calendar';
import { compileCalendar } from '../sla';
import type { Person } from '../sync';
import {
  deliver,
  EMPTY_INBOX,
  type Inbox,
  type Notice,
  noticeId,
  recipientsFor,
  stageOwnerFor,
  stepNotices,
  workingHoursOf,
} from './index';

const directory = demoPeople();
const id = (name: string) => {
  const person = directory.people.find((p) => p.name === name);
  if (!person) throw new Error(`No ${name} in the demo directory`);
  return person.id;
};
const ids = (list: { personId: string }[]) => list.map((r) => r.personId).sort();

const DESK_AGENTS = [
  'Ana Patel',
  'Ben Carter',
  'Chloe Nguyen',
  'Daniel Okoro',
  'Emma Lawson',
  'Farid Hussain',
  'Gemma Doyle',
  'Harvey Quinn',
  'Imogen Shaw',
  'Jamal Reid',
].map(id);

/** A query worked by Liam Foster of Identity and Access (Digital Services). */
const identityQuery = { assigneeId: id('Liam Foster'), ownerId: id('Liam Foster'), teamId: 'team-identity' };
/** A query worked by Pippa Marsh of Networks (Infrastructure). */
const networksQuery = { assigneeId: id('Pippa Marsh'), ownerId: id('Pippa Marsh'), teamId: 'team-networks' };

describe('who a step tells', () => {
  it('tells the desk: the service desk agents, not the second-line owner they prompt', () => {
    expect(ids(recipientsFor(['desk'], identityQuery, directory))).toEqual([...DESK_AGENTS].sort());
  });

  it('tells the manager, and the director of the case’s own division', () => {
    expect(ids(recipientsFor(['manager', 'director'], identityQuery, directory))).toEqual(
      [id('Rachel Bishop'), id('Helen Armstrong')].sort(),
    );
    expect(ids(recipientsFor(['director'], networksQuery, directory))).toEqual([id('Martin Sykes')]);
  });

  it('tells the Head of Department of the case’s division, who also owns its review stage', () => {
    expect(ids(recipientsFor(['head-of-department'], networksQuery, directory))).toEqual([
      id('Dr Kwame Mensah'),
    ]);
    expect(ids(recipientsFor(['head-of-department'], identityQuery, directory))).toEqual([
      id('Catherine Lowe'),
    ]);
    // Without a team: the desk's division (Digital Services), as for directors.
    const teamless = { ...identityQuery, teamId: null };
    expect(ids(recipientsFor(['head-of-department'], teamless, directory))).toEqual([id('Catherine Lowe')]);
    // The review's owner is found even on a confidential case they cannot see yet: owning it lets them see it.
    const review = { ownedBy: 'head-of-department' as const };
    expect(stageOwnerFor(review, { ...networksQuery, confidential: true }, directory)).toBe(
      id('Dr Kwame Mensah'),
    );
    expect(stageOwnerFor({}, networksQuery, directory)).toBeNull();
  });

  it('tells the owner’s line manager, and the assignee and owner themselves', () => {
    expect(ids(recipientsFor(['line-manager'], networksQuery, directory))).toEqual([id('Owen Gallagher')]);
    expect(ids(recipientsFor(['assignee', 'owner'], networksQuery, directory))).toEqual([id('Pippa Marsh')]);
  });

  it('tells a person once, with every role they are told as', () => {
    const managerOwns = { assigneeId: id('Rachel Bishop'), ownerId: id('Rachel Bishop'), teamId: null };
    expect(recipientsFor(['owner', 'manager'], managerOwns, directory)).toEqual([
      { personId: id('Rachel Bishop'), roles: ['owner', 'manager'] },
    ]);
  });

  it('without a team, the director is the desk’s division’s; with no such director, every director', () => {
    const unteamed = { assigneeId: null, ownerId: null, teamId: null };
    expect(ids(recipientsFor(['director'], unteamed, directory))).toEqual([id('Helen Armstrong')]);
    const withoutHelen = {
      ...directory,
      people: directory.people.filter((p) => p.name !== 'Helen Armstrong'),
    };
    expect(ids(recipientsFor(['director'], unteamed, withoutHelen))).toEqual(
      [id('Martin Sykes'), id('Dr Priya Raman')].sort(),
    );
  });

  it('never tells someone who has left, and tells nobody for roles the case cannot fill', () => {
    const left = {
      ...directory,
      people: directory.people.map((p): Person => (p.name === 'Pippa Marsh' ? { ...p, active: false } : p)),
    };
    expect(recipientsFor(['assignee'], networksQuery, left)).toEqual([]);
    expect(
      recipientsFor(['assignee', 'owner'], { assigneeId: null, ownerId: null, teamId: null }, directory),
    ).toEqual([]);
  });
});

describe('the words of a step’s notices', () => {
  it('one notice per person, its id the step and the person, pointing at the queue the case joined', () => {
    const notices = stepNotices(
      {
        stepId: 'case-1:day-7-manager:1',
        caseId: 'case-1',
        ref: 'Q-10428',
        subject: 'Eduroam won’t connect',
        ruleName: 'Day 7: service desk manager',
        message: 'Query outstanding for 7 days.',
        notified: ['manager'],
        flagForPrompt: false,
        raisedTo: 1,
        at: Date.parse('2026-03-16T17:00:00Z'),
      },
      identityQuery,
      directory,
    );
    expect(notices).toEqual([
      {
        id: noticeId('case-1:day-7-manager:1', id('Rachel Bishop')),
        personId: id('Rachel Bishop'),
        title: 'Q-10428: Day 7: service desk manager',
        body: 'Query outstanding for 7 days. “Eduroam won’t connect”. Assigned to Liam Foster.',
        at: Date.parse('2026-03-16T17:00:00Z'),
        route: 'escalations/manager',
      },
    ]);
  });
});

describe('delivering one person’s notices', () => {
  const calendar = compileCalendar(ukCalendarSpec({ fromYear: 2025, toYear: 2027 }));
  const hours = workingHoursOf(calendar);
  const ana = id('Ana Patel');
  const notice = (step: string, at: string): Notice => ({
    id: noticeId(step, ana),
    personId: ana,
    title: `${step}: prompt the owner`,
    body: 'Query still open.',
    at: Date.parse(at),
    route: 'escalations/prompts',
  });
  const at = (iso: string) => Date.parse(iso);

  it('shows a notice at once in working hours, the closing minute included, and never twice', () => {
    // Day 2 of a query logged on Thursday 5 March falls due at close of business on Monday 9 March.
    const day2 = notice('Q-1 day 2', '2026-03-09T17:00:00Z');
    const first = deliver(EMPTY_INBOX, [day2], hours, at('2026-03-09T17:00:00Z'));
    expect(first.deliveries).toEqual([
      {
        tag: `notice:${day2.id}`,
        title: day2.title,
        body: day2.body,
        route: 'escalations/prompts',
        noticeIds: [day2.id],
        digest: false,
      },
    ]);
    expect(first.wakeAt).toBeNull();
    // Another window, a reload or a second sync offers it again: nothing more is shown.
    const again = deliver(first.inbox, [day2, day2], hours, at('2026-03-10T10:00:00Z'));
    expect(again.deliveries).toEqual([]);
  });

  it('holds what arises out of hours and delivers it all as ONE digest when work starts', () => {
    const evening = deliver(
      EMPTY_INBOX,
      [notice('Q-1 day 2', '2026-03-09T19:00:00Z')],
      hours,
      at('2026-03-09T19:00:00Z'),
    );
    expect(evening.deliveries).toEqual([]);
    expect(evening.wakeAt).toBe(at('2026-03-10T09:00:00Z'));

    const night = deliver(
      evening.inbox,
      [notice('Q-2 day 4', '2026-03-10T02:00:00Z'), notice('Q-1 day 2', '2026-03-10T02:00:00Z')],
      hours,
      at('2026-03-10T02:00:00Z'),
    );
    expect(night.deliveries).toEqual([]);
    expect(night.inbox.held.map((n) => n.title)).toEqual([
      'Q-1 day 2: prompt the owner',
      'Q-2 day 4: prompt the owner',
    ]);
    expect(night.wakeAt).toBe(at('2026-03-10T09:00:00Z'));

    const morning = deliver(night.inbox, [], hours, at('2026-03-10T09:00:00Z'));
    expect(morning.deliveries).toHaveLength(1);
    expect(morning.deliveries[0]).toMatchObject({
      digest: true,
      title: '2 notices from outside your working hours',
      body: '• Q-1 day 2: prompt the owner\n• Q-2 day 4: prompt the owner',
      route: 'escalations/prompts',
    });
    expect(morning.inbox.held).toEqual([]);
    expect(morning.wakeAt).toBeNull();
    expect(
      deliver(morning.inbox, [notice('Q-2 day 4', '2026-03-10T02:00:00Z')], hours, at('2026-03-10T10:00:00Z'))
        .deliveries,
    ).toEqual([]);
  });

  it('waits over the weekend and a bank holiday for the next working period', () => {
    // Friday 1 May 2026 after hours; Monday 4 May is the Early May bank holiday.
    const friday = deliver(
      EMPTY_INBOX,
      [notice('Q-3 day 7', '2026-05-01T17:30:00+01:00')],
      hours,
      at('2026-05-01T17:30:00+01:00'),
    );
    expect(friday.deliveries).toEqual([]);
    expect(friday.wakeAt).toBe(at('2026-05-05T09:00:00+01:00'));
    // Opened on the bank holiday: still not at work.
    expect(deliver(friday.inbox, [], hours, at('2026-05-04T11:00:00+01:00')).deliveries).toEqual([]);
    // Opened on Tuesday afternoon, long after the period started: the digest comes at once.
    const tuesday = deliver(friday.inbox, [], hours, at('2026-05-05T14:00:00+01:00'));
    expect(tuesday.deliveries.map((d) => d.digest)).toEqual([true]);
  });

  it('tells a burst of new notices as one summary instead of a stack of notifications', () => {
    const burst = ['Q-1', 'Q-2', 'Q-3', 'Q-4', 'Q-5', 'Q-6', 'Q-7'].map((ref) =>
      notice(`${ref} day 2`, '2026-03-09T11:00:00Z'),
    );
    const told = deliver(EMPTY_INBOX, burst, hours, at('2026-03-09T11:00:00Z'));
    expect(told.deliveries).toHaveLength(1);
    expect(told.deliveries[0]!.title).toBe('7 notices for you');
    expect(told.deliveries[0]!.body.split('\n')).toHaveLength(7);
    expect(told.deliveries[0]!.body).toMatch(/…and 1 more\.$/);
    expect(Object.keys(told.inbox.sent).sort()).toEqual(burst.map((n) => n.id).sort());
  });

  it('forgets what it told long ago, so the record of sent notices does not grow for ever', () => {
    const old: Inbox = {
      sent: { 'old@x': at('2025-01-01T10:00:00Z'), 'recent@x': at('2026-03-01T10:00:00Z') },
      held: [],
    };
    const after = deliver(old, [], hours, at('2026-03-09T10:00:00Z'));
    expect(Object.keys(after.inbox.sent)).toEqual(['recent@x']);
  });
});
