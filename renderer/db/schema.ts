import Dexie, { type EntityTable, type Transaction } from 'dexie';
import { isRestricted } from '../../shared/access';
import type { Case, CaseEvent, CaseSlaState, CaseSlaSummary } from '../../shared/domain';
import { isOpenStatus } from '../../shared/domain';
import type { Policy } from '../../shared/policies';
import type { CalendarSpec } from '../../shared/sla';
import {
  type Contact,
  type Mutation,
  type OutboundMessage,
  type Person,
  refKey,
  type SavedView,
  type Team,
  type WritableRows,
  type WritableTable,
} from '../../shared/sync';
import { instantMs } from '../../shared/time';

/**
 * A case as the store keeps it: the domain case, its SLA summary, and flat copies of what the queue filters
 * and sorts by. IndexedDB cannot index booleans or nulls, so those become 0/1 and '' here.
 */
export interface CaseRow extends Case {
  sla: CaseSlaSummary;
  /** 1 while the case is owed something (not resolved or closed). */
  open: 0 | 1;
  /** The reference as typed by anyone ("q10428" finds Q-10428). */
  refKey: string;
  assigneeKey: string;
  teamKey: string;
  stageKey: string;
  /** 1 when only some people may see the case (shared/access `isRestricted`): what the viewer filter reads. */
  confidentialKey: 0 | 1;
  slaState: CaseSlaState;
  /** Queue order, most urgent first: breached longest ago, then at risk, then next due (see `urgencyOf`). */
  urgency: number;
  /** When the SLA picture next changes (epoch ms), Infinity when nothing is pending: what a clock tick refreshes. */
  nextDueMs: number;
  /** The reference, subject and requester's name as the queue sorts them (`sortKeyOf`, schema v5). */
  refSort: string;
  subjectSort: string;
  requesterSort: string;
}

export interface MetaRow {
  key: string;
  value: unknown;
}

/**
 * The server-confirmed row under a pending change: written the first time a not-yet-acknowledged mutation
 * touches the row, so a pull can put the confirmed state back before applying the server's patch and
 * replaying what is still pending. `row` null: the row did not exist.
 */
export type ShadowRow = {
  [T in WritableTable]: {
    /** `${table}:${id}`. */
    key: string;
    table: T;
    id: string;
    row: (T extends 'cases' ? CaseRow : WritableRows[T]) | null;
  };
}[WritableTable];

/**
 * A change of this desk's the server refused, or one that no longer applies on the server's newer rows: what
 * the "Sync problems" list and the case's banner show, with what retry needs to make it again.
 */
export interface SyncProblem {
  /** `${clientId}:${mutationId}`; `request:push` or `request:pull` for a request refused as a whole. */
  id: string;
  clientId: string;
  mutationId: number | null;
  /** The mutator's name (`push`/`pull` for a refused request). */
  name: string;
  args: unknown;
  /** The server's (or the mutator's) sentence. */
  error: string;
  /** The case the change was about, for its banner. */
  caseId: string | null;
  /** When the desk learned of it. */
  at: string;
  /**
   * `rejected`: the server refused the change and it was rolled back here. `conflict`: it no longer applies on
   * the server's newer rows; it stays queued, as only the server decides. `refused`: the server refused the
   * request it travelled in as a whole; it stays queued and is sent again later.
   */
  kind: 'rejected' | 'conflict' | 'refused';
  /** Hidden by the person; kept only so a repeated report of the same rejection stays hidden. */
  discarded?: true;
}

export type DeskDb = Dexie & {
  cases: EntityTable<CaseRow, 'id'>;
  /** Every case's timeline. */
  events: EntityTable<CaseEvent, 'id'>;
  contacts: EntityTable<Contact, 'id'>;
  people: EntityTable<Person, 'id'>;
  teams: EntityTable<Team, 'id'>;
  policies: EntityTable<Policy, 'id'>;
  calendars: EntityTable<CalendarSpec, 'id'>;
  savedViews: EntityTable<SavedView, 'id'>;
  /** Changes not yet acknowledged by the server, keyed by the client's mutation sequence. */
  outbox: EntityTable<Mutation, 'id'>;
  outboundMessages: EntityTable<OutboundMessage, 'id'>;
  meta: EntityTable<MetaRow, 'key'>;
  /** Confirmed pre-images of rows that pending mutations changed (schema v2). */
  shadow: EntityTable<ShadowRow, 'key'>;
  /** Refused and conflicting changes for the person to see (schema v2). */
  syncProblems: EntityTable<SyncProblem, 'id'>;
};

