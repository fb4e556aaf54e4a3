/**
 * The desk server's schema, step by step. Synced rows live in one table (`rows`), keyed by table name and id;
 * everything else (accounts, sessions, clients, the audit log, what each client group holds) is the server's own.
 */
import { presetPolicies } from '../shared/policies';
import { ukCalendarSpec } from '../shared/policies/uk-calendar';
import { DEFAULT_SAVED_VIEWS } from '../shared/sync/default-views';
import type { Migration } from './db/migrations';
import { lockVersion, setVersion, writeChanges } from './sync/store';

export function deskMigrations(now: () => Date): Migration[] {
  return [
    { version: 1, name: 'synced rows, accounts, clients, audit', up: FIRST_SCHEMA },
    { version: 2, name: 'the four preset policies and the UK calendar', up: (tx) => seedPresets(tx, now()) },
    { version: 3, name: 'the audit log refuses updates and deletes', up: AUDIT_APPEND_ONLY },
  ];
}

const FIRST_SCHEMA = [
  // The one global version: every write takes this row FOR UPDATE, so versions commit in order.
  `create table sync_version (
     only_row boolean primary key default true check (only_row),
     version bigint not null
   )`,
  'insert into sync_version (only_row, version) values (true, 0)',
  `create table rows (
     tbl text not null,
     id text not null,
     data json,
     version bigint not null,
     case_id text,
     ref_key text,
     primary key (tbl, id)
   )`,
  'create index rows_by_version on rows (version)',
  'create index rows_by_case on rows (case_id, tbl) where case_id is not null',
  `create index rows_by_ref on rows (ref_key) where ref_key is not null`,
  // What the confidentiality rule reads of each case, narrow so a pull joins it cheaply; flip_version is the
  // version at which the case last became (or stopped being) confidential.
  `create table case_access (
     case_id text primary key,
     confidential boolean not null,
     assignee_id text,
     owner_id text,
     policy_id text,
     kind text,
     flip_version bigint
   )`,
  'create index case_access_restricted on case_access (case_id) where confidential',
  'create index case_access_flips on case_access (flip_version) where flip_version is not null',
  `create table accounts (
     person_id text primary key,
     email text not null,
     password_hash text not null,
     created_at text not null
   )`,
  'create unique index accounts_by_email on accounts (lower(email))',
  `create table sessions (
     token_hash text primary key,
     person_id text not null references accounts (person_id) on delete cascade,
     created_ms bigint not null,
     expires_ms bigint not null
   )`,
  'create index sessions_by_person on sessions (person_id)',
  `create table sign_in_failures (key text not null, failed_ms bigint not null)`,
  'create index sign_in_failures_by_key on sign_in_failures (key, failed_ms)',
  `create table client_groups (client_group_id text primary key, person_id text not null)`,
  `create table clients (
     client_id text primary key,
     client_group_id text not null references client_groups (client_group_id),
     person_id text not null,
     last_mutation_id bigint not null default 0
   )`,
  'create index clients_by_group on clients (client_group_id)',
  `create table audit (
     seq bigserial primary key,
     person_id text not null,
     client_group_id text,
     client_id text,
     mutation_id bigint,
     name text not null,
     args jsonb,
     made_at text not null,
     received_at text not null,
     result text not null check (result in ('applied', 'rejected')),
     error text,
     changed jsonb not null default '[]',
     version bigint not null,
     case_ids text[] not null default '{}'
   )`,
  'create index audit_by_case on audit using gin (case_ids)',
  `create index audit_rejections on audit (client_group_id, version) where result = 'rejected'`,
  `create table held_cases (
     client_group_id text not null,
     case_id text not null,
     from_cookie bigint not null,
     to_cookie bigint
   )`,
  'create index held_cases_by_group on held_cases (client_group_id, case_id)',
];

const AUDIT_APPEND_ONLY = [
  `create function audit_is_append_only() returns trigger language plpgsql as $$
   begin
     raise exception 'the audit log is append-only';
   end
   $$`,
  `create trigger audit_append_only before update or delete on audit
     for each statement execute function audit_is_append_only()`,
];

/** A fresh desk starts with the four preset procedures, the UK calendar they run on and the default queue views. */
async function seedPresets(tx: Parameters<Exclude<Migration['up'], readonly string[]>>[0], now: Date) {
  const year = now.getUTCFullYear();
  const version = (await lockVersion(tx)) + 1;
  const calendar = ukCalendarSpec({ fromYear: year - 1, toYear: year + 4 });
  await writeChanges(
    tx,
    [
      { op: 'put', table: 'calendars', row: calendar },
      ...presetPolicies().map((policy) => ({ op: 'put' as const, table: 'policies' as const, row: policy })),
      ...DEFAULT_SAVED_VIEWS.map((view) => ({ op: 'put' as const, table: 'savedViews' as const, row: view })),
    ],
    version,
  );
  await setVersion(tx, version);
}
