import { describe, expect, it } from 'vitest';
import { presetPolicies } from '../policies';
import {
  deskAgent as agent,
  deskPerson,
  deskManager as manager,
  officeCalendar as office,
} from '../test-support/desk';
import {
  contextFor,
  type MutationRows,
  type MutatorArgs,
  type MutatorName,
  type Person,
  type RowChange,
  type RowsByTable,
  runMutator,
  type SavedView,
  sameRow,
} from './index';

const NOW = '2026-03-02T10:00:00.000Z';

const admin = deskPerson({ id: 'p-ada', name: 'Ada Admin', admin: true });

function run<N extends MutatorName>(
  name: N,
  args: MutatorArgs<N>,
  actor: Person | null,
  rowsById: RowsByTable = {},
): RowChange[] {
  const rows: MutationRows = {
    cases: [],
    events: [],
    people: [],
    policies: presetPolicies(),
    rowsById,
    actor,
  };
  const ctx = contextFor({ clientId: 'client-a', id: 1, name, args, createdAt: NOW }, actor?.id ?? null);
  return runMutator(name, args, rows, ctx);
}

describe('policies and calendars', () => {
  const query = presetPolicies().find((p) => p.id === 'query')!;

  it('are changed by managers, admins and a standalone desk, never by an agent', () => {
    const args = { policy: { ...query, name: 'Queries' }, baseVersion: query.version };
    const stored = { policies: [query] };
    expect(() => run('savePolicy', args, agent, stored)).toThrow(/Only a manager or an admin/);
    for (const actor of [manager, admin, null]) {
      expect(run('savePolicy', args, actor, stored)).toEqual([
        { op: 'put', table: 'policies', row: { ...query, name: 'Queries', version: query.version + 1 } },
      ]);
    }
  });

  it('refuse an edit of a version someone else has replaced, and change nothing when nothing changed', () => {
    const newer = { ...query, version: query.version + 1 };
    expect(() =>
      run('savePolicy', { policy: query, baseVersion: query.version }, manager, { policies: [newer] }),
    ).toThrow(/changed elsewhere/);
    expect(
      run('savePolicy', { policy: query, baseVersion: query.version }, manager, { policies: [query] }),
    ).toEqual([]);

    const renamed = { ...office, name: 'Head office' };
    expect(() =>
      run('saveCalendar', { calendar: office, base: office }, manager, { calendars: [renamed] }),
    ).toThrow(/changed elsewhere/);
    expect(
      run('saveCalendar', { calendar: renamed, base: office }, manager, { calendars: [office] }),
    ).toHaveLength(1);
    // The same calendar with its keys in another order (as a server's database returns it) is the same calendar.
    const reordered = Object.fromEntries(Object.entries(office).reverse()) as typeof office;
    expect(
      run('saveCalendar', { calendar: office, base: office }, manager, { calendars: [reordered] }),
    ).toEqual([]);
  });

  it('refuse a calendar with no working time left', () => {
    expect(() =>
      run('saveCalendar', { calendar: { ...office, hours: {} }, base: office }, manager, {
        calendars: [office],
      }),
    ).toThrow(/^Couldn't save the calendar/);
  });
});

describe('saved views', () => {
  const mine: SavedView = {
    id: 'v-mine',
    name: 'My breached',
    filter: { mine: true, sla: 'breached' },
    ownerId: agent.id,
    order: 10,
  };
  const shared: SavedView = { ...mine, id: 'v-shared', name: 'Breached', ownerId: null };

  it('a personal view is changed and removed only by its owner', () => {
    expect(run('saveView', { view: mine }, agent)).toHaveLength(1);
    expect(() => run('saveView', { view: mine }, manager, { savedViews: [mine] })).toThrow(
      /someone else's view/,
    );
    expect(() => run('deleteView', { viewId: mine.id }, manager, { savedViews: [mine] })).toThrow(
      /someone else's view/,
    );
    expect(run('deleteView', { viewId: mine.id }, agent, { savedViews: [mine] })).toEqual([
      { op: 'del', table: 'savedViews', id: mine.id },
    ]);
    expect(run('deleteView', { viewId: mine.id }, agent)).toEqual([]);
  });

  it('a shared view is changed only by managers and admins, and cannot be taken over as someone’s own', () => {
    expect(() => run('saveView', { view: shared }, agent)).toThrow(/shared with the whole desk/);
    expect(() =>
      run('saveView', { view: { ...shared, ownerId: agent.id } }, agent, { savedViews: [shared] }),
    ).toThrow(/shared with the whole desk/);
    expect(run('saveView', { view: shared }, manager)).toHaveLength(1);
    expect(run('saveView', { view: shared }, admin, { savedViews: [shared] })).toEqual([]);
  });
});

describe('the directory', () => {
  it('people are changed by admins; a desk nobody has signed in to may add whoever it is', () => {
    const newcomer: Person = { ...agent, id: 'p-new', name: 'New Person' };
    expect(() => run('savePerson', { person: newcomer }, manager)).toThrow(/Only an admin/);
    expect(() =>
      run('savePerson', { person: { ...agent, role: 'manager' } }, agent, { people: [agent] }),
    ).toThrow(/Only an admin/);
    expect(run('savePerson', { person: newcomer }, admin)).toHaveLength(1);
    expect(run('savePerson', { person: newcomer }, null)).toHaveLength(1);
    expect(run('savePerson', { person: agent }, admin, { people: [agent] })).toEqual([]);
  });

  it('teams are changed by managers and admins', () => {
    const team = { id: 'team-desk', name: 'Service Desk', division: 'Digital Services', lineManagerId: null };
    expect(() => run('saveTeam', { team }, agent)).toThrow(/Only a manager or an admin/);
    expect(run('saveTeam', { team }, manager)).toHaveLength(1);
    expect(run('saveTeam', { team }, manager, { teams: [team] })).toEqual([]);
  });
});

describe('importing a standalone desk', () => {
  it('adds only rows the desk does not have, and never removes any', () => {
    const team = { id: 'team-desk', name: 'Service Desk', division: 'Digital Services', lineManagerId: null };
    const changes: RowChange[] = [
      { op: 'put', table: 'teams', row: { ...team, name: 'Renamed?' } },
      { op: 'put', table: 'people', row: agent },
      { op: 'put', table: 'people', row: agent },
    ];
    expect(run('importRows', { changes }, manager, { teams: [team] })).toEqual([
      { op: 'put', table: 'people', row: agent },
    ]);
    expect(() => run('importRows', { changes }, agent)).toThrow(/Only a manager or an admin/);
    expect(() =>
      run('importRows', { changes: [{ op: 'del', table: 'teams', id: team.id }] }, manager),
    ).toThrow(/never removes/);
    expect(() =>
      run('importRows', { changes: [{ op: 'put', table: 'people', row: { id: 'x' } }] }, manager),
    ).toThrow(/Couldn't import the desk/);
  });
});

describe('sameRow', () => {
  it('ignores key order and keys left undefined, and nothing else', () => {
    expect(sameRow({ a: 1, b: [{ c: 2, d: 3 }] }, { b: [{ d: 3, c: 2 }], a: 1, e: undefined })).toBe(true);
    expect(sameRow({ a: 1, b: [1, 2] }, { a: 1, b: [2, 1] })).toBe(false);
    expect(sameRow({ a: null }, { a: undefined })).toBe(false);
    expect(sameRow(null, null)).toBe(true);
  });
});

describe('setEmailNotices', () => {
  it('changes only the caller’s own row, and only that setting', () => {
    const changes = run('setEmailNotices', { notifyByEmail: true }, agent);
    expect(changes).toEqual([{ op: 'put', table: 'people', row: { ...agent, notifyByEmail: true } }]);
    expect(run('setEmailNotices', { notifyByEmail: true }, { ...agent, notifyByEmail: true })).toEqual([]);
  });

  it('asks who you are when nobody is', () => {
    expect(() => run('setEmailNotices', { notifyByEmail: true }, null)).toThrow(/Who I am/);
  });
});
