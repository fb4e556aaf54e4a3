/**
 * The /v1 protocol over real HTTP, on PGlite and on PostgreSQL 15: sign-in, people, push, pull, the
 * confidential rule in pulls and pokes, bad requests, odd text.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MutatorArgs, Person, PullResponse, RowChange } from '../../shared/sync';
import { HistoryResponse, PushGap, SessionResponse } from '../../shared/sync';
import { startPostgres, type TestPostgres } from '../support/postgres';
import {
  call,
  closePgliteTemplate,
  connect,
  type DeskClient,
  openEvents,
  signIn,
  startTestServer,
  type TestDatabase,
  type TestServer,
} from '../support/server';

const PAGE = 40;

const queryArgs = (subject: string): MutatorArgs<'createCase'> => ({
  kind: 'query',
  subject,
  requester: { name: 'Ann Example', email: 'ann@example.ac.uk' },
});

const complaintArgs = (subject: string, ownerId: string | null = null): MutatorArgs<'createCase'> => ({
  kind: 'complaint',
  subject,
  description: 'I topped up £10 and the balance still shows zero.',
  requester: {
    name: 'Callum Evans',
    email: 'c.evans@example.ac.uk',
    phone: '07700 900123',
    bestTimeToCall: 'after 2pm',
  },
  intake: { 'desired-remedy': 'Credit my account' },
  ownerId,
});

function puts(changes: readonly RowChange[], table: RowChange['table']) {
  return changes
    .filter((c) => c.op === 'put' && c.table === table)
    .map((c) => (c as { row: { id: string } }).row);
}
function dels(changes: readonly RowChange[], table: RowChange['table']) {
  return changes.filter((c) => c.op === 'del' && c.table === table).map((c) => (c as { id: string }).id);
}

describe.each([
  ['PGlite', 'pglite'],
  ['PostgreSQL 15', 'postgres'],
] as const)('the desk server on %s', (_name, kind) => {
  let postgres: TestPostgres | null = null;
  let desk: TestServer;
  let shift = 0;
  const now = () => new Date(Date.now() + shift);
  let admin: DeskClient;
  let people = 0;

  beforeAll(async () => {
    let database: TestDatabase = { kind: 'pglite' };
    if (kind === 'postgres') {
      postgres = await startPostgres();
      database = { kind: 'postgres', url: await postgres.createDatabase() };
    }
    desk = await startTestServer(database, { now, pullPageSize: PAGE, keepaliveMs: 200 });
    admin = await connect(desk.url, desk.admin.email, desk.admin.password);
  });
  afterAll(async () => {
    await desk?.stop();
    await postgres?.stop();
    await closePgliteTemplate();
  });

  /** A new person (an agent unless told) and their signed-in client. */
  async function person(
    fields: Partial<{ role: Person['role']; seesConfidential: boolean; admin: boolean }> = {},
  ) {
    const email = `person${++people}@desk.test`;
    const password = 'a long enough password';
    const created = await call<{ id: string }>(desk.url, '/v1/people', {
      token: admin.token,
      json: { name: `Person ${people}`, email, password, role: 'agent', seesConfidential: false, ...fields },
    });
    expect(created.status).toBe(201);
    return connect(desk.url, email, password);
  }

  async function createCase(client: DeskClient, args: MutatorArgs<'createCase'>): Promise<string> {
    const mutation = client.mutation('createCase', args);
    const answer = await client.push([mutation]);
    expect(answer.body.results[0]).toMatchObject({ status: 'applied' });
    return `case-${mutation.clientId}-${mutation.id}-1`;
  }

  it('answers health without a token', async () => {
    const answer = await call(desk.url, '/v1/health');
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ ok: true, version: expect.any(String) });
  });

  describe('signing in', () => {
    it('gives a session for the right password, and the same 401 for a wrong email or a wrong password', async () => {
      const session = await call(desk.url, '/v1/sessions', { json: desk.admin });
      expect(session.status).toBe(201);
      expect(SessionResponse.parse(session.body).token.length).toBeGreaterThanOrEqual(43);
      const wrongEmail = await call<{ error: string }>(desk.url, '/v1/sessions', {
        json: { email: 'nobody@desk.test', password: desk.admin.password },
      });
      const wrongPassword = await call<{ error: string }>(desk.url, '/v1/sessions', {
        json: { email: desk.admin.email, password: 'not the password' },
      });
      expect(wrongEmail.status).toBe(401);
      expect(wrongPassword.status).toBe(401);
      expect(wrongEmail.body.error).toBe(wrongPassword.body.error);
    });

    it('ends a session at once on sign-out', async () => {
      const session = await signIn(desk.url, desk.admin.email, desk.admin.password);
      const out = await call(desk.url, '/v1/sessions/current', { method: 'DELETE', token: session.token });
      expect(out.status).toBe(204);
      const after = await call<{ error: string }>(desk.url, '/v1/pull?clientGroupId=x&cookie=0', {
        token: session.token,
      });
      expect(after.status).toBe(401);
      expect(after.body.error).toMatch(/sign in/i);
    });

    it('needs a token on every route but health and sign-in', async () => {
      for (const [method, path] of [
        ['GET', '/v1/pull?clientGroupId=g&cookie=0'],
        ['POST', '/v1/push'],
        ['GET', '/v1/events'],
        ['POST', '/v1/people'],
        ['GET', '/v1/cases/x/history'],
        ['DELETE', '/v1/sessions/current'],
      ] as const) {
        const answer = await call<{ error: string }>(desk.url, path, {
          method,
          ...(method === 'POST' ? { json: {} } : {}),
        });
        expect(answer.status, `${method} ${path}`).toBe(401);
        expect(answer.body.error).toEqual(expect.any(String));
        const dead = await call(desk.url, path, {
          method,
          token: 'not-a-token',
          ...(method === 'POST' ? { json: {} } : {}),
        });
        expect(dead.status, `${method} ${path} with a dead token`).toBe(401);
      }
    });

    it('refuses an inactive person and ends their sessions', async () => {
      const leaver = await person();
      const [row] = puts((await admin.pullAll()).changes, 'people').filter(
        (p) => p.id === leaver.personId,
      ) as Person[];
      const saved = await admin.push([admin.mutation('savePerson', { person: { ...row!, active: false } })]);
      expect(saved.body.results[0]?.status).toBe('applied');
      expect((await leaver.pull(0)).status).toBe(401);
      const again = await call(desk.url, '/v1/sessions', {
        json: { email: row!.email, password: 'a long enough password' },
      });
      expect(again.status).toBe(401);
    });

    it('slows down repeated failures with 429 and Retry-After, then lets the person in again', async () => {
      const someone = await person();
      const [row] = puts((await admin.pullAll()).changes, 'people').filter(
        (p) => p.id === someone.personId,
      ) as Person[];
      for (let i = 0; i < 5; i++) {
        const wrong = await call(desk.url, '/v1/sessions', {
          json: { email: row!.email, password: 'wrong guess' },
        });
        expect(wrong.status).toBe(401);
      }
      const limited = await call<{ error: string }>(desk.url, '/v1/sessions', {
        json: { email: row!.email.toUpperCase(), password: 'a long enough password' },
      });
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(limited.body.error).toMatch(/wait/);
      shift = 16 * 60 * 1000;
      try {
        const later = await call(desk.url, '/v1/sessions', {
          json: { email: row!.email, password: 'a long enough password' },
        });
        expect(later.status).toBe(201);
      } finally {
        shift = 0;
      }
    });
  });

  describe('people', () => {
    it('lets an admin add a person, who can sign in and appears in the directory', async () => {
      const created = await call<{ id: string }>(desk.url, '/v1/people', {
        token: admin.token,
        json: {
          name: 'Priya Shah',
          email: 'Priya.Shah@desk.test',
          password: 'priya’s password',
          role: 'line-manager',
          seesConfidential: true,
        },
      });
      expect(created.status).toBe(201);
      const session = await signIn(desk.url, 'priya.shah@desk.test', 'priya’s password');
      expect(session.personId).toBe(created.body.id);
      const directory = puts((await admin.pullAll()).changes, 'people') as Person[];
      expect(directory.find((p) => p.id === created.body.id)).toMatchObject({
        name: 'Priya Shah',
        role: 'line-manager',
        seesConfidential: true,
        active: true,
        calendarId: null,
      });
      const duplicate = await call(desk.url, '/v1/people', {
        token: admin.token,
        json: {
          name: 'Priya again',
          email: 'PRIYA.SHAH@desk.test',
          password: 'another password',
          role: 'agent',
          seesConfidential: false,
        },
      });
      expect(duplicate.status).toBe(409);
    });

    it('accepts a Head of Department (a directory role) and refuses a role the desk does not have', async () => {
      const head = await call<{ id: string }>(desk.url, '/v1/people', {
        token: admin.token,
        json: {
          name: 'Catherine Lowe',
          email: 'catherine.lowe@desk.test',
          password: 'a long enough password',
          role: 'head-of-department',
          seesConfidential: false,
        },
      });
      expect(head.status).toBe(201);
      const directory = puts((await admin.pullAll()).changes, 'people') as Person[];
      expect(directory.find((p) => p.id === head.body.id)).toMatchObject({ role: 'head-of-department' });
      const dean = await call(desk.url, '/v1/people', {
        token: admin.token,
        json: {
          name: 'A Dean',
          email: 'dean@desk.test',
          password: 'a long enough password',
          role: 'dean',
          seesConfidential: false,
        },
      });
      expect(dean.status).toBe(400);
    });

    it('refuses people who are not admins', async () => {
      const agent = await person();
      const answer = await call<{ error: string }>(desk.url, '/v1/people', {
        token: agent.token,
        json: {
          name: 'Sneaky',
          email: 'sneaky@desk.test',
          password: 'sneaky password',
          role: 'manager',
          seesConfidential: true,
        },
      });
      expect(answer.status).toBe(403);
      expect(answer.body.error).toMatch(/administrators/);
    });
  });

  describe('push', () => {
    it('applies a mutation once: a duplicate changes nothing', async () => {
      const agent = await person();
      const mutation = agent.mutation('createCase', queryArgs('Printer jam on level 2'));
      const first = await agent.push([mutation]);
      expect(first.body.results).toEqual([{ clientId: agent.clientId, id: 1, status: 'applied' }]);
      const { cookie } = await agent.pullAll();
      const again = await agent.push([mutation]);
      expect(again.body.results).toEqual([{ clientId: agent.clientId, id: 1, status: 'duplicate' }]);
      const after = await agent.pull(cookie);
      expect(after.body.changes).toEqual([]);
      expect(after.body.cookie).toBe(cookie);
      expect(after.body.lastMutationIds[agent.clientId]).toBe(1);
    });

    it('refuses a gap with the id it expects, keeps what came before, applies nothing after', async () => {
      const agent = await person();
      const one = agent.mutation('createCase', queryArgs('one'));
      const two = agent.mutation('createCase', queryArgs('two'));
      const three = agent.mutation('createCase', queryArgs('three'));
      const { cookie } = await agent.pullAll();
      const answer = await agent.push([one, three]);
      expect(answer.status).toBe(409);
      expect(PushGap.parse(answer.body)).toMatchObject({ clientId: agent.clientId, expectedId: 2 });
      const seen = (await agent.pullAll(cookie)).changes;
      expect(puts(seen, 'cases').map((c) => (c as { subject?: string }).subject)).toEqual(['one']);
      const retried = await agent.push([one, two, three]);
      expect(retried.body.results.map((r) => r.status)).toEqual(['duplicate', 'applied', 'applied']);
    });

    it('records a refusal, moves the id on and does not block the next mutation', async () => {
      const agent = await person();
      const refused = agent.mutation('createCase', {
        kind: 'query',
        subject: 'no way to reply',
        requester: { name: 'X' },
      });
      const next = agent.mutation('createCase', queryArgs('fine'));
      const answer = await agent.push([refused, next]);
      expect(answer.body.results[0]).toMatchObject({
        status: 'rejected',
        error: expect.stringMatching(/email address or a phone/),
      });
      expect(answer.body.results[1]).toMatchObject({ status: 'applied' });
      const pulled = await agent.pullAll();
      expect(pulled.pages.at(-1)?.lastMutationIds[agent.clientId]).toBe(2);
      expect(pulled.pages.flatMap((p) => p.rejections)).toEqual([
        { clientId: agent.clientId, id: 1, error: answer.body.results[0]?.error },
      ]);
    });

    it('refuses a change made on a clock more than two minutes ahead, and moves on', async () => {
      const agent = await person();
      const ahead = agent.mutation('createCase', queryArgs('from the future'), {
        createdAt: new Date(Date.now() + 10 * 60_000).toISOString(),
      });
      const answer = await agent.push([ahead]);
      expect(answer.body.results[0]).toMatchObject({
        status: 'rejected',
        error: expect.stringMatching(/clock is ahead .* by 10 minutes/),
      });
      const next = await agent.push([agent.mutation('createCase', queryArgs('on time'))]);
      expect(next.body.results[0]?.status).toBe('applied');
    });

    it("refuses another person's client id with 403, and a mutation naming another actor", async () => {
      const ana = await person();
      const ben = await person();
      await ana.push([ana.mutation('createCase', queryArgs('ana’s'))]);
      const stolen = await call<{ error: string }>(desk.url, '/v1/push', {
        token: ben.token,
        json: {
          clientGroupId: ben.clientGroupId,
          mutations: [{ ...ana.mutation('createCase', queryArgs('x')), actorId: ben.personId }],
        },
      });
      expect(stolen.status).toBe(403);
      expect(stolen.body.error).toMatch(/another person/);
      const impersonating = await ben.push([
        ben.mutation('createCase', queryArgs('as ana'), { actorId: ana.personId }),
      ]);
      expect(impersonating.body.results[0]).toMatchObject({
        status: 'rejected',
        error: expect.stringMatching(/someone else/),
      });
    });
  });

  describe('pull', () => {
    it('gives the whole visible store from cookie 0 in pages that never split a mutation, cookies moving forward', async () => {
      const agent = await person();
      for (let i = 0; i < 15; i++) await createCase(agent, queryArgs(`case ${i}`));
      const all = await agent.pullAll(0);
      expect(all.pages.length).toBeGreaterThan(1);
      expect(all.pages.slice(0, -1).every((p) => p.more)).toBe(true);
      expect(all.pages.at(-1)?.more).toBe(false);
      const cookies = all.pages.map((p) => p.cookie);
      expect([...cookies].sort((a, b) => a - b)).toEqual(cookies);
      expect(puts(all.changes, 'policies')).toHaveLength(4);
      expect(puts(all.changes, 'calendars')).toHaveLength(1);
      expect(puts(all.changes, 'people').map((p) => p.id)).toContain(agent.personId);
      // Each case arrives with its opening events in the same page.
      for (const page of all.pages) {
        for (const kase of puts(page.changes, 'cases')) {
          expect(
            page.changes.some((c) => c.op === 'put' && c.table === 'events' && c.row.caseId === kase.id),
          ).toBe(true);
        }
      }
      const future = await agent.pull(all.cookie + 1000);
      expect(future.status).toBe(400);
      const same = await agent.pull(all.cookie);
      expect(same.body).toMatchObject({ cookie: all.cookie, changes: [], more: false });
    });

    it('refuses a client group that belongs to someone else', async () => {
      const ana = await person();
      const ben = await person();
      await ana.pull(0);
      const answer = await call(desk.url, `/v1/pull?clientGroupId=${ana.clientGroupId}&cookie=0`, {
        token: ben.token,
      });
      expect(answer.status).toBe(403);
    });
  });

  describe('confidential cases', () => {
    it('never reach an agent without access, in pulls or pokes', async () => {
      const manager = await person({ role: 'manager', seesConfidential: true });
      const agent = await person();
      const managerStream = await openEvents(desk.url, manager.token);
      const agentStream = await openEvents(desk.url, agent.token);
      const { cookie } = await agent.pullAll();
      const complaint = await createCase(
        manager,
        complaintArgs('Rude reply from the desk', manager.personId),
      );
      // Logging it also saves the requester's contact, which is the whole desk's: only the note is the case's alone.
      await manager.pullAll();
      await manager.push([
        manager.mutation('addNote', { caseId: complaint, text: 'Spoke to the complainant.' }),
      ]);
      const secret = await manager.pullAll();
      await managerStream.pokeAtLeast(secret.cookie);
      await createCase(manager, queryArgs('everyone may see this'));
      const open = await manager.pullAll(secret.cookie);
      await agentStream.pokeAtLeast(open.cookie);
      expect(agentStream.pokes).not.toContain(secret.cookie);
      const seen = (await agent.pullAll(cookie)).changes;
      expect(JSON.stringify(seen)).not.toContain(complaint);
      expect(puts(seen, 'cases').map((c) => (c as { subject?: string }).subject)).toEqual([
        'everyone may see this',
      ]);
      const history = await call(desk.url, `/v1/cases/${complaint}/history`, { token: agent.token });
      expect(history.status).toBe(404);
      const note = await agent.push([agent.mutation('addNote', { caseId: complaint, text: 'peeking' })]);
      expect(note.body.results[0]).toMatchObject({
        status: 'rejected',
        error: expect.stringMatching(/isn't in this desk's store/),
      });
      managerStream.close();
      agentStream.close();
    });

    it('are taken back with dels when access goes while the client is offline, and come back whole', async () => {
      const manager = await person({ role: 'manager', seesConfidential: true });
      const agent = await person();
      const other = await person();
      const complaint = await createCase(manager, complaintArgs('Refund refused', manager.personId));
      await manager.push([manager.mutation('assign', { caseId: complaint, assigneeId: agent.personId })]);
      await manager.push([
        manager.mutation('addNote', { caseId: complaint, text: 'Agent, please call back.' }),
      ]);
      const had = await agent.pullAll();
      const eventIds = puts(had.changes, 'events')
        .filter((e) => (e as { caseId?: string }).caseId === complaint)
        .map((e) => e.id);
      expect(puts(had.changes, 'cases').map((c) => c.id)).toContain(complaint);
      expect(eventIds.length).toBeGreaterThanOrEqual(4);

      // The agent is offline while the case goes to someone else.
      await manager.push([manager.mutation('assign', { caseId: complaint, assigneeId: other.personId })]);
      const taken = await agent.pullAll(had.cookie);
      expect(dels(taken.changes, 'cases')).toEqual([complaint]);
      for (const id of eventIds) expect(dels(taken.changes, 'events')).toContain(id);
      expect(puts(taken.changes, 'cases').map((c) => c.id)).not.toContain(complaint);

      // A pull that repeats the old cookie (its answer was lost) takes it back again.
      const repeated = await agent.pullAll(had.cookie);
      expect(dels(repeated.changes, 'cases')).toEqual([complaint]);

      // Given back: the whole case returns, every event included.
      await manager.push([manager.mutation('assign', { caseId: complaint, assigneeId: agent.personId })]);
      const back = await agent.pullAll(taken.cookie);
      expect(puts(back.changes, 'cases').map((c) => c.id)).toEqual([complaint]);
      const backEvents = puts(back.changes, 'events').map((e) => e.id);
      for (const id of eventIds) expect(backEvents).toContain(id);
    });

    it('follow the person: losing "sees confidential" takes them back, regaining it sends them whole', async () => {
      const manager = await person({ role: 'manager', seesConfidential: true });
      const reader = await person({ seesConfidential: true });
      const complaint = await createCase(
        manager,
        complaintArgs('Data shared without consent', manager.personId),
      );
      const had = await reader.pullAll();
      expect(puts(had.changes, 'cases').map((c) => c.id)).toContain(complaint);
      const directory = puts((await admin.pullAll()).changes, 'people') as Person[];
      const row = directory.find((p) => p.id === reader.personId)!;
      const stream = await openEvents(desk.url, reader.token);
      const off = await admin.push([
        admin.mutation('savePerson', { person: { ...row, seesConfidential: false } }),
      ]);
      expect(off.body.results[0]?.status).toBe('applied');
      const lost = await reader.pullAll(had.cookie);
      expect(dels(lost.changes, 'cases')).toContain(complaint);
      await stream.pokeAtLeast(lost.cookie);
      stream.close();
      await admin.push([admin.mutation('savePerson', { person: { ...row, seesConfidential: true } })]);
      const regained = await reader.pullAll(lost.cookie);
      expect(puts(regained.changes, 'cases').map((c) => c.id)).toContain(complaint);
      expect(
        puts(regained.changes, 'events').filter((e) => (e as { caseId?: string }).caseId === complaint)
          .length,
      ).toBeGreaterThanOrEqual(2);
    });

    it('show their history to people who may see them: who, what, from which device, made offline or not', async () => {
      const manager = await person({ role: 'manager', seesConfidential: true });
      const complaint = await createCase(manager, complaintArgs('Lost my appeal letter', manager.personId));
      const late = manager.mutation(
        'addNote',
        { caseId: complaint, text: 'Written on the train' },
        {
          createdAt: new Date(Date.now() - 30 * 60_000).toISOString(),
        },
      );
      await manager.push([late]);
      const answer = await call(desk.url, `/v1/cases/${complaint}/history`, { token: manager.token });
      expect(answer.status).toBe(200);
      const { entries } = HistoryResponse.parse(answer.body);
      expect(entries.map((e) => [e.mutationName, e.result, e.madeOffline])).toEqual([
        ['createCase', 'applied', false],
        ['addNote', 'applied', true],
      ]);
      expect(entries[0]).toMatchObject({
        personId: manager.personId,
        clientId: manager.clientId,
        personName: expect.any(String),
      });
    });
  });

  describe('bad requests', () => {
    it('get their 4xx with an error body and change nothing', async () => {
      const agent = await person();
      const { cookie } = await agent.pullAll();
      const valid = agent.mutation('createCase', queryArgs('should not land'));
      const cases: [string, Parameters<typeof call>[2], number][] = [
        [
          'malformed JSON',
          { body: '{"clientGroupId": ', headers: { 'content-type': 'application/json' } },
          400,
        ],
        [
          'wrong shape',
          { json: { clientGroupId: agent.clientGroupId, mutations: [{ ...valid, id: 'one' }] } },
          400,
        ],
        [
          'unknown mutator',
          {
            json: {
              clientGroupId: agent.clientGroupId,
              mutations: [valid, { ...valid, id: 2, name: 'launchMissiles' }],
            },
          },
          400,
        ],
        [
          'oversized body',
          {
            json: {
              clientGroupId: agent.clientGroupId,
              mutations: [agent.mutation('addNote', { caseId: 'x', text: 'x'.repeat(1_100_000) })],
            },
          },
          413,
        ],
        [
          'NUL in text',
          {
            json: {
              clientGroupId: agent.clientGroupId,
              mutations: [{ ...valid, args: { ...queryArgs('a\u0000b') } }],
            },
          },
          400,
        ],
      ];
      for (const [what, init, status] of cases) {
        const answer = await call<{ error: string }>(desk.url, '/v1/push', { token: agent.token, ...init });
        expect(answer.status, what).toBe(status);
        expect(answer.body.error, what).toEqual(expect.any(String));
      }
      const wrongShape = await call<{ error: string }>(desk.url, '/v1/push', {
        token: agent.token,
        json: { clientGroupId: agent.clientGroupId, mutations: [{ ...valid, id: 'one' }] },
      });
      expect(wrongShape.body.error).toContain('mutations.0.id');
      const badCookie = await call(
        desk.url,
        `/v1/pull?clientGroupId=${agent.clientGroupId}&cookie=minus-one`,
        { token: agent.token },
      );
      expect(badCookie.status).toBe(400);
      const after = await agent.pull(cookie);
      expect(after.body.changes).toEqual([]);
      expect(after.body.lastMutationIds[agent.clientId] ?? 0).toBe(0);
    });
  });

  it('keeps SQL-looking and odd Unicode text exactly as it was written', async () => {
    const agent = await person();
    const texts = [
      "Robert'); DROP TABLE rows;--",
      'quotes " \' ` and back\\slash',
      'control \u0001\u0007\u001b chars\ttab\nnewline',
      'emoji 🧯🔥👩🏽‍💻',
      'RTL עברית العربية',
      'combining e\u0301 a\u0308 Z\u0351\u0362',
    ];
    const caseId = await createCase(agent, { ...queryArgs(texts[0]!), description: texts.join(' | ') });
    for (const text of texts) await agent.push([agent.mutation('addNote', { caseId, text })]);
    const pulled: PullResponse['changes'] = (await agent.pullAll()).changes;
    const kase = puts(pulled, 'cases').find((c) => c.id === caseId) as unknown as {
      subject: string;
      description: string;
    };
    expect(kase.subject).toBe(texts[0]);
    expect(kase.description).toBe(texts.join(' | '));
    const notes = puts(pulled, 'events')
      .filter(
        (e) =>
          (e as { caseId?: string; type?: string }).caseId === caseId &&
          (e as { type?: string }).type === 'note',
      )
      .map((e) => (e as { text?: string }).text);
    expect(notes).toEqual(texts);
  });

  it('sends keepalive comments on the event stream', async () => {
    const stream = await openEvents(desk.url, admin.token);
    expect(stream.status).toBe(200);
    await new Promise((done) => setTimeout(done, 700));
    stream.close();
    expect(stream.comments).toContain('keepalive');
  });
});
