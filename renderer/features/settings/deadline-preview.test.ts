import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { buildCase, type Case, type CaseEvent, historyOf } from '../../../shared/domain';
import { complaintPolicy, queryPolicy } from '../../../shared/policies';
import type { CalendarSpec } from '../../../shared/sla';
import { officeCalendar } from '../../../shared/test-support/desk';
import { createClock } from '../../../shared/time';
import { type CaseStore, openCaseStore, reloadPolicies, toCaseRow } from '../../db';
import {
  type CaseMoves,
  type DeskRules,
  caseMoves as movesOf,
  previewDeadlineMoves,
  rulesOf,
  withEdited,
} from './deadline-preview';

// Monday 2 March 2026, 10:00 in London (GMT).
const NOW = new Date('2026-03-02T10:00:00Z');

const office = officeCalendar;
const elsewhere: CalendarSpec = {
  ...office,
  id: 'elsewhere',
  name: 'Elsewhere',
  timeZone: 'America/New_York',
};

const current: DeskRules = {
  policies: [queryPolicy({ calendarId: 'office' }), complaintPolicy({ calendarId: 'office' })],
  calendars: [office, elsewhere],
};

const shorterDays = (hours: CalendarSpec['hours']) =>
  Object.fromEntries(Object.keys(hours).map((day) => [day, [{ start: '09:00', end: '15:00' }]]));
const nineToThree = withEdited(current, { calendar: { ...office, hours: shorterDays(office.hours) } });
const withHoliday = (date: string) =>
  withEdited(current, { calendar: { ...office, holidays: [{ date, name: 'Desk away day' }] } });

interface Scenario {
  kase: Case;
  events: CaseEvent[];
}

function scenario(fields: Partial<Case> & Pick<Case, 'id' | 'kind' | 'receivedAt'>): Scenario {
  const kase = buildCase({ calendarId: 'office', subject: `Subject of ${fields.id}`, ...fields });
  return { kase, events: historyOf(kase).created().events };
}

/** A query logged Monday 09:30: first response (8 working hours) due Tuesday 09:30. */
const query = scenario({ id: 'q-1', kind: 'query', receivedAt: '2026-03-02T09:30:00Z', status: 'open' });
/** A complaint logged Monday 09:00: respond in 24 calendar hours; resolve in 20 working days (Mon 30 Mar). */
const complaint = scenario({
  id: 'c-1',
  kind: 'complaint',
  receivedAt: '2026-03-02T09:00:00Z',
  status: 'open',
});
const resolved = scenario({
  id: 'q-2',
  kind: 'query',
  receivedAt: '2026-03-02T09:15:00Z',
  status: 'resolved',
  resolvedAt: '2026-03-02T09:45:00Z',
});
/** On another calendar: no office edit concerns it. */
const abroad = scenario({
  id: 'q-3',
  kind: 'query',
  receivedAt: '2026-03-02T09:40:00Z',
  calendarId: 'elsewhere',
});

function moves(s: Scenario, edited: DeskRules) {
  return movesOf(s.kase, s.events, rulesOf(current)(s.kase), rulesOf(edited)(s.kase), NOW);
}

