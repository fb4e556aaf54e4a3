import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { buildCase, historyOf } from '../../shared/domain';
import type { TrayCounts } from '../../shared/ipc/schemas';
import { queryPolicy } from '../../shared/policies';
import { officeCalendar } from '../../shared/test-support/desk';
import { createClock } from '../../shared/time';
import { type CaseStore, openCaseStore, recomputeSla, reloadPolicies, toCaseRow } from '../db';
import { keepTrayBadgeCurrent, myTrayCounts } from './tray-badge';

const office = officeCalendar;
const ME = 'person-me';

let stores: CaseStore[] = [];
afterEach(() => {
  for (const store of stores) store.db.close();
  stores = [];
});

/** A desk where I hold one query logged Monday 09:30 (first response due Tuesday 09:30) and someone else holds another. */
async function desk(now: string) {
  const clock = createClock({ now });
  const store = await openCaseStore({ name: `tray-${Math.random()}`, clock, actorId: ME });
  stores.push(store);
  await store.db.policies.put(queryPolicy({ calendarId: 'office' }));
  await store.db.calendars.put(office);
  await reloadPolicies(store);
  for (const [id, assigneeId] of [
    ['mine', ME],
    ['theirs', 'person-other'],
  ] as const) {
    const kase = buildCase({
      id,
      kind: 'query',
      receivedAt: '2026-03-02T09:30:00Z',
      calendarId: 'office',
      assigneeId,
    });
    const events = historyOf(kase).created().events;
    await store.db.cases.put(toCaseRow(kase, store.slaOf(kase, events, clock.now())));
    await store.db.events.bulkPut(events);
  }
  return { store, clock };
}

describe('tray badge: my breached and at-risk cases', () => {
  it('counts only my open cases, by their SLA state', async () => {
    expect(await myTrayCounts((await desk('2026-03-02T10:00:00Z')).store)).toEqual({
      breached: 0,
      atRisk: 0,
    });
    // Two working hours before the deadline the query's first response is at risk; after it, breached.
    expect(await myTrayCounts((await desk('2026-03-03T08:00:00Z')).store)).toEqual({
      breached: 0,
      atRisk: 1,
    });
    expect(await myTrayCounts((await desk('2026-03-03T10:00:00Z')).store)).toEqual({
      breached: 1,
      atRisk: 0,
    });
  });

  it('sends the new counts when the clock moves, and only when they change', async () => {
    const { store, clock } = await desk('2026-03-02T10:00:00Z');
    const sent: TrayCounts[] = [];
    const stop = keepTrayBadgeCurrent(
      store,
      async (counts) => {
        sent.push(counts);
      },
      (listener) => clock.subscribe(listener),
      1,
    );
    await expect.poll(() => sent.length).toBe(1);
    clock.set(new Date('2026-03-03T10:00:00Z'));
    await recomputeSla(store, { all: true });
    clock.set(new Date('2026-03-03T10:00:01Z'));
    await expect.poll(() => sent.at(-1)).toEqual({ breached: 1, atRisk: 0 });
    const before = sent.length;
    clock.set(new Date('2026-03-03T10:05:00Z'));
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(sent.length).toBe(before);
    stop();
  });
});
