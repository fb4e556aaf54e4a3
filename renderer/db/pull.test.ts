import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { generateDemo } from '../../shared/demo';
import type { CaseEvent } from '../../shared/domain';
import type { MutatorArgs, PullResponse, Rejection, RowChange } from '../../shared/sync';
import { createClock } from '../../shared/time';
import { actorFor } from '../case-store/actor';
import { discardProblem, listProblems, retryProblem } from '../sync/problems';
import {
  applyPull,
  type CaseStore,
  exportForImport,
  fromCaseRow,
  openCaseStore,
  queueImport,
  runMutation,
  seedIfEmpty,
  syncMetaOf,
  timelineOf,
  toCaseRow,
} from './index';

const NOW = '2026-03-02T10:00:00.000Z';
const ANA = 'person-ana-patel';
const BEN = 'person-ben-carter';
const MANAGER = 'person-rachel-bishop';

let opened: CaseStore[] = [];
let count = 0;
afterEach(() => {
  for (const store of opened) store.db.close();
  opened = [];
});

/** A desk's store with the demo's policies, calendars and directory (no cases). */
async function deskStore(actorId: string | null = ANA): Promise<CaseStore> {
  const store = await openCaseStore({
    name: `pull-test-${++count}`,
    clock: createClock({ now: NOW }),
    actorId,
  });
  opened.push(store);
  await seedIfEmpty(store, { cases: 0 });
  return store;
}

/** A pull page: rows changed by others, and what the server says of this client's mutations. */
function page(
  changes: readonly RowChange[],
  options: { cookie?: number; acked?: [string, number]; rejections?: Rejection[]; more?: boolean } = {},
): PullResponse {
  return {
    cookie: options.cookie ?? 1,
    changes: [...changes],
    lastMutationIds: options.acked ? { [options.acked[0]]: options.acked[1] } : {},
    rejections: options.rejections ?? [],
    more: options.more ?? false,
  };
}

const queryArgs = {
  kind: 'query',
  subject: 'Eduroam won’t connect',
  requester: { name: 'Olivia Hughes', email: 'olivia.hughes@student.example.ac.uk' },
} as const;

/** Another desk (Ben's), whose changes reach this one through the server. */
async function otherDesk(): Promise<CaseStore> {
  return deskStore(BEN);
}

/** A case another desk logged, as the server would send it to this one. */
async function theirCase(other?: CaseStore): Promise<{ id: string; changes: RowChange[] }> {
  const made = await runMutation(other ?? (await otherDesk()), 'createCase', queryArgs);
  return { id: made.cases[0]!.id, changes: [...made.changes] };
}