/**
 * The schema, one entry per version. Never edit a shipped version: add the next one (with an `upgrade` when
 * existing rows need rewriting) and keep the old ones, so a store of any age opens.
 */
export interface SchemaVersion {
  version: number;
  /** Dexie's store specs for the tables this version adds or changes (null deletes a table). */
  stores: Record<string, string | null>;
  /** Rewrites existing rows when the version is reached (e.g. re-deriving the flat index fields). */
  upgrade?: (tx: Transaction) => PromiseLike<unknown>;
}

export const SCHEMA_VERSIONS: readonly SchemaVersion[] = [
  {
    version: 1,
    stores: {
      // Every queue view reads a range of one compound index, already in urgency order.
      cases: [
        'id',
        'refKey',
        '[open+urgency]',
        '[open+nextDueMs]',
        '[assigneeKey+open+urgency]',
        '[teamKey+open+urgency]',
        '[open+slaState+urgency]',
        '[open+kind+urgency]',
        '[open+status+urgency]',
        '[open+stageKey+urgency]',
        '[open+escalationLevel+urgency]',
        'originalCaseId',
        'receivedAt',
        'updatedAt',
        'requester.email',
      ].join(', '),
      events: 'id, [caseId+at]',
      contacts: 'id, email, name',
      people: 'id, teamId, role',
      teams: 'id',
      policies: 'id, caseKind',
      calendars: 'id',
      savedViews: 'id, order',
      outbox: 'id',
      outboundMessages: 'id, caseId, status',
      meta: 'key',
    },
  },
  {
    // Team sync: confirmed rows beside pending changes, and the changes the server refused.
    version: 2,
    stores: {
      shadow: 'key',
      syncProblems: 'id, caseId, at',
    },
  },
  {
    // The mail channel: a reply's In-Reply-To finds the message Desk sent, hence its case.
    version: 3,
    stores: {
      outboundMessages: 'id, caseId, status, messageId',
    },
  },
  {
    // Confidentiality: the views list the confidential cases from an index to hide those a viewer may not see.
    version: 4,
    stores: {
      cases: [
        'id',
        'refKey',
        '[open+urgency]',
        '[open+nextDueMs]',
        '[assigneeKey+open+urgency]',
        '[teamKey+open+urgency]',
        '[open+slaState+urgency]',
        '[open+kind+urgency]',
        '[open+status+urgency]',
        '[open+stageKey+urgency]',
        '[open+escalationLevel+urgency]',
        'originalCaseId',
        'receivedAt',
        'updatedAt',
        'requester.email',
        'confidentialKey',
      ].join(', '),
    },
    upgrade: (tx) =>
      tx
        .table<CaseRow, string>('cases')
        .toCollection()
        .modify((row) => {
          row.confidentialKey = isRestricted(row) ? 1 : 0;
        }),
  },
  {
    // Sorting the queue by reference, subject, requester or priority reads an index too, like the other columns.
    version: 5,
    stores: {
      cases: [
        'id',
        'refKey',
        '[open+urgency]',
        '[open+nextDueMs]',
        '[assigneeKey+open+urgency]',
        '[teamKey+open+urgency]',
        '[open+slaState+urgency]',
        '[open+kind+urgency]',
        '[open+status+urgency]',
        '[open+stageKey+urgency]',
        '[open+escalationLevel+urgency]',
        '[open+priority+urgency]',
        '[open+refSort]',
        '[open+subjectSort+urgency]',
        '[open+requesterSort+urgency]',
        'originalCaseId',
        'receivedAt',
        'updatedAt',
        'requester.email',
        'confidentialKey',
      ].join(', '),
    },
    upgrade: (tx) =>
      tx
        .table<CaseRow, string>('cases')
        .toCollection()
        .modify((row) => {
          Object.assign(row, sortKeysOf(row));
        }),
  },
];

