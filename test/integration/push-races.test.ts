/**
 * Pushes racing on PostgreSQL 15. The server decides many pushes at once (each holds the keys of what it reads,
 * and only the final write statements wait for one another), so these check what that must never change:
 * an effect that many desks race to record happens once, a client's resent push applies nothing twice, and a
 * desk that pulls while others push ends up with exactly the server's rows.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MutatorArgs, PullResponse, PushResult, RowChange } from '../../shared/sync';
import { startPostgres, type TestPostgres } from '../support/postgres';
import { call, connect, type DeskClient, startTestServer, type TestServer } from '../support/server';

const queryArgs = (subject: string): MutatorArgs<'createCase'> => ({
  kind: 'query',
  subject,
  requester: { name: 'Ann Example', email: 'ann@example.ac.uk' },
});

describe('pushes racing on PostgreSQL 15', () => {
  let postgres: TestPostgres;
  let database: pg.Client;
  let desk: TestServer;
  let admin: DeskClient;
  let people = 0;
  let databaseUrl = '';

  beforeAll(async () => {
    postgres = await startPostgres();
    const url = await postgres.createDatabase();
    databaseUrl = url;
    desk = await startTestServer({ kind: 'postgres', url });
    admin = await connect(desk.url, desk.admin.email, desk.admin.password);
    database = new pg.Client({ connectionString: url });
    await database.connect();
  });
  afterAll(async () => {
    await database?.end();
    await desk?.stop();
    await postgres?.stop();
  });

  async function agent(): Promise<DeskClient & { email: string }> {
    const email = `racer${++people}@desk.test`;
    const password = 'a long enough password';
    const made = await call(desk.url, '/v1/people', {
      token: admin.token,
      json: { name: `Racer ${people}`, email, password, role: 'manager', seesConfidential: true },
    });
    expect(made.status).toBe(201);
    return { ...(await connect(desk.url, email, password)), email };
  }

  async function createCase(client: DeskClient, subject: string): Promise<string> {
    const mutation = client.mutation('createCase', queryArgs(subject));
    const answer = await client.push([mutation]);
    expect(answer.body.results[0]).toMatchObject({ status: 'applied' });
    return `case-${mutation.clientId}-${mutation.id}-1`;
  }

  function statuses(results: readonly PushResult[]): string[] {
    return results.map((r) => r.status);
  }

  /** How many of the audited mutations named `name` wrote rows, by one of their args. */
  async function writersBy(
    name: string,
    arg: string,
  ): Promise<Map<string, { wrote: number; total: number }>> {
    const { rows } = await database.query<{ key: string; wrote: number; total: number }>(
      `select args->>$2 as key, count(*) filter (where changed <> '[]'::jsonb)::int as wrote, count(*)::int as total
         from audit where name = $1 and result = 'applied' group by 1`,
      [name, arg],
    );
    return new Map(rows.map((r) => [r.key, { wrote: r.wrote, total: r.total }]));
  }

  it('records an escalation step once when two desks race to: the other is applied and changes nothing', async () => {
    const [ana, ben] = await Promise.all([agent(), agent()]);
    const caseId = await createCase(admin, 'Racing escalation steps');
    const steps = Array.from({ length: 12 }, (_, i) => `rule-race:step-${i}`);
    for (const [i, stepId] of steps.entries()) {
      const args: MutatorArgs<'markPrompted'> = {
        caseId,
        stepId,
        ruleId: 'rule-race',
        notified: ['assignee', 'manager'],
        ...(i === 3 ? { raiseTo: 1 } : {}),
      };
      const [first, second] = await Promise.all([
        ana.push([ana.mutation('markPrompted', args)]),
        ben.push([ben.mutation('markPrompted', args)]),
      ]);
      expect([first.status, second.status]).toEqual([200, 200]);
      expect([...statuses(first.body.results), ...statuses(second.body.results)]).toEqual([
        'applied',
        'applied',
      ]);
    }
    const { changes } = await admin.pullAll(0);
    const stepEvents = changes.flatMap((c) =>
      c.op === 'put' && c.table === 'events' && c.row.caseId === caseId && c.row.type === 'prompted'
        ? [c.row.stepId]
        : [],
    );
    expect(stepEvents.sort()).toEqual([...steps].sort());
    const levels = changes.filter(
      (c) => c.op === 'put' && c.table === 'events' && c.row.caseId === caseId && c.row.type === 'escalated',
    );
    expect(levels).toHaveLength(1);
    const writers = await writersBy('markPrompted', 'stepId');
    for (const stepId of steps) expect(writers.get(stepId), stepId).toEqual({ wrote: 1, total: 2 });
  });

  it('queues a scheduled report once per recipient when two desks race to mail it', async () => {
    const [ana, ben] = await Promise.all([agent(), agent()]);
    const runs = Array.from({ length: 8 }, (_, i) => `outstanding-queries-report:2026-03-${10 + i}T09:00`);
    for (const runId of runs) {
      const args: MutatorArgs<'mailReport'> = {
        runId,
        recipientIds: [ana.personId, ben.personId],
        subject: 'Outstanding queries',
        body: 'The report is attached.',
      };
      const [first, second] = await Promise.all([
        ana.push([ana.mutation('mailReport', args)]),
        ben.push([ben.mutation('mailReport', args)]),
      ]);
      expect([...statuses(first.body.results), ...statuses(second.body.results)]).toEqual([
        'applied',
        'applied',
      ]);
    }
    const { changes } = await admin.pullAll(0);
    const queued = changes.flatMap((c) =>
      c.op === 'put' && c.table === 'outboundMessages' && c.row.reportRunId !== undefined ? [c.row.id] : [],
    );
    expect(queued).toHaveLength(runs.length * 2);
    expect(new Set(queued).size).toBe(queued.length);
    const writers = await writersBy('mailReport', 'runId');
    for (const runId of runs) expect(writers.get(runId), runId).toEqual({ wrote: 1, total: 2 });
  });

  it('applies each mutation once when a client sends the same push again while the first is still running', async () => {
    const ana = await agent();
    const caseId = await createCase(ana, 'Resent notes');
    const notes = Array.from({ length: 5 }, (_, i) => ana.mutation('addNote', { caseId, text: `Note ${i}` }));
    const answers = await Promise.all([ana.push(notes), ana.push(notes), ana.push(notes)]);
    for (const answer of answers) expect(answer.status).toBe(200);
    // Every mutation was applied by exactly one of the three pushes; the others saw it as a duplicate.
    for (const [i, mutation] of notes.entries()) {
      const seen = answers.map((a) => a.body.results[i]?.status);
      expect(
        seen.filter((s) => s === 'applied'),
        `mutation ${mutation.id}`,
      ).toHaveLength(1);
    }
    const { changes } = await ana.pullAll(0);
    const texts = changes.flatMap((c) =>
      c.op === 'put' && c.table === 'events' && c.row.caseId === caseId && c.row.type === 'note'
        ? [c.row.text]
        : [],
    );
    expect(texts.sort()).toEqual(notes.map((_, i) => `Note ${i}`));
  });

  it('refuses a device id to another person on another server process, however it was claimed', async () => {
    const second = await startTestServer({ kind: 'postgres', url: databaseUrl });
    try {
      const ana = await agent();
      const ben = await connect(second.url, (await agent()).email, 'a long enough password');
      // Both claim their ids at the same moment, each through a different process.
      const [mine, theirs] = await Promise.all([
        ana.push([ana.mutation('createCase', queryArgs('Ana on the first'))]),
        ben.push([ben.mutation('createCase', queryArgs('Ben on the second'))]),
      ]);
      expect([mine.status, theirs.status]).toEqual([200, 200]);
      const stolen = await call<{ error: string }>(second.url, '/v1/push', {
        token: ben.token,
        json: { clientGroupId: ben.clientGroupId, mutations: [ana.mutation('createCase', queryArgs('x'))] },
      });
      expect(stolen.status).toBe(403);
      expect(stolen.body.error).toMatch(/another person/);
      const otherStore = await call<{ error: string }>(desk.url, '/v1/push', {
        token: ana.token,
        json: {
          clientGroupId: `${ana.clientGroupId}-2`,
          mutations: [ana.mutation('createCase', queryArgs('y'))],
        },
      });
      expect(otherStore.status).toBe(403);
      expect(otherStore.body.error).toMatch(/another of your stores/);
    } finally {
      await second.stop();
    }
  });

  it('gives a desk that pulls while many others push exactly the rows the server has', async () => {
    const writers = await Promise.all(Array.from({ length: 8 }, () => agent()));
    const shared = await createCase(admin, 'Everyone writes here');
    const held = new Map<string, string>();
    const apply = (page: PullResponse) => {
      for (const change of page.changes as RowChange[]) {
        const key = `${change.table}:${change.op === 'put' ? change.row.id : change.id}`;
        if (change.op === 'put') held.set(key, JSON.stringify(change.row));
        else held.delete(key);
      }
    };
    let cookie = 0;
    let pushing = true;
    const watching = (async () => {
      while (pushing) {
        const answer = await admin.pull(cookie);
        expect(answer.status).toBe(200);
        expect(answer.body.cookie).toBeGreaterThanOrEqual(cookie);
        apply(answer.body);
        cookie = answer.body.cookie;
      }
    })();
    await Promise.all(
      writers.map(async (writer, w) => {
        const own = await createCase(writer, `Writer ${w}'s case`);
        for (let round = 0; round < 10; round++) {
          const answer = await writer.push([
            writer.mutation('addNote', { caseId: shared, text: `Writer ${w}, round ${round}` }),
            writer.mutation('addNote', { caseId: own, text: `Round ${round}` }),
            writer.mutation('createCase', queryArgs(`Writer ${w}, round ${round}`)),
          ]);
          expect(statuses(answer.body.results)).toEqual(['applied', 'applied', 'applied']);
        }
      }),
    );
    pushing = false;
    await watching;
    for (;;) {
      const answer = await admin.pull(cookie);
      apply(answer.body);
      cookie = answer.body.cookie;
      if (!answer.body.more) break;
    }
    const whole = new Map<string, string>();
    for (const change of (await admin.pullAll(0)).changes) {
      if (change.op === 'put') whole.set(`${change.table}:${change.row.id}`, JSON.stringify(change.row));
    }
    expect(held.size).toBe(whole.size);
    expect(new Map([...held].sort())).toEqual(new Map([...whole].sort()));
    const notes = [...whole.values()].filter(
      (row) => row.includes(`"caseId":"${shared}"`) && row.includes('"type":"note"'),
    );
    expect(notes).toHaveLength(writers.length * 10);
  });
});