describe('every synced write goes through a mutator', () => {
  it('queues settings, people, teams and views, and queues nothing for a change that changes nothing', async () => {
    const store = await deskStore(MANAGER);
    const policy = (await store.db.policies.get('query'))!;
    const team = (await store.db.teams.get('team-networks'))!;
    const person = (await store.db.people.get(BEN))!;
    const view = {
      id: 'view-mine-breached',
      name: 'Mine, breached',
      filter: { mine: true, sla: 'breached' },
      ownerId: MANAGER,
      order: 20,
    } as const;
    await runMutation(store, 'savePolicy', {
      policy: { ...policy, name: 'Queries' },
      baseVersion: policy.version,
    });
    await runMutation(store, 'saveTeam', { team: { ...team, name: 'Networks and Telephony' } });
    await runMutation(store, 'saveView', { view });
    await runMutation(store, 'deleteView', { viewId: 'view-paused' });
    // An admin keeps the directory; the manager is not one.
    await expect(
      runMutation(store, 'savePerson', { person: { ...person, role: 'line-manager' } }),
    ).rejects.toThrow(/Only an admin/);
    expect((await store.db.outbox.toArray()).map((m) => [m.id, m.name, m.actorId])).toEqual([
      [1, 'savePolicy', MANAGER],
      [2, 'saveTeam', MANAGER],
      [3, 'saveView', MANAGER],
      [4, 'deleteView', MANAGER],
    ]);
    expect((await store.db.policies.get('query'))?.version).toBe(policy.version + 1);
    expect(await store.db.savedViews.get('view-paused')).toBeUndefined();

    const nothing = [
      await runMutation(store, 'saveTeam', { team: { ...team, name: 'Networks and Telephony' } }),
      await runMutation(store, 'saveView', { view }),
      await runMutation(store, 'deleteView', { viewId: 'view-paused' }),
      await runMutation(store, 'savePolicy', {
        policy: (await store.db.policies.get('query'))!,
        baseVersion: policy.version + 1,
      }),
    ];
    expect(nothing.map((r) => r.queued)).toEqual([false, false, false, false]);
    expect(await store.db.outbox.count()).toBe(4);
    expect((await store.db.meta.get('lastMutationId'))?.value).toBe(4);
  });

  it('adds "who I am" to the directory through the outbox, once, made by that new person', async () => {
    const store = await deskStore(ANA);
    const me = { name: 'Zara Quinn', role: 'manager', team: 'Service Desk' };
    const id = await actorFor(store, me);
    expect(id).toBe('person-zara-quinn');
    expect(await store.db.people.get(id!)).toMatchObject({ role: 'manager', teamId: 'team-service-desk' });
    expect(await actorFor(store, me)).toBe(id);
    expect(await actorFor(store, { ...me, name: 'Ana Patel' })).toBe(ANA);
    expect((await store.db.outbox.toArray()).map((m) => [m.name, m.actorId])).toEqual([['savePerson', id]]);
  });

  it('finds the new person when another window of the desk added them at the same moment', async () => {
    const store = await deskStore(ANA);
    const second = await openCaseStore({
      name: store.db.name,
      clock: createClock({ now: NOW }),
      actorId: ANA,
    });
    opened.push(second);
    const me = { name: 'Zara Quinn', role: 'agent', team: 'Service Desk' };
    // Both windows see the new "who I am" and look them up before either has added them.
    const ids = await Promise.all([actorFor(store, me), actorFor(second, me)]);
    expect(ids).toEqual(['person-zara-quinn', 'person-zara-quinn']);
    expect((await store.db.people.toArray()).filter((p) => p.name === 'Zara Quinn')).toHaveLength(1);
  });

  it('lets a standalone desk that has not said who it is change its own set-up, as before', async () => {
    const store = await deskStore(null);
    const team = (await store.db.teams.get('team-networks'))!;
    const result = await runMutation(store, 'saveTeam', { team: { ...team, name: 'Networks and Cabling' } });
    expect(result.queued).toBe(true);
    expect(result.mutation?.actorId).toBeNull();
  });

  it('does not queue a second copy of an effect that carries a deterministic id', async () => {
    const store = await deskStore();
    const { cases } = await runMutation(store, 'createCase', queryArgs);
    const caseId = cases[0]!.id;
    const step: MutatorArgs<'markPrompted'> = {
      caseId,
      stepId: 'day-2',
      ruleId: 'day-2',
      notified: ['desk'],
      flagForPrompt: true,
    };
    expect((await runMutation(store, 'markPrompted', step)).queued).toBe(true);
    expect((await runMutation(store, 'markPrompted', step)).queued).toBe(false);
    const prompt = { caseId, stepId: 'day-2', promptedId: ANA };
    expect((await runMutation(store, 'recordOwnerPrompted', prompt)).queued).toBe(true);
    expect((await runMutation(store, 'recordOwnerPrompted', prompt)).queued).toBe(false);
    const report = {
      runId: 'report:2026-03-02T09:00',
      recipientIds: [MANAGER],
      subject: 'Outstanding',
      body: 'See attached.',
    };
    expect((await runMutation(store, 'mailReport', report)).queued).toBe(true);
    expect((await runMutation(store, 'mailReport', report)).queued).toBe(false);
    expect((await store.db.outbox.toArray()).map((m) => m.name)).toEqual([
      'createCase',
      'markPrompted',
      'recordOwnerPrompted',
      'mailReport',
    ]);
  });
});