describe('the deadlines an edit would move', () => {
  it('9–17 to 9–15: close-of-business deadlines come earlier, working-hour budgets stretch later', () => {
    const complaintMoves = moves(complaint, nineToThree);
    expect(complaintMoves).toContainEqual(
      expect.objectContaining({
        targetId: 'resolution',
        name: 'Resolve within 20 working days',
        before: new Date('2026-03-30T16:00:00Z'), // 17:00 BST
        after: new Date('2026-03-30T14:00:00Z'), // 15:00 BST
        direction: 'earlier',
      }),
    );
    // 24 calendar hours do not depend on opening hours: not listed.
    expect(complaintMoves.map((m) => m.targetId)).not.toContain('first-response');

    expect(moves(query, nineToThree)).toContainEqual(
      expect.objectContaining({
        targetId: 'first-response',
        before: new Date('2026-03-03T09:30:00Z'),
        after: new Date('2026-03-03T11:30:00Z'),
        direction: 'later',
      }),
    );
  });

  it('a new holiday moves the deadlines that reach past it later, and leaves the others alone', () => {
    const awayDay = withHoliday('2026-03-20');
    expect(moves(complaint, awayDay)).toEqual([
      expect.objectContaining({
        targetId: 'resolution',
        before: new Date('2026-03-30T16:00:00Z'),
        after: new Date('2026-03-31T16:00:00Z'),
        direction: 'later',
      }),
    ]);
    // The query's first response (Tuesday) and its next step (day 2) fall before the away day.
    expect(moves(query, awayDay)).toEqual([]);

    const tomorrow = moves(query, withHoliday('2026-03-03'));
    expect(tomorrow).toContainEqual(
      expect.objectContaining({
        targetId: 'first-response',
        after: new Date('2026-03-04T09:30:00Z'),
        direction: 'later',
      }),
    );
    expect(tomorrow).toContainEqual(
      expect.objectContaining({ name: 'Next escalation step', direction: 'later' }),
    );
  });

  it('counting the query ladder in calendar days brings its next step forward', () => {
    const calendarDays = withEdited(current, {
      policy: queryPolicy({ calendarId: 'office', dayCounting: 'calendar-days' }),
    });
    expect(moves(query, calendarDays)).toEqual([
      {
        targetId: null,
        name: 'Next escalation step',
        before: new Date('2026-03-04T17:00:00Z'), // close of business, day 2
        after: new Date('2026-03-04T09:30:00Z'), // two days after logging, to the minute
        direction: 'earlier',
        stateBefore: null,
        stateAfter: null,
      },
    ]);
  });

  it('lists a step that the edit makes due at once', () => {
    const old = scenario({ id: 'q-4', kind: 'query', receivedAt: '2026-02-26T09:30:00Z', status: 'open' });
    // Logged Thursday: day 2 in working days is Monday 17:00; in calendar days Saturday 09:30, already past.
    const calendarDays = withEdited(current, {
      policy: queryPolicy({ calendarId: 'office', dayCounting: 'calendar-days' }),
    });
    expect(moves(old, calendarDays)).toContainEqual(
      expect.objectContaining({
        name: 'Escalation step: Day 2: desk prompts the owner',
        direction: 'due-now',
        after: new Date('2026-02-28T09:30:00Z'),
      }),
    );
  });
});

let stores: CaseStore[] = [];
afterEach(() => {
  for (const store of stores) store.db.close();
  stores = [];
});

async function storeWith(scenarios: readonly Scenario[]): Promise<CaseStore> {
  const store = await openCaseStore({
    name: `preview-test-${stores.length}-${Math.random()}`,
    clock: createClock({ now: NOW }),
  });
  stores.push(store);
  await store.db.policies.bulkPut([...current.policies]);
  await store.db.calendars.bulkPut([...current.calendars]);
  await reloadPolicies(store);
  await store.db.cases.bulkPut(
    scenarios.map(({ kase, events }) => toCaseRow(kase, store.slaOf(kase, events, NOW))),
  );
  await store.db.events.bulkPut(scenarios.flatMap((s) => s.events));
  return store;
}

const refs = (cases: readonly CaseMoves[]) => cases.map((c) => c.ref);

describe('previewing over the store', () => {
  it('checks only the open cases the edit concerns, and lists those whose deadlines move', async () => {
    const store = await storeWith([query, complaint, resolved, abroad]);
    const progress: [number, number][] = [];
    const preview = await previewDeadlineMoves(store, current, withHoliday('2026-03-20'), {
      chunkSize: 1,
      onProgress: (done, total) => progress.push([done, total]),
    });
    // Open and on the office calendar: the query and the complaint (not the resolved one, not the one abroad).
    expect(preview.checked).toBe(2);
    expect(refs(preview.cases)).toEqual(['C-1']);
    expect(preview.cases[0]).toMatchObject({ caseId: 'c-1', subject: 'Subject of c-1' });
    expect(progress.at(0)).toEqual([0, 3]);
    expect(progress.at(-1)).toEqual([3, 3]);
  });

  it('lists the soonest new deadline first', async () => {
    const store = await storeWith([complaint, query, abroad]);
    const preview = await previewDeadlineMoves(store, current, withHoliday('2026-03-03'));
    expect(refs(preview.cases)).toEqual(['Q-1', 'C-1']);
  });

  it('an edit that moves nothing lists nothing', async () => {
    const store = await storeWith([query, complaint]);
    const unchanged = withEdited(current, { calendar: { ...office } });
    const preview = await previewDeadlineMoves(store, current, unchanged);
    expect(preview).toEqual({ checked: 2, cases: [] });
  });

  it('stops when cancelled', async () => {
    const store = await storeWith([query, complaint]);
    const controller = new AbortController();
    controller.abort();
    await expect(
      previewDeadlineMoves(store, current, nineToThree, { signal: controller.signal }),
    ).rejects.toThrow(/abort/i);
  });
});