export const DB_VERSION = SCHEMA_VERSIONS.at(-1)!.version;

/** The database object (not yet open). `versions` is for testing the upgrade path with versions to come. */
export function createDeskDb(name: string, versions: readonly SchemaVersion[] = SCHEMA_VERSIONS): DeskDb {
  // Dexie declares the tables on the instance at runtime; the type lists them.
  const db = new Dexie(name) as DeskDb;
  for (const { version, stores, upgrade } of versions) {
    const declared = db.version(version).stores(stores);
    if (upgrade) declared.upgrade(upgrade);
  }
  return db;
}

const SLA_RANK: Readonly<Record<CaseSlaState, number>> = {
  breached: 0,
  'at-risk': 1,
  'on-track': 2,
  paused: 3,
  none: 4,
};
// Larger than any epoch ms until the year 2286, so rank always dominates the instant.
const RANK_STEP = 1e13;

/**
 * The queue's order as one number: SLA state first (breached, at risk, on track, paused, none), then the
 * earliest owed deadline (a breach that happened longest ago comes first); without one, the oldest case first.
 */
export function urgencyOf(kase: Case, sla: CaseSlaSummary): number {
  const due = sla.dueAt === null ? Number.NaN : instantMs(sla.dueAt);
  const at = Number.isNaN(due) ? instantMs(kase.receivedAt) : due;
  return SLA_RANK[sla.state] * RANK_STEP + Math.max(0, at);
}

/** Longer text sorts by its first characters only; the rest would only grow the indexes. */
const SORT_KEY_LENGTH = 48;

/**
 * Text as the queue sorts it, so that IndexedDB's plain code-unit order reads as people expect: case and accents
 * ignored, numbers by value ("Room 9" before "Room 10", Q-KDRMX-9 before Q-KDRMX-10).
 */
export function sortKeyOf(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .trim()
    .replace(/\d+/g, (digits) => digits.replace(/^0+(?=\d)/, '').padStart(12, '0'))
    .slice(0, SORT_KEY_LENGTH);
}

function sortKeysOf(kase: Case): Pick<CaseRow, 'refSort' | 'subjectSort' | 'requesterSort'> {
  return {
    refSort: sortKeyOf(kase.ref),
    subjectSort: sortKeyOf(kase.subject),
    requesterSort: sortKeyOf(kase.requester.name),
  };
}

/** The stored row of a case with its SLA summary. */
export function toCaseRow(kase: Case, sla: CaseSlaSummary): CaseRow {
  const next = sla.nextDueAt === null ? Number.NaN : instantMs(sla.nextDueAt);
  const open = isOpenStatus(kase.status);
  return {
    ...kase,
    sla,
    open: open ? 1 : 0,
    refKey: refKey(kase.ref),
    assigneeKey: kase.assigneeId ?? '',
    teamKey: kase.teamId ?? '',
    stageKey: kase.stage ?? '',
    confidentialKey: isRestricted(kase) ? 1 : 0,
    slaState: sla.state,
    urgency: urgencyOf(kase, sla),
    nextDueMs: open && !Number.isNaN(next) ? next : Number.POSITIVE_INFINITY,
    ...sortKeysOf(kase),
  };
}

/** The domain case of a stored row (what mutators and the server see), without anything derived. */
export function fromCaseRow(row: CaseRow): Case {
  const {
    sla,
    open,
    refKey,
    assigneeKey,
    teamKey,
    stageKey,
    confidentialKey,
    slaState,
    urgency,
    nextDueMs,
    refSort,
    subjectSort,
    requesterSort,
    ...kase
  } = row;
  return kase;
}

/** A case as reports and views read it: the domain case with the SLA summary the store computed for it. */
export function caseWithSla(row: CaseRow): Case {
  const {
    open,
    refKey,
    assigneeKey,
    teamKey,
    stageKey,
    confidentialKey,
    slaState,
    urgency,
    nextDueMs,
    refSort,
    subjectSort,
    requesterSort,
    ...kase
  } = row;
  return kase;
}