describe('applying a pull', () => {
  it('keeps a pending change on top of others’ changes to the same case (rebase)', async () => {
    const store = await deskStore();
    const other = await otherDesk();
    const theirs = await theirCase(other);
    await applyPull(store, page(theirs.changes, { cookie: 1 }));
    await runMutation(store, 'addNote', { caseId: theirs.id, text: 'Called the requester.' });
    const note = (await timelineOf(store.db, theirs.id)).find((e) => e.type === 'note')!;

    // Meanwhile Ben assigned it to himself; the server sends that, not yet having our note.
    const assigned = await runMutation(other, 'assign', { caseId: theirs.id, assigneeId: BEN });
    await applyPull(store, page(assigned.changes, { cookie: 2 }));

    const kase = (await store.db.cases.get(theirs.id))!;
    expect(kase.assigneeId).toBe(BEN);
    const timeline = await timelineOf(store.db, theirs.id);
    expect(timeline.map((e) => e.type)).toEqual(expect.arrayContaining(['assigned', 'note']));
    expect(timeline.find((e) => e.type === 'note')).toEqual(note);
    expect((await store.db.outbox.toArray()).map((m) => m.name)).toEqual(['addNote']);
    expect(await store.db.shadow.count()).toBeGreaterThan(0);
    expect((await syncMetaOf(store)).cookie).toBe(2);
  });

  it('rolls a rejected change back to the confirmed rows and lists it as a problem', async () => {
    const store = await deskStore();
    const theirs = await theirCase();
    await applyPull(store, page(theirs.changes, { cookie: 1 }));
    const confirmed = await store.db.cases.get(theirs.id);
    const confirmedTimeline = await timelineOf(store.db, theirs.id);

    const made = await runMutation(store, 'assign', { caseId: theirs.id, assigneeId: ANA });
    expect((await store.db.cases.get(theirs.id))?.assigneeId).toBe(ANA);
    const error = 'You may not assign cases of this team.';
    const applied = await applyPull(
      store,
      page([], {
        cookie: 2,
        acked: [store.clientId, made.mutation!.id],
        rejections: [{ clientId: store.clientId, id: made.mutation!.id, error }],
      }),
    );

    expect(applied).toMatchObject({ acknowledged: 1, newProblems: 1, pending: 0 });
    expect(await store.db.cases.get(theirs.id)).toEqual(confirmed);
    expect(await timelineOf(store.db, theirs.id)).toEqual(confirmedTimeline);
    expect(await store.db.outbox.count()).toBe(0);
    expect(await store.db.shadow.count()).toBe(0);
    const problems = await listProblems(store);
    expect(problems).toEqual([
      expect.objectContaining({
        kind: 'rejected',
        name: 'assign',
        error,
        caseId: theirs.id,
        mutationId: made.mutation!.id,
      }),
    ]);
    // The same rejection reported again (a later pull) is not listed twice.
    await applyPull(
      store,
      page([], {
        cookie: 3,
        acked: [store.clientId, 1],
        rejections: [{ clientId: store.clientId, id: 1, error }],
      }),
    );
    expect(await listProblems(store)).toHaveLength(1);
  });

  it('retries a rejected change as a new change, and discards a notice for good', async () => {
    const store = await deskStore();
    const theirs = await theirCase();
    await applyPull(store, page(theirs.changes, { cookie: 1 }));
    const first = await runMutation(store, 'assign', { caseId: theirs.id, assigneeId: ANA });
    const second = await runMutation(store, 'addNote', { caseId: theirs.id, text: 'Looking into it.' });
    const reject = (id: number) => ({ clientId: store.clientId, id, error: 'Not now.' });
    await applyPull(
      store,
      page([], { cookie: 2, acked: [store.clientId, 2], rejections: [reject(1), reject(2)] }),
    );
    const [assignProblem, noteProblem] = await listProblems(store);
    expect([assignProblem?.name, noteProblem?.name]).toEqual(['assign', 'addNote']);

    const retried = await retryProblem(store, assignProblem!.id);
    expect(retried.mutation).toMatchObject({
      id: second.mutation!.id + 1,
      name: 'assign',
      args: first.mutation!.args,
    });
    expect((await store.db.cases.get(theirs.id))?.assigneeId).toBe(ANA);
    await discardProblem(store, noteProblem!.id);
    expect(await listProblems(store)).toEqual([]);
    await expect(retryProblem(store, noteProblem!.id)).rejects.toThrow(/no longer listed/);
  });

  it('lists a pending change that no longer applies, keeps it queued, and settles it with the server’s answer', async () => {
    const store = await deskStore(MANAGER);
    const policy = (await store.db.policies.get('query'))!;
    const mine = await runMutation(store, 'savePolicy', {
      policy: { ...policy, name: 'Mine' },
      baseVersion: policy.version,
    });
    // Someone else's version 2 reaches this desk first.
    const theirs = { ...policy, name: 'Theirs', version: policy.version + 1 };
    await applyPull(store, page([{ op: 'put', table: 'policies', row: theirs }], { cookie: 2 }));
    expect((await store.db.policies.get('query'))?.name).toBe('Theirs');
    expect(store.slaOf).toBeTypeOf('function');
    expect(await store.db.outbox.count()).toBe(1);
    expect(await listProblems(store)).toEqual([
      expect.objectContaining({
        kind: 'conflict',
        name: 'savePolicy',
        error: expect.stringMatching(/changed elsewhere/),
      }),
    ]);
    const error = 'This policy was changed elsewhere.';
    await applyPull(
      store,
      page([], {
        cookie: 3,
        acked: [store.clientId, mine.mutation!.id],
        rejections: [{ clientId: store.clientId, id: mine.mutation!.id, error }],
      }),
    );
    expect(await store.db.outbox.count()).toBe(0);
    expect(await listProblems(store)).toEqual([expect.objectContaining({ kind: 'rejected', error })]);
  });

  it('drops the outbox rows the server has processed, and only those', async () => {
    const store = await deskStore();
    for (const text of ['one', 'two', 'three']) {
      const { cases } = await runMutation(store, 'createCase', { ...queryArgs, subject: text });
      expect(cases).toHaveLength(1);
    }
    const before = await store.db.outbox.toArray();
    const applied = await applyPull(store, page([], { cookie: 1, acked: [store.clientId, 2] }));
    expect(applied).toMatchObject({ acknowledged: 2, pending: 1 });
    expect(await store.db.outbox.toArray()).toEqual(before.slice(2));
    expect((await syncMetaOf(store)).lastAckedMutationId).toBe(2);
    // The processed cases' rows were never sent back here: they are gone until the server's rows arrive.
    expect(await store.db.cases.count()).toBe(1);
  });

  it('keeps processed changes queued, and their cases in view, until the last page of a catch-up', async () => {
    const store = await deskStore();
    const { cases } = await runMutation(store, 'createCase', { ...queryArgs, subject: 'Projector in B12' });
    const mine = cases[0]!;
    // A middle page: the server has processed the change, but the rows it made come on a later page.
    const middle = await applyPull(store, page([], { cookie: 1, acked: [store.clientId, 1], more: true }));
    expect(middle).toMatchObject({ acknowledged: 0, pending: 1 });
    expect(await store.db.outbox.count()).toBe(1);
    expect((await syncMetaOf(store)).lastAckedMutationId).toBe(0);
    expect((await store.db.cases.get(mine.id))?.subject).toBe('Projector in B12');
    // The last page brings the server's rows with the acknowledgement: the change leaves the queue.
    const server = { ...mine, subject: 'Projector in B12 (confirmed)' };
    const last = await applyPull(
      store,
      page([{ op: 'put', table: 'cases', row: server }], { cookie: 2, acked: [store.clientId, 1] }),
    );
    expect(last).toMatchObject({ acknowledged: 1, pending: 0 });
    expect(await store.db.outbox.count()).toBe(0);
    expect((await syncMetaOf(store)).lastAckedMutationId).toBe(1);
    expect((await store.db.cases.get(mine.id))?.subject).toBe('Projector in B12 (confirmed)');
  });

  it('deletes rows the server takes away (a case this person may no longer see)', async () => {
    const store = await deskStore();
    const theirs = await theirCase();
    await applyPull(store, page(theirs.changes, { cookie: 1 }));
    const events = await timelineOf(store.db, theirs.id);
    await applyPull(
      store,
      page(
        [
          { op: 'del', table: 'cases', id: theirs.id },
          ...events.map((e): RowChange => ({ op: 'del', table: 'events', id: e.id })),
        ],
        { cookie: 2 },
      ),
    );
    expect(await store.db.cases.get(theirs.id)).toBeUndefined();
    expect(await timelineOf(store.db, theirs.id)).toEqual([]);
  });

  it('replays a pending case with the same id and reference, so later changes to it still find it', async () => {
    const store = await deskStore();
    const made = await runMutation(store, 'createCase', queryArgs);
    const kase = made.cases[0]!;
    await runMutation(store, 'addNote', { caseId: kase.id, text: 'Asked for the OS version.' });
    const before = await timelineOf(store.db, kase.id);
    const theirs = await theirCase();
    await applyPull(store, page(theirs.changes, { cookie: 1 }));
    await applyPull(store, page([], { cookie: 2 }));
    expect(await store.db.cases.get(kase.id)).toMatchObject({ id: kase.id, ref: kase.ref });
    expect(await timelineOf(store.db, kase.id)).toEqual(before);
    expect(await store.db.outbox.count()).toBe(2);
  });

  it('stamps a replayed change with the person who made it, after someone else signs in', async () => {
    const store = await deskStore(ANA);
    const theirs = await theirCase();
    await applyPull(store, page(theirs.changes, { cookie: 1 }));
    await runMutation(store, 'addNote', { caseId: theirs.id, text: 'Ana’s note.' });
    store.actorId = BEN;
    await applyPull(store, page([], { cookie: 2 }));
    const note = (await timelineOf(store.db, theirs.id)).find((e) => e.type === 'note');
    expect(note?.actorId).toBe(ANA);
    expect((await store.db.outbox.toArray())[0]?.actorId).toBe(ANA);
  });

  it('refreshes every open case when the server changes a policy or calendar', async () => {
    const store = await deskStore();
    const theirs = await theirCase();
    await applyPull(store, page(theirs.changes, { cookie: 1 }));
    const due = (await store.db.cases.get(theirs.id))!.sla.dueAt;
    const policy = (await store.db.policies.get('query'))!;
    const faster = {
      ...policy,
      version: policy.version + 1,
      targets: policy.targets.map((t) => ({ ...t, duration: { amount: 1, unit: 'working-hours' as const } })),
    };
    await applyPull(store, page([{ op: 'put', table: 'policies', row: faster }], { cookie: 2 }));
    expect((await store.db.cases.get(theirs.id))!.sla.dueAt).not.toBe(due);
    expect(
      store.slaOf(
        fromCaseRow((await store.db.cases.get(theirs.id))!),
        await timelineOf(store.db, theirs.id),
        new Date(NOW),
      ),
    ).toEqual((await store.db.cases.get(theirs.id))!.sla);
  });
});

