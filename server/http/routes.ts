/** The `/v1` protocol (shared/sync/protocol.ts): every route parses what it reads and answers in its shapes. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  CreatePersonRequest,
  type CreatePersonResponse,
  type HealthResponse,
  PullQuery,
  type PushGap,
  PushRequest,
  type PushResponse,
  SignInRequest,
} from '../../shared/sync';
import { createAccount } from '../auth/accounts';
import {
  type AuthDeps,
  authenticate,
  bearerTokenHash,
  type Caller,
  sessionCaller,
  sessionEnded,
  signIn,
  signOut,
} from '../auth/sessions';
import type { Db } from '../db/port';
import type { PokeHub } from '../sync/events';
import { caseHistory } from '../sync/history';
import { pull } from '../sync/pull';
import { push, refuseUnknownMutators } from '../sync/push';
import { HttpError } from './errors';
import { parseRequest, refuseNul } from './parse';

export interface RouteDeps extends AuthDeps {
  readonly db: Db;
  readonly hub: PokeHub;
  readonly version: string;
  readonly pullPageSize?: number;
}

export function registerRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const caller = (request: FastifyRequest): Promise<Caller> =>
    authenticate(deps, request.headers.authorization);

  app.get('/v1/health', async () => ({ ok: true, version: deps.version }) satisfies HealthResponse);

  app.post('/v1/sessions', async (request, reply) => {
    const body = parseRequest(SignInRequest, request.body);
    const session = await signIn(deps, body, request.ip);
    return reply.code(201).send(session);
  });

  app.delete('/v1/sessions/current', async (request, reply) => {
    await signOut(deps, await caller(request));
    return reply.code(204).send();
  });

  app.post('/v1/people', async (request, reply) => {
    const { person } = await caller(request);
    if (person.admin !== true) {
      throw new HttpError(403, "Only the desk's administrators can add people: ask one of them.");
    }
    const body = parseRequest(CreatePersonRequest, request.body);
    const id = await createAccount(deps.db, body, deps.now());
    return reply.code(201).send({ id } satisfies CreatePersonResponse);
  });

  app.post('/v1/push', async (request, reply) => {
    const token = bearerTokenHash(request.headers.authorization);
    let body: PushRequest;
    try {
      body = parseRequest(PushRequest, request.body);
      refuseUnknownMutators(body);
    } catch (error) {
      // A request from a dead session hears that first, as on every route.
      if ((await sessionCaller(deps, token)) === null) throw sessionEnded();
      throw error;
    }
    // The session is looked up by push itself, in the same round trip as its first locks.
    const outcome = await push({ db: deps.db, now: deps.now, log: request.log }, token, body);
    if (outcome.kind === 'gap') {
      return reply.code(409).send({
        error: `Changes from this device arrived out of order: send them again from number ${outcome.expectedId}.`,
        clientId: outcome.clientId,
        expectedId: outcome.expectedId,
      } satisfies PushGap);
    }
    return reply.send({ results: outcome.results } satisfies PushResponse);
  });

  app.get('/v1/pull', async (request, reply) => {
    const { person } = await caller(request);
    refuseNul(request.query as Record<string, unknown>);
    const query = parseRequest(PullQuery, request.query);
    const page = await pull(deps.db, person, query, { pageSize: deps.pullPageSize });
    return reply.type('application/json; charset=utf-8').send(page);
  });

  app.get('/v1/events', async (request, reply) => {
    const signedIn = await caller(request);
    await deps.hub.open(reply, signedIn);
  });

  app.get('/v1/cases/:caseId/history', async (request) => {
    const { person } = await caller(request);
    const { caseId } = request.params as { caseId: string };
    refuseNul({ caseId });
    return caseHistory(deps.db, person, caseId);
  });
}
