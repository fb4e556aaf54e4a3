/**
 * The desk server's HTTP protocol (`/v1`), as both ends parse it. A public contract: other clients are written
 * against these shapes, so names never change; new fields are added as optional.
 *
 * JSON over HTTP, `Authorization: Bearer <token>`, every error `{"error": "<sentence a person can act on>"}`.
 */
import { z } from 'zod';
import { Instant } from '../domain';
import { Mutation } from './mutation';
import { PersonRole, RowChangeSchema } from './rows';

/** The most bytes a request body may have unless the server is started with another limit. */
export const DEFAULT_BODY_LIMIT = 1024 * 1024;
/** How many row changes one pull page carries at most (a version's changes are never split). */
export const PULL_PAGE_CHANGES = 3000;
/** A mutation made this far ahead of the server's clock is refused: the device's clock is wrong. */
export const MAX_CLOCK_AHEAD_MS = 2 * 60 * 1000;
/** The event stream sends a comment this often so proxies keep it open. */
export const EVENTS_KEEPALIVE_MS = 25_000;

export const ErrorBody = z.object({ error: z.string().min(1) });
export type ErrorBody = z.infer<typeof ErrorBody>;

/** `GET /v1/health` → 200. */
export const HealthResponse = z.object({ ok: z.literal(true), version: z.string().min(1) });
export type HealthResponse = z.infer<typeof HealthResponse>;

/** `POST /v1/sessions` → 201 `SessionResponse`; 401 wrong email or password; 429 too many failures. */
export const SignInRequest = z.object({
  email: z.string().trim().min(1, 'Enter your email address.').max(320),
  password: z.string().min(1, 'Enter your password.').max(1024),
});
export type SignInRequest = z.infer<typeof SignInRequest>;

export const SessionResponse = z.object({
  token: z.string().min(22),
  personId: z.string().min(1),
  expiresAt: Instant,
});
export type SessionResponse = z.infer<typeof SessionResponse>;

/** `POST /v1/people` (admins only) → 201 `{id}`; 403 not an admin; 409 the email has an account. */
export const CreatePersonRequest = z.object({
  name: z.string().trim().min(1, 'Give the person a name.').max(200),
  email: z.email({ error: "That email address doesn't look right." }).max(320),
  password: z.string().min(10, 'A password needs at least 10 characters.').max(1024),
  role: PersonRole,
  teamId: z.string().min(1).nullable().optional(),
  lineManagerId: z.string().min(1).nullable().optional(),
  seesConfidential: z.boolean(),
  admin: z.boolean().optional(),
});
export type CreatePersonRequest = z.infer<typeof CreatePersonRequest>;

export const CreatePersonResponse = z.object({ id: z.string().min(1) });
export type CreatePersonResponse = z.infer<typeof CreatePersonResponse>;

/** `POST /v1/push`: one client group's mutations, in each client's order. */
export const PushRequest = z.object({
  clientGroupId: z.string().min(1).max(200),
  mutations: z.array(Mutation),
});
export type PushRequest = z.infer<typeof PushRequest>;

export const PUSH_STATUSES = ['applied', 'duplicate', 'rejected'] as const;
export const PushResult = z.object({
  clientId: z.string().min(1),
  id: z.number().int().positive(),
  status: z.enum(PUSH_STATUSES),
  /** Why a rejected mutation was refused, for the person who made it. */
  error: z.string().optional(),
});
export type PushResult = z.infer<typeof PushResult>;

/** 200: what became of each mutation. */
export const PushResponse = z.object({ results: z.array(PushResult) });
export type PushResponse = z.infer<typeof PushResponse>;

/** 409: a mutation id skipped ahead; nothing from `expectedId`'s successor on was applied. */
export const PushGap = z.object({
  error: z.string().min(1),
  clientId: z.string().min(1),
  expectedId: z.number().int().positive(),
});
export type PushGap = z.infer<typeof PushGap>;

/** `GET /v1/pull?clientGroupId=G&cookie=N`. */
export const PullQuery = z.object({
  clientGroupId: z.string().min(1).max(200),
  cookie: z.coerce.number().int().nonnegative().default(0),
});
export type PullQuery = z.infer<typeof PullQuery>;

export const Rejection = z.object({
  clientId: z.string().min(1),
  id: z.number().int().positive(),
  error: z.string().min(1),
});
export type Rejection = z.infer<typeof Rejection>;

/** 200: the changes after the cookie that this person may see, a page at a time (`more`). */
export const PullResponse = z.object({
  cookie: z.number().int().nonnegative(),
  changes: z.array(RowChangeSchema),
  lastMutationIds: z.record(z.string(), z.number().int().nonnegative()),
  rejections: z.array(Rejection),
  more: z.boolean(),
});
export type PullResponse = z.infer<typeof PullResponse>;
/** A pull response before its rows are parsed (what the server builds). */
export type PullResponseInput = z.input<typeof PullResponse>;

/** `GET /v1/events`: `event: poke` with this data after every commit the person may see. */
export const PokeData = z.object({ version: z.number().int().nonnegative() });
export type PokeData = z.infer<typeof PokeData>;

/** `GET /v1/cases/:caseId/history` → 200: the audit log's entries for one case, oldest first. */
export const HistoryEntry = z.object({
  mutationName: z.string().min(1),
  personId: z.string().min(1),
  personName: z.string().nullable(),
  clientId: z.string().min(1),
  mutationId: z.number().int().positive(),
  madeAt: Instant,
  receivedAt: Instant,
  /** Made while the device was offline: it reached the server more than a minute after it was made. */
  madeOffline: z.boolean(),
  result: z.enum(['applied', 'rejected']),
  error: z.string().nullable(),
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;
export const HistoryResponse = z.object({ entries: z.array(HistoryEntry) });
export type HistoryResponse = z.infer<typeof HistoryResponse>;