describe('the first sync of an empty store', () => {
  it('gives every case the summary its whole timeline gives, however the pages split cases and events', async () => {
    const server = await deskStore();
    const demo = generateDemo({ cases: 120, now: NOW });
    // Rows in "version" order where a case's older events come pages before its row, as a server sends them.
    const early: RowChange[] = [];
    const late: RowChange[] = [];
    demo.cases.forEach((kase, i) => {
      const events = demo.events.filter((e) => e.caseId === kase.id);
      const caseRow: RowChange = { op: 'put', table: 'cases', row: kase };
      const eventRows = events.map((row): RowChange => ({ op: 'put', table: 'events', row }));
      if (i % 3 === 0) {
        early.push(...eventRows.slice(0, 2));
        late.push(caseRow, ...eventRows.slice(2));
      } else {
        late.push(caseRow, ...eventRows);
      }
    });
    const rows = [...early, ...late];
    const store = await deskStore();
    const size = 97;
    for (let from = 0, cookie = 1; from < rows.length; from += size, cookie++) {
      await applyPull(
        store,
        page(rows.slice(from, from + size), { cookie, more: from + size < rows.length }),
      );
    }
    const now = new Date(NOW);
    for (const kase of demo.cases) {
      const timeline = await timelineOf(store.db, kase.id);
      expect(timeline.length).toBe(demo.events.filter((e: CaseEvent) => e.caseId === kase.id).length);
      expect(await store.db.cases.get(kase.id), kase.ref).toEqual(
        toCaseRow(kase, server.slaOf(kase, timeline, now)),
      );
    }
  });
});

