/**
 * Accounts beside the desk directory: each account's person is a synced `people` row (name, role, team…), and
 * the account adds what never syncs: the sign-in email and the password hash.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { CreatePersonRequest, Person, Team } from '../../shared/sync';
import { type Db, type Queryable, sqlState, UNIQUE_VIOLATION } from '../db/port';
import { HttpError } from '../http/errors';
import { CHANGES_CHANNEL, noticePayload } from '../sync/notices';
import { lockVersion, setVersion, writeChanges } from '../sync/store';
import { hashPassword } from './passwords';

export interface NewAccount {
  readonly name: string;
  readonly email: string;
  readonly password: string;
  readonly role: Person['role'];
  readonly teamId?: string | null;
  readonly lineManagerId?: string | null;
  readonly seesConfidential: boolean;
  readonly admin?: boolean;
}

/** Creates the account and its directory row (stamped with a new version so every pull carries it). */
export async function createAccount(
  db: Db,
  account: NewAccount | CreatePersonRequest,
  now: Date,
): Promise<string> {
  const passwordHash = await hashPassword(account.password);
  const id = `person-${randomUUID()}`;
  try {
    await db.transaction(async (tx) => {
      const version = (await lockVersion(tx)) + 1;
      const [taken] = await tx.query('select 1 from accounts where lower(email) = lower($1)', [
        account.email,
      ]);
      if (taken) throw duplicateEmail(account.email);
      const team = account.teamId ? await findRow<Team>(tx, 'teams', account.teamId) : null;
      if (account.teamId && team === null) {
        throw new HttpError(
          400,
          `teamId: there is no team ${account.teamId} in the desk directory: pick one that exists.`,
        );
      }
      if (account.lineManagerId && (await findRow<Person>(tx, 'people', account.lineManagerId)) === null) {
        throw new HttpError(
          400,
          `lineManagerId: there is nobody with the id ${account.lineManagerId} in the desk directory: pick someone who is.`,
        );
      }
      const person: Person = {
        id,
        name: account.name.trim(),
        email: account.email.trim(),
        role: account.role,
        teamId: account.teamId ?? null,
        division: team?.division ?? null,
        lineManagerId: account.lineManagerId ?? null,
        seesConfidential: account.seesConfidential,
        active: true,
        calendarId: null,
        ...(account.admin ? { admin: true } : {}),
      };
      await tx.query(
        'insert into accounts (person_id, email, password_hash, created_at) values ($1, $2, $3, $4)',
        [id, person.email, passwordHash, now.toISOString()],
      );
      await writeChanges(tx, [{ op: 'put', table: 'people', row: person }], version);
      await setVersion(tx, version);
      await tx.query('select pg_notify($1, $2)', [
        CHANGES_CHANNEL,
        noticePayload({ v: version, open: true, directory: true }),
      ]);
    });
  } catch (error) {
    if (sqlState(error) === UNIQUE_VIOLATION) throw duplicateEmail(account.email);
    throw error;
  }
  return id;
}

function duplicateEmail(email: string): HttpError {
  return new HttpError(
    409,
    `${email} already has an account on this desk: sign in with it, or use another address.`,
  );
}

async function findRow<T>(tx: Queryable, table: string, id: string): Promise<T | null> {
  const [row] = await tx.query<{ data: T }>(
    'select data from rows where tbl = $1 and id = $2 and data is not null',
    [table, id],
  );
  return row?.data ?? null;
}

export const DEFAULT_ADMIN_EMAIL = 'admin@desk.local';

/**
 * A desk with no account gets its first admin: from DESK_ADMIN_EMAIL/DESK_ADMIN_PASSWORD when given, else
 * admin@desk.local with a random password, printed once by the caller. Returns what was created, or null.
 */
export async function ensureFirstAdmin(
  db: Db,
  given: { email?: string | undefined; password?: string | undefined },
  now: Date,
): Promise<{ email: string; password: string; generated: boolean } | null> {
  const [any] = await db.query('select 1 from accounts limit 1');
  if (any) return null;
  const email = given.email?.trim() || DEFAULT_ADMIN_EMAIL;
  const generated = !given.password;
  const password = given.password || randomBytes(12).toString('base64url');
  try {
    await createAccount(
      db,
      { name: 'Desk administrator', email, password, role: 'manager', seesConfidential: true, admin: true },
      now,
    );
  } catch (error) {
    // Another server process starting on the same database made the first account.
    if (error instanceof HttpError && error.status === 409) return null;
    throw error;
  }
  return { email, password, generated };
}
