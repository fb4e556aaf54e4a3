/**
 * Sign-in and sessions. A token is 32 random bytes (base64url) that the server keeps only as its SHA-256, so a
 * copy of the database signs nobody in. Sessions last 30 days from their last use (renewed at most daily).
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Person, SessionResponse, SignInRequest } from '../../shared/sync';
import type { Db, Queryable } from '../db/port';
import { HttpError } from '../http/errors';
import { loadPerson } from '../sync/access';
import { CHANGES_CHANNEL, type ChangeNotice } from '../sync/notices';
import { currentVersion } from '../sync/store';
import { hashPassword, passwordMatches } from './passwords';

export const SESSION_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;
const SESSION_MS = SESSION_DAYS * DAY_MS;

/** Failed sign-ins allowed in the window, per email address and per network address. */
export const SIGN_IN_LIMITS = { windowMs: 15 * 60 * 1000, perEmail: 5, perAddress: 20 } as const;

const WRONG_CREDENTIALS =
  "That email address and password don't match an account on this desk: check both and try again.";

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export interface AuthDeps {
  readonly db: Db;
  readonly now: () => Date;
}

// Hashed once so an unknown email costs the same time as a wrong password.
let dummyHash: Promise<string> | null = null;
function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
  return dummyHash;
}

export async function signIn(
  deps: AuthDeps,
  request: SignInRequest,
  address: string,
): Promise<SessionResponse> {
  const nowMs = deps.now().getTime();
  const email = request.email.trim().toLowerCase();
  const keys = { email: `email:${email}`, address: `address:${address}` };
  await refuseWhenLimited(deps.db, keys, nowMs);
  const [account] = await deps.db.query<{ person_id: string; password_hash: string }>(
    'select person_id, password_hash from accounts where lower(email) = $1',
    [email],
  );
  const matches = await passwordMatches(
    account?.password_hash ?? (await dummyPasswordHash()),
    request.password,
  );
  const person = account && matches ? await loadPerson(deps.db, account.person_id) : null;
  if (!account || !matches || person === null || !person.active) {
    await deps.db.query('insert into sign_in_failures (key, failed_ms) values ($1, $3), ($2, $3)', [
      keys.email,
      keys.address,
      nowMs,
    ]);
    if (account && matches && person !== null && !person.active) {
      throw new HttpError(
        401,
        `${person.name} no longer has access to this desk: ask your desk's administrator.`,
      );
    }
    throw new HttpError(401, WRONG_CREDENTIALS);
  }
  await deps.db.query('delete from sign_in_failures where key = $1 or failed_ms < $2', [
    keys.email,
    nowMs - SIGN_IN_LIMITS.windowMs,
  ]);
  const token = randomBytes(32).toString('base64url');
  const expiresMs = nowMs + SESSION_MS;
  await deps.db.query(
    'insert into sessions (token_hash, person_id, created_ms, expires_ms) values ($1, $2, $3, $4)',
    [tokenHash(token), account.person_id, nowMs, expiresMs],
  );
  return { token, personId: account.person_id, expiresAt: new Date(expiresMs).toISOString() };
}

async function refuseWhenLimited(db: Queryable, keys: { email: string; address: string }, nowMs: number) {
  const since = nowMs - SIGN_IN_LIMITS.windowMs;
  const rows = await db.query<{ key: string; failures: number; oldest: number }>(
    `select key, count(*)::int as failures, min(failed_ms) as oldest from sign_in_failures
      where key = any($1::text[]) and failed_ms > $2 group by key`,
    [[keys.email, keys.address], since],
  );
  for (const row of rows) {
    const limit = row.key === keys.email ? SIGN_IN_LIMITS.perEmail : SIGN_IN_LIMITS.perAddress;
    if (row.failures < limit) continue;
    const retryAfter = Math.max(1, Math.ceil((Number(row.oldest) + SIGN_IN_LIMITS.windowMs - nowMs) / 1000));
    const minutes = Math.ceil(retryAfter / 60);
    throw new HttpError(
      429,
      `Too many failed sign-ins: wait ${minutes} minute${minutes === 1 ? '' : 's'}, then try again (or ask your desk's administrator to reset your password).`,
      {},
      { 'retry-after': String(retryAfter) },
    );
  }
}

/** The signed-in caller of a request. */
export interface Caller {
  readonly person: Person;
  readonly tokenHash: string;
}

/** The caller behind a bearer token, or a 401: no token, an unknown, expired or revoked one, or an inactive person. */
export async function authenticate(deps: AuthDeps, authorization: string | undefined): Promise<Caller> {
  const caller = await sessionCaller(deps, bearerTokenHash(authorization));
  if (caller === null) throw sessionEnded();
  return caller;
}

/** The hash of the request's bearer token, or a 401 when it has none. */
export function bearerTokenHash(authorization: string | undefined): string {
  const token = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
  if (token === undefined) {
    throw new HttpError(401, 'Sign in first: this request needs an "Authorization: Bearer <token>" header.');
  }
  return tokenHash(token);
}

export function sessionEnded(): HttpError {
  return new HttpError(401, 'Your session has ended: sign in again.');
}

/** A session as `sessionRowSql` selects it (no row: no such session). */
export interface SessionRow {
  readonly person_id: string;
  readonly expires_ms: number | string;
  readonly person: Person | null;
}

/** The session whose token hash is the parameter `param`, and its person, in one look-up. */
export function sessionRowSql(param: string): string {
  return `select s.person_id, s.expires_ms, p.data as person
       from sessions s left join rows p on p.tbl = 'people' and p.id = s.person_id and p.data is not null
      where s.token_hash = ${param}`;
}

/** The live session's caller (renewing it when a day has passed), or null when the session is dead. */
export async function sessionCaller(deps: AuthDeps, hashed: string): Promise<Caller | null> {
  const [session] = await deps.db.query<SessionRow>(sessionRowSql('$1'), [hashed], {
    prepareAs: 'desk-session-caller',
  });
  return callerOfSession(deps, hashed, session);
}

/** The caller of a session row looked up now (renewing it when a day has passed), or null when it is dead. */
export async function callerOfSession(
  deps: AuthDeps,
  hashed: string,
  session: SessionRow | undefined,
): Promise<Caller | null> {
  const nowMs = deps.now().getTime();
  if (session === undefined || Number(session.expires_ms) <= nowMs) return null;
  const person = session.person;
  if (person === null || !person.active) return null;
  if (Number(session.expires_ms) - nowMs < SESSION_MS - DAY_MS) {
    await deps.db.query('update sessions set expires_ms = $2 where token_hash = $1', [
      hashed,
      nowMs + SESSION_MS,
    ]);
  }
  return { person, tokenHash: hashed };
}

/** Ends the session at once, on every server process (their event streams re-check their tokens). */
export async function signOut(deps: AuthDeps, caller: Caller): Promise<void> {
  await deps.db.query('delete from sessions where token_hash = $1', [caller.tokenHash]);
  const notice: ChangeNotice = { v: await currentVersion(deps.db), sessionsEnded: true };
  await deps.db.notify(CHANGES_CHANNEL, JSON.stringify(notice));
}
