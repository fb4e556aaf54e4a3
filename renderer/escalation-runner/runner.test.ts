import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { demoPeople, demoSettings } from '../../shared/demo';
import type { CaseEvent } from '../../shared/domain';
import type { Delivery } from '../../shared/notify';
import { createClock, type MovableClock } from '../../shared/time';
import { applyPull, type CaseStore, openCaseStore, reloadPolicies, runMutation, timelineOf } from '../db';
import { contextSource } from './desk-context';
import { createNotifier, type Notifier } from './notifier';
import type { ReportOffer } from './report-offer';
import { type EscalationRunner, startEscalationRunner } from './runner';

const THURSDAY = '2026-03-05T10:00:00.000Z';
const directory = demoPeople();
const idOf = (name: string) => directory.people.find((p) => p.name === name)!.id;

let dbCount = 0;
const running: { runner: EscalationRunner; store: CaseStore }[] = [];

afterEach(() => {
  for (const { runner, store } of running.splice(0)) {
    runner.stop();
    store.db.close();
  }
});

/** A desk with the demo's policies, calendar and people, and no cases. */
async function deskStore(clock: MovableClock, name = `escalations-test-${++dbCount}`): Promise<CaseStore> {
  const store = await openCaseStore({ name, clock, actorId: idOf('Ana Patel') });
  const settings = demoSettings(clock.now());
  await store.db.transaction(
    'rw',
    [store.db.policies, store.db.calendars, store.db.people, store.db.teams],
    () =>
      Promise.all([
        store.db.policies.bulkPut(settings.policies),
        store.db.calendars.bulkPut(settings.calendars),
        store.db.people.bulkPut(directory.people),
        store.db.teams.bulkPut(directory.teams),
      ]),
  );
  await reloadPolicies(store);
  return store;
}

/** A runner as a window starts it, telling `me` (a directory name) what concerns them. */
function startWindow(store: CaseStore, clock: MovableClock, me: string) {
  const shown: Delivery[] = [];
  const reports: ReportOffer[] = [];
  const context = contextSource(store.db);
  const notifier: Notifier = createNotifier({
    store,
    context,
    me: async () => idOf(me),
    show: async (delivery) => {
      shown.push(delivery);
    },
  });
  const runner = startEscalationRunner(store, clock, { context, notifier, onReport: (o) => reports.push(o) });
  running.push({ runner, store });
  const settle = async () => {
    await runner.idle();
    await notifier.idle();
    await runner.idle();
    await notifier.idle();
  };
  return { runner, notifier, shown, reports, settle };
}

async function logQuery(store: CaseStore): Promise<string> {
  const { cases } = await runMutation(store, 'createCase', {
    kind: 'query',
    subject: 'Shared drive mapping fails',
    requester: { name: 'Olivia Hughes', email: 'olivia.hughes@example.ac.uk' },
    teamId: 'team-identity',
    assigneeId: idOf('Liam Foster'),
  });
  return cases[0]!.id;
}

const steps = (events: readonly CaseEvent[]) =>
  events.flatMap((e) => (e.type === 'prompted' ? [e.stepId.split(':')[1]] : []));