describe('joining an empty server', () => {
  it('queues everything the standalone store holds as import batches of the signed-in person', async () => {
    const source = await openCaseStore({ name: `pull-test-${++count}`, clock: createClock({ now: NOW }) });
    opened.push(source);
    await seedIfEmpty(source, { cases: 40 });
    const target = await openCaseStore({
      name: `pull-test-${++count}`,
      clock: createClock({ now: NOW }),
      actorId: MANAGER,
    });
    opened.push(target);

    const batches: RowChange[][] = [];
    for await (const batch of exportForImport(source, { batchRows: 100 })) batches.push(batch);
    const exported = batches.flat();
    expect(batches.every((b) => b.length <= 100)).toBe(true);
    const tables = new Set(exported.map((c) => c.table));
    expect([...tables].sort()).toEqual([
      'calendars',
      'cases',
      'contacts',
      'events',
      'people',
      'policies',
      'savedViews',
      'teams',
    ]);
    expect(exported.filter((c) => c.table === 'cases')).toHaveLength(40);
    const firstCase = exported.find((c) => c.table === 'cases');
    expect(firstCase?.op === 'put' && 'urgency' in firstCase.row).toBe(false);
    expect(exported.findIndex((c) => c.table === 'policies')).toBeLessThan(
      exported.findIndex((c) => c.table === 'cases'),
    );

    const queued = await queueImport(target, source, { batchRows: 100 });
    const outbox = await target.db.outbox.toArray();
    expect(outbox).toHaveLength(queued);
    expect(outbox.map((m) => m.id)).toEqual(outbox.map((_, i) => i + 1));
    expect(
      outbox.every((m) => m.name === 'importRows' && m.actorId === MANAGER && m.clientId === target.clientId),
    ).toBe(true);
    expect(outbox.flatMap((m) => (m.args as { changes: RowChange[] }).changes)).toHaveLength(exported.length);
    // Nothing is written locally: the server's echo fills the store.
    expect(await target.db.cases.count()).toBe(0);
  });

  it('imports only rows the desk does not have yet, and only for managers and admins', async () => {
    const store = await deskStore(ANA);
    const team = (await store.db.teams.get('team-networks'))!;
    const newTeam = { ...team, id: 'team-new', name: 'New team' };
    const changes: RowChange[] = [
      { op: 'put', table: 'teams', row: { ...team, name: 'Overwritten?' } },
      { op: 'put', table: 'teams', row: newTeam },
    ];
    await expect(runMutation(store, 'importRows', { changes })).rejects.toThrow(/Only a manager or an admin/);
    const result = await runMutation(store, 'importRows', { changes }, { actorId: MANAGER });
    expect(result.changes).toEqual([{ op: 'put', table: 'teams', row: newTeam }]);
    expect((await store.db.teams.get('team-networks'))?.name).toBe(team.name);
  });
});
