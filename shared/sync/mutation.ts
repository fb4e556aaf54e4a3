import { z } from 'zod';
import { type CaseKind, Instant } from '../domain';

/**
 * One change as it is queued and pushed: the same envelope is the outbox row on the client and the unit the
 * server processes once per (clientId, id). `id` is the client's own sequence, 1, 2, 3… without gaps.
 */
export const Mutation = z.object({
  clientId: z.string().min(1),
  id: z.number().int().positive(),
  name: z.string().min(1),
  args: z.unknown(),
  createdAt: Instant,
  /**
   * Who made the change, recorded when it was made (a replay after another person signs in still names the
   * maker). Null or absent: nobody in particular (a standalone desk that has not said who it is). The server
   * refuses a mutation that names someone other than the signed-in caller.
   */
  actorId: z.string().min(1).nullable().optional(),
});
export type Mutation = z.infer<typeof Mutation>;

/** What a mutator knows besides the rows: who, when, and how to name what it creates. */
export interface MutationContext {
  /** When the change was made (the mutation's createdAt): events are stamped with it. */
  readonly now: string;
  /** The person making the change; null for the system (mail ingestion, escalation steps). */
  readonly actorId: string | null;
  readonly clientId: string;
  readonly mutationId: number;
  /** A new id, the same on the client and the server for the same mutation (see `contextFor`). */
  newId(prefix: string): string;
}

/** The context for one mutation: ids are `<prefix>-<clientId>-<mutationId>-<n>`, n counting from 1. */
export function contextFor(mutation: Mutation, actorId: string | null): MutationContext {
  let n = 0;
  return {
    now: mutation.createdAt,
    actorId,
    clientId: mutation.clientId,
    mutationId: mutation.id,
    newId: (prefix) => `${prefix}-${mutation.clientId}-${mutation.id}-${++n}`,
  };
}

export const CASE_REF_PREFIX: Readonly<Record<CaseKind, string>> = {
  query: 'Q',
  complaint: 'C',
  escalation: 'E',
  'formal-complaint': 'F',
};

/**
 * The number people quote for a case created on a client: the kind's letter, five letters naming the client and
 * its mutation number ("Q-KDRMX-42"). Derived, so the server gives the same one and offline desks don't need to
 * agree on a counter (two clients clash only if their ids hash to the same letters: about 1 in 8 million).
 */
export function caseRefFor(kind: CaseKind, clientId: string, mutationId: number): string {
  return `${CASE_REF_PREFIX[kind]}-${clientTag(clientId)}-${mutationId}`;
}

// No I or O: they read as 1 and 0 over the phone.
const TAG_LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';

function clientTag(clientId: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < clientId.length; i++) hash = Math.imul(hash ^ clientId.charCodeAt(i), 0x01000193);
  let tag = '';
  for (let i = 0; i < 5; i++) {
    tag += TAG_LETTERS[(hash >>> 0) % TAG_LETTERS.length];
    hash = Math.floor((hash >>> 0) / TAG_LETTERS.length);
  }
  return tag;
}
