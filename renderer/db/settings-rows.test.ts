import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { buildCase, historyOf } from '../../shared/domain';
import { queryPolicy } from '../../shared/policies';
import type { CalendarSpec } from '../../shared/sla';
import { MutationError } from '../../shared/sync';
import { officeCalendar } from '../../shared/test-support/desk';
import { createClock } from '../../shared/time';
import {
  type CaseStore,
  openCaseStore,
  reloadPolicies,
  StoreError,
  saveCalendar,
  savePolicy,
  toCaseRow,
} from './index';

const NOW = new Date('2026-03-02T10:00:00Z');
const office = officeCalendar;
const query = queryPolicy({ calendarId: 'office' });
// Logged Monday 09:30: first response (8 working hours) due Tuesday 09:30.
const kase = buildCase({
  id: 'q-1',
  kind: 'query',
  receivedAt: '2026-03-02T09:30:00Z',
  calendarId: 'office',
});
const events = historyOf(kase).created().events;

let stores: CaseStore[] = [];
afterEach(() => {
  for (const store of stores) store.db.close();
  stores = [];
});

async function deskStore(): Promise<CaseStore> {
  const store = await openCaseStore({
    name: `settings-rows-${Math.random()}`,
    clock: createClock({ now: NOW }),
  });
  stores.push(store);
  await store.db.policies.put(query);
  await store.db.calendars.put(office);
  await reloadPolicies(store);
  await store.db.cases.put(toCaseRow(kase, store.slaOf(kase, events, NOW)));
  await store.db.events.bulkPut(events);
  return store;
}

const storedDue = async (store: CaseStore) => (await store.db.cases.get('q-1'))?.sla.dueAt;

describe('saving an edited policy or calendar', () => {
  it('stores the next version of a policy and recomputes the open cases under it', async () => {
    const store = await deskStore();
    const faster = {
      ...query,
      targets: query.targets.map((t) => ({ ...t, duration: { amount: 4, unit: 'working-hours' as const } })),
    };
    const saved = await savePolicy(store, faster, query);
    expect(saved.version).toBe(query.version + 1);
    expect((await store.db.policies.get('query'))?.version).toBe(query.version + 1);
    expect(await storedDue(store)).toBe('2026-03-02T13:30:00.000Z');
  });

  it('stores an edited calendar and moves the stored deadlines with it', async () => {
    const store = await deskStore();
    expect(await storedDue(store)).toBe('2026-03-03T09:30:00.000Z');
    const progress: number[] = [];
    await saveCalendar(store, { ...office, holidays: [{ date: '2026-03-03', name: 'Away day' }] }, office, {
      onProgress: (done) => progress.push(done),
    });
    expect(await storedDue(store)).toBe('2026-03-04T09:30:00.000Z');
    expect(progress).toEqual([1]);
  });

  it('refuses an edit of a version another window has replaced since, and keeps that version', async () => {
    const store = await deskStore();
    await savePolicy(store, { ...query, name: 'Query (theirs)' }, query);
    const conflict = await savePolicy(store, { ...query, name: 'Query (mine)' }, query).catch(
      (e: unknown) => e,
    );
    expect(conflict).toBeInstanceOf(MutationError);
    expect((conflict as MutationError).message).toMatch(/changed elsewhere .* your changes were not saved/);
    expect((await store.db.policies.get('query'))?.name).toBe('Query (theirs)');

    await saveCalendar(store, { ...office, name: 'Office (theirs)' }, office);
    await expect(saveCalendar(store, { ...office, name: 'Office (mine)' }, office)).rejects.toThrow(
      /changed elsewhere/,
    );
    // Only the saves that went through wait for the server.
    expect((await store.db.outbox.toArray()).map((m) => m.name)).toEqual(['savePolicy', 'saveCalendar']);
  });

  it('refuses a calendar with no working time before saving anything', async () => {
    const store = await deskStore();
    // Closed every day: no deadline could ever be reached on it.
    const closed: CalendarSpec = { ...office, hours: {} };
    const refusal = await saveCalendar(store, closed, office).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(MutationError);
    expect((refusal as MutationError).message).toMatch(/^Couldn't save the calendar: /);
    expect(await store.db.calendars.get('office')).toEqual(office);
    expect(await store.db.outbox.count()).toBe(0);
    expect(await storedDue(store)).toBe('2026-03-03T09:30:00.000Z');
  });

  it('saves the old calendar back when the cases cannot be recomputed under the new one', async () => {
    const store = await deskStore();
    // The disk fills up just as the open cases are brought up to the new calendar.
    let failing = true;
    store.db.cases.hook('updating', () => {
      if (!failing) return;
      failing = false;
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    const awayDay = { ...office, holidays: [{ date: '2026-03-03', name: 'Away day' }] };
    const failure = await saveCalendar(store, awayDay, office).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(StoreError);
    expect((failure as StoreError).problem).toBe('quota');
    expect(await store.db.calendars.get('office')).toEqual(office);
    expect(await storedDue(store)).toBe('2026-03-03T09:30:00.000Z');
    // The SLA function works with the old calendar again, and the server hears of both saves.
    expect(store.slaOf(kase, events, NOW).dueAt).toBe('2026-03-03T09:30:00.000Z');
    expect((await store.db.outbox.toArray()).map((m) => m.name)).toEqual(['saveCalendar', 'saveCalendar']);
  });

  it('saving a policy or calendar exactly as stored changes nothing and queues nothing', async () => {
    const store = await deskStore();
    expect(await savePolicy(store, query, query)).toEqual(query);
    expect(await saveCalendar(store, office, office)).toEqual(office);
    expect((await store.db.policies.get('query'))?.version).toBe(query.version);
    expect(await store.db.outbox.count()).toBe(0);
  });

  it('lets only managers and admins change the rules once the desk knows who is at it', async () => {
    const store = await deskStore();
    const agent = {
      id: 'p-agent',
      name: 'Ana Patel',
      email: 'ana@example.ac.uk',
      role: 'agent' as const,
      teamId: null,
      division: null,
      lineManagerId: null,
      seesConfidential: false,
      active: true,
    };
    await store.db.people.bulkPut([agent, { ...agent, id: 'p-admin', name: 'Ada Admin', admin: true }]);
    store.actorId = 'p-agent';
    await expect(savePolicy(store, { ...query, name: 'Mine' }, query)).rejects.toThrow(
      /Only a manager or an admin can change the desk's policies/,
    );
    store.actorId = 'p-admin';
    expect((await savePolicy(store, { ...query, name: 'Mine' }, query)).version).toBe(query.version + 1);
    expect((await store.db.outbox.toArray()).map((m) => m.actorId)).toEqual(['p-admin']);
  });
});
