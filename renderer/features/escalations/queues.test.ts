import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { demoPeople, demoSettings } from '../../../shared/demo';
import { createClock, type MovableClock } from '../../../shared/time';
import { type CaseStore, openCaseStore, reloadPolicies, runMutation, timelineOf } from '../../db';
import { loadDeskContext } from '../../escalation-runner/desk-context';
import { loadQueues } from './queues';

const directory = demoPeople();
const idOf = (name: string) => directory.people.find((p) => p.name === name)!.id;
let dbCount = 0;
const opened: CaseStore[] = [];

afterEach(() => {
  for (const store of opened.splice(0)) store.db.close();
});

async function deskStore(clock: MovableClock): Promise<CaseStore> {
  const store = await openCaseStore({ name: `queues-test-${++dbCount}`, clock, actorId: idOf('Ana Patel') });
  opened.push(store);
  const settings = demoSettings(clock.now());
  await store.db.policies.bulkPut(settings.policies);
  await store.db.calendars.bulkPut(settings.calendars);
  await store.db.people.bulkPut(directory.people);
  await store.db.teams.bulkPut(directory.teams);
  await reloadPolicies(store);
  return store;
}

async function queuesAt(store: CaseStore) {
  const context = await loadDeskContext(store.db);
  return loadQueues(store.db, context, store.clock.now(), context.person(idOf('Rachel Bishop')) ?? null);
}

/** A student's formal complaint, answered in writing on Tuesday 10 March at 10:00. */
async function answeredComplaint(store: CaseStore, clock: MovableClock): Promise<string> {
  clock.set('2026-03-02T10:00:00Z');
  const { cases } = await runMutation(store, 'createCase', {
    kind: 'formal-complaint',
    stage: 'formal',
    subject: 'Exam submission lost during the outage',
    requester: { name: 'Sam Student', email: 'sam@student.example.ac.uk', affiliation: 'student' },
    intake: { statement: 'My exam upload vanished.', 'date-or-period': '27 February 2026' },
    ownerId: idOf('Rachel Bishop'),
  });
  const caseId = cases[0]!.id;
  clock.set('2026-03-10T10:00:00Z');
  await runMutation(store, 'addReply', { caseId, body: 'Our written response.', purpose: 'response' });
  return caseId;
}

describe('formal complaints: the Head of Department review window', () => {
  it('is open for two weeks after the written response, then closed', async () => {
    const clock = createClock({ now: '2026-03-02T10:00:00Z' });
    const store = await deskStore(clock);
    await answeredComplaint(store, clock);

    clock.set('2026-03-20T10:00:00Z');
    const [open] = (await queuesAt(store)).complaints;
    expect(open!.reviewWindow).toMatchObject({ state: 'open', dueAt: new Date('2026-03-24T10:00:00Z') });
    // Outside the desk comes after the review: nowhere to refer the case to yet.
    expect(open!.routes).toEqual([]);

    clock.set('2026-03-25T10:00:00Z');
    const [closed] = (await queuesAt(store)).complaints;
    expect(closed!.reviewWindow).toMatchObject({ state: 'closed', dueAt: new Date('2026-03-24T10:00:00Z') });
  });

  it('accepts a request after the window closed, and records and shows it as late', async () => {
    const clock = createClock({ now: '2026-03-02T10:00:00Z' });
    const store = await deskStore(clock);
    const caseId = await answeredComplaint(store, clock);

    clock.set('2026-03-26T11:00:00Z');
    await runMutation(store, 'requestHodReview', {
      caseId,
      windowClosedAt: '2026-03-24T10:00:00.000Z',
      ownerId: idOf('Catherine Lowe'),
    });
    const [row] = (await queuesAt(store)).complaints;
    expect(row).toMatchObject({
      stageName: 'Head of Department review',
      reviewRequest: { at: '2026-03-26T11:00:00.000Z', late: true },
    });
    // A student's complaint goes to the Proctors after the review, not to the staff grievance route.
    expect(row!.routes.map((r) => r.body)).toEqual(['The Proctors']);
    const note = (await timelineOf(store.db, caseId)).find((e) => e.type === 'note');
    expect(note).toMatchObject({
      text: expect.stringMatching(/^Late request: .* closed on 2026-03-24\. Accepted late\.$/),
    });
  });

  it('shows a request within the window as on time', async () => {
    const clock = createClock({ now: '2026-03-02T10:00:00Z' });
    const store = await deskStore(clock);
    const caseId = await answeredComplaint(store, clock);
    clock.set('2026-03-20T10:00:00Z');
    await runMutation(store, 'requestHodReview', { caseId });
    const [row] = (await queuesAt(store)).complaints;
    expect(row!.reviewRequest).toEqual({ at: '2026-03-20T10:00:00.000Z', late: false });
  });

  it('keeps a resolved complaint listed, with the Head of Department to own a review, until the window closes', async () => {
    const clock = createClock({ now: '2026-03-02T10:00:00Z' });
    const store = await deskStore(clock);
    const caseId = await answeredComplaint(store, clock);
    await runMutation(store, 'setStatus', { caseId, status: 'resolved' });

    clock.set('2026-03-23T10:00:00Z');
    const [row] = (await queuesAt(store)).complaints;
    expect(row).toMatchObject({ kase: { id: caseId, status: 'resolved' }, reviewWindow: { state: 'open' } });
    // The case has no team: the desk's division (Digital Services) reviews it.
    expect(row!.reviewOwnerId).toBe(idOf('Catherine Lowe'));

    await runMutation(store, 'requestHodReview', { caseId, ownerId: row!.reviewOwnerId! });
    const [review] = (await queuesAt(store)).complaints;
    expect(review!.kase).toMatchObject({
      status: 'open',
      stage: 'hod-review',
      ownerId: idOf('Catherine Lowe'),
      assigneeId: idOf('Catherine Lowe'),
    });
  });

  it('drops a resolved complaint from the queue when its review window closes', async () => {
    const clock = createClock({ now: '2026-03-02T10:00:00Z' });
    const store = await deskStore(clock);
    const caseId = await answeredComplaint(store, clock);
    await runMutation(store, 'setStatus', { caseId, status: 'resolved' });
    clock.set('2026-03-24T09:59:00Z');
    expect((await queuesAt(store)).complaints.map((r) => r.kase.id)).toEqual([caseId]);
    clock.set('2026-03-24T10:00:00Z');
    expect((await queuesAt(store)).complaints).toEqual([]);
  });
});