describe('the escalation runner', () => {
  it('reads the cases of a first sync once its last page is in, not page by page', async () => {
    // Another desk logged the query on Thursday; this empty desk connects on Monday after day 2 fell due.
    const elsewhere = createClock({ now: THURSDAY });
    const source = await deskStore(elsewhere);
    running.push({ runner: { stop: () => {} } as EscalationRunner, store: source });
    const made = await runMutation(source, 'createCase', {
      kind: 'query',
      subject: 'Shared drive mapping fails',
      requester: { name: 'Olivia Hughes', email: 'olivia.hughes@example.ac.uk' },
      teamId: 'team-identity',
      assigneeId: idOf('Liam Foster'),
    });
    const caseId = made.cases[0]!.id;
    const clock = createClock({ now: '2026-03-09T17:30:00Z' });
    const store = await deskStore(clock);
    const ana = startWindow(store, clock, 'Ana Patel');
    await ana.settle();
    const page = (cookie: number, more: boolean, changes = made.changes) => ({
      cookie,
      changes: [...changes],
      lastMutationIds: {},
      rejections: [],
      more,
    });

    await applyPull(store, page(1, true));
    await ana.settle();
    expect(steps(await timelineOf(store.db, caseId))).toEqual([]);

    await applyPull(store, page(2, false, []));
    await ana.settle();
    expect(steps(await timelineOf(store.db, caseId))).toEqual(['day-2-desk-prompt']);
  });

  it('carries a query logged on a Thursday up the ladder on days 2, 4, 7 and 14, each step once', async () => {
    const clock = createClock({ now: THURSDAY });
    const store = await deskStore(clock);
    const ana = startWindow(store, clock, 'Ana Patel');
    const caseId = await logQuery(store);
    await ana.settle();

    // Monday 9 March, a minute before close of business: day 2 is not due yet.
    clock.set('2026-03-09T16:59:00Z');
    await ana.settle();
    expect(steps(await timelineOf(store.db, caseId))).toEqual([]);

    clock.set('2026-03-09T17:00:00Z');
    await ana.settle();
    expect(steps(await timelineOf(store.db, caseId))).toEqual(['day-2-desk-prompt']);
    expect((await store.db.cases.get(caseId))!.needsPrompt).toBe(true);
    expect(ana.shown.map((d) => d.title)).toEqual([
      expect.stringMatching(/: Day 2: desk prompts the owner$/),
    ]);

    // A second window on the same store, and a reload of the first: nothing recorded or shown again.
    const other = startWindow(await openCaseStore({ name: store.db.name, clock }), clock, 'Ana Patel');
    await other.settle();
    clock.set('2026-03-09T17:30:00Z');
    await Promise.all([ana.settle(), other.settle()]);
    expect(steps(await timelineOf(store.db, caseId))).toEqual(['day-2-desk-prompt']);
    expect([...ana.shown, ...other.shown]).toHaveLength(1);

    clock.set('2026-03-11T17:00:00Z');
    await Promise.all([ana.settle(), other.settle()]);
    clock.set('2026-03-16T17:00:00Z');
    await Promise.all([ana.settle(), other.settle()]);
    expect((await store.db.cases.get(caseId))!.escalationLevel).toBe(1);
    clock.set('2026-03-25T17:00:00Z');
    await Promise.all([ana.settle(), other.settle()]);

    const timeline = await timelineOf(store.db, caseId);
    expect(steps(timeline)).toEqual([
      'day-2-desk-prompt',
      'day-4-desk-prompt',
      'day-7-manager',
      'day-14-director',
    ]);
    expect(
      timeline.filter((e) => e.type === 'escalated').map((e) => e.type === 'escalated' && e.toLevel),
    ).toEqual([1, 2]);
    expect((await store.db.cases.get(caseId))!.escalationLevel).toBe(2);
    // Ana is on the desk: told of days 2 and 4, not of the manager's and director's steps.
    expect([...ana.shown, ...other.shown].map((d) => d.title.replace(/^.*?: /, ''))).toEqual([
      'Day 2: desk prompts the owner',
      'Day 4: desk prompts the owner again',
    ]);
  });

  it('jumping straight to day 14 carries out every step due, and tells the director', async () => {
    const clock = createClock({ now: THURSDAY });
    const store = await deskStore(clock);
    const helen = startWindow(store, clock, 'Helen Armstrong');
    const caseId = await logQuery(store);
    clock.set('2026-03-25T17:00:00Z');
    await helen.settle();
    // All recorded at the same instant (now), so the timeline lists them by id.
    expect(steps(await timelineOf(store.db, caseId)).sort()).toEqual([
      'day-14-director',
      'day-2-desk-prompt',
      'day-4-desk-prompt',
      'day-7-manager',
    ]);
    expect(helen.shown.map((d) => [d.title.replace(/^.*?: /, ''), d.route])).toEqual([
      ['Day 14: manager and director', 'escalations/director'],
    ]);
  });

  it('tells a jump that carries out many steps at once as one summary, not a stack of notifications', async () => {
    const clock = createClock({ now: THURSDAY });
    const store = await deskStore(clock);
    const ana = startWindow(store, clock, 'Ana Patel');
    for (let i = 0; i < 5; i++) await logQuery(store);
    clock.set('2026-03-09T17:00:00Z');
    await ana.settle();
    expect(ana.shown.map((d) => [d.digest, d.title])).toEqual([[true, '5 notices for you']]);
  });

  it('holds a step recorded out of hours and tells it in one digest when work starts', async () => {
    const clock = createClock({ now: THURSDAY });
    const store = await deskStore(clock);
    const ana = startWindow(store, clock, 'Ana Patel');
    await logQuery(store);
    await logQuery(store);
    // Desk closed over day 4 and the evening after it.
    clock.set('2026-03-11T20:00:00Z');
    await ana.settle();
    expect(ana.shown).toEqual([]);
    expect(ana.notifier.wakeAt()).toBe(Date.parse('2026-03-12T09:00:00Z'));
    clock.set('2026-03-12T09:00:00Z');
    await ana.settle();
    expect(ana.shown).toHaveLength(1);
    expect(ana.shown[0]).toMatchObject({ digest: true, title: '4 notices from outside your working hours' });
  });

  it('reminds an escalation’s owner at every missed update until the case is resolved', async () => {
    const clock = createClock({ now: '2026-03-02T10:00:00Z' });
    const store = await deskStore(clock);
    const owen = startWindow(store, clock, 'Owen Gallagher');
    const original = await logQuery(store);
    const { cases } = await runMutation(store, 'escalate', {
      caseId: original,
      reason: 'service-level',
      details: 'A week without the shared drive.',
      ownerId: idOf('Owen Gallagher'),
    });
    const caseId = cases[0]!.id;
    clock.set('2026-03-02T11:00:00Z');
    await runMutation(store, 'addReply', { caseId, body: 'We are on it.', purpose: 'acknowledgement' });
    const reminders = async () =>
      (await timelineOf(store.db, caseId)).filter(
        (e) => e.type === 'prompted' && e.ruleId === 'update-overdue',
      );

    // An update is owed by close of business 2 working days after the last: Wednesday 17:00 passes without one.
    clock.set('2026-03-04T16:59:00Z');
    await owen.settle();
    expect(await reminders()).toHaveLength(0);
    clock.set('2026-03-04T17:00:00Z');
    await owen.settle();
    expect(await reminders()).toHaveLength(1);
    clock.set('2026-03-05T10:00:00Z');
    await runMutation(store, 'addReply', { caseId, body: 'Still working on it.', purpose: 'update' });
    clock.set('2026-03-09T17:00:00Z');
    await owen.settle();
    expect(await reminders()).toHaveLength(2);
    expect(owen.shown.map((d) => d.title.replace(/^.*?: /, ''))).toEqual([
      'Requester not updated in time',
      'Requester not updated in time',
    ]);

    await runMutation(store, 'setStatus', { caseId, status: 'resolved' });
    clock.set('2026-03-20T10:00:00Z');
    await owen.settle();
    expect(await reminders()).toHaveLength(2);
  });

  it('generates the fortnightly report once after the app was closed over several due dates', async () => {
    const clock = createClock({ now: THURSDAY });
    const store = await deskStore(clock);
    const rachel = startWindow(store, clock, 'Rachel Bishop');
    await logQuery(store);
    await rachel.settle();
    // Karen's own desktop, with the same desk.
    const karenStore = await deskStore(clock);
    const karen = startWindow(karenStore, clock, 'Karen Whitfield');
    await logQuery(karenStore);
    await karen.settle();
    // The schedule starts with the desk: no report for a fortnight it wasn't running.
    expect(rachel.reports).toEqual([]);

    // Closed over Mondays 16 March, 30 March and 13 April.
    clock.set('2026-04-14T10:00:00Z');
    await Promise.all([rachel.settle(), karen.settle()]);
    expect(rachel.reports.map((r) => [r.run.runId, r.run.occurrences, r.run.total.total])).toEqual([
      ['outstanding-queries-report:2026-04-13T09:00', 3, 1],
    ]);
    // The manager gets all of it; Liam's line manager his team's section, the division's director its overview.
    const runId = 'outstanding-queries-report:2026-04-13T09:00';
    const messages = await store.db.outboundMessages.toArray();
    expect(messages.map((m) => [m.to, m.reportRunId, m.caseId]).sort()).toEqual([
      ['helen.armstrong@example.ac.uk', runId, null],
      ['karen.whitfield@example.ac.uk', runId, null],
      ['rachel.bishop@example.ac.uk', runId, null],
    ]);
    const mailTo = (who: string) => messages.find((m) => m.to.startsWith(who))!;
    expect(mailTo('rachel').body).toContain('this one report stands for them all');
    expect(mailTo('karen').subject).toMatch(/^Outstanding cases: your teams: /);
    expect(mailTo('karen').body).toContain('Digital Services — line manager: Karen Whitfield: 1 open');
    expect(mailTo('helen').subject).toMatch(/^Outstanding cases: Digital Services overview: /);
    expect(rachel.shown.map((d) => [d.title, d.route])).toContainEqual([
      'Outstanding cases report ready',
      `reports/outstanding/run/${runId}`,
    ]);
    expect(karen.shown.map((d) => [d.title, d.route])).toContainEqual([
      'Outstanding cases: your teams',
      `reports/outstanding/run/${runId}`,
    ]);

    // Another window, a later wake: the same run is never generated, mailed or offered again.
    const other = startWindow(await openCaseStore({ name: store.db.name, clock }), clock, 'Rachel Bishop');
    clock.set('2026-04-15T10:00:00Z');
    await Promise.all([rachel.settle(), other.settle()]);
    expect([...rachel.reports, ...other.reports]).toHaveLength(1);
    expect(await store.db.outboundMessages.count()).toBe(3);
    expect(
      [...rachel.shown, ...other.shown].filter((d) => d.route.startsWith('reports/outstanding')),
    ).toHaveLength(1);

    // The next occurrence (Monday 27 April) is a run of its own.
    clock.set('2026-04-27T09:00:00+01:00');
    await rachel.settle();
    expect(rachel.reports.map((r) => r.run.runId)).toContain('outstanding-queries-report:2026-04-27T09:00');
  });
});