describe('escalation cases', () => {
  it('list the case without a designated owner first, with its acknowledgement clock', async () => {
    const clock = createClock({ now: '2026-03-02T10:00:00Z' });
    const store = await deskStore(clock);
    const { cases } = await runMutation(store, 'createCase', {
      kind: 'query',
      subject: 'Printer queue stuck',
      requester: { name: 'Olivia Hughes', email: 'olivia.hughes@example.ac.uk' },
    });
    await runMutation(store, 'escalate', {
      caseId: cases[0]!.id,
      reason: 'service-level',
      details: 'A week without printing.',
      ownerId: idOf('Owen Gallagher'),
    });
    await runMutation(store, 'createCase', {
      kind: 'escalation',
      subject: 'Escalation of the printer queue',
      requester: { name: 'Olivia Hughes', email: 'olivia.hughes@example.ac.uk' },
      originalTicketRef: cases[0]!.ref,
      intake: { grounds: 'service-level', impact: 'Nobody can print.' },
    });
    const { tickets } = await queuesAt(store);
    expect(tickets.map((t) => [t.kase.subject, t.owner?.name ?? null])).toEqual([
      ['Escalation of the printer queue', null],
      [`Escalation of ${cases[0]!.ref}: Printer queue stuck`, 'Owen Gallagher'],
    ]);
    expect(tickets[0]!.acknowledgement).toMatchObject({
      state: 'running',
      dueAt: new Date('2026-03-02T14:00:00Z'),
    });
  });
});

describe('the manager’s and the director’s queues', () => {
  it('say which step brought the case there, and since when', async () => {
    const clock = createClock({ now: '2026-03-05T10:00:00Z' });
    const store = await deskStore(clock);
    const { cases } = await runMutation(store, 'createCase', {
      kind: 'query',
      subject: 'VPN drops',
      requester: { name: 'Olivia Hughes', email: 'olivia.hughes@example.ac.uk' },
    });
    const caseId = cases[0]!.id;
    clock.set('2026-03-16T17:00:00Z');
    await runMutation(store, 'markPrompted', {
      caseId,
      stepId: `${caseId}:day-7-manager:1`,
      ruleId: 'day-7-manager',
      notified: ['manager'],
      raiseTo: 1,
    });
    clock.set('2026-03-25T17:00:00Z');
    await runMutation(store, 'markPrompted', {
      caseId,
      stepId: `${caseId}:day-14-director:1`,
      ruleId: 'day-14-director',
      notified: ['manager', 'director'],
      raiseTo: 2,
    });
    const { manager, director } = await queuesAt(store);
    expect(manager.map((r) => r.reason)).toEqual([
      { text: 'Day 7: service desk manager', since: '2026-03-16T17:00:00.000Z' },
    ]);
    expect(director.map((r) => r.reason)).toEqual([
      { text: 'Day 14: manager and director', since: '2026-03-25T17:00:00.000Z' },
    ]);
  });
});
