import { z } from 'zod';
import { CaseStatus, Priority, ReplyPurpose, Slug } from '../domain/vocabulary';
import { canSubtract, Duration } from './duration';

/**
 * Targets as data: what starts a clock, what meets it, how long it runs, when it warns.
 * A trigger names a moment in the case's history; the clock engine replays the history and
 * takes the first matching moment (or, for repeating targets, each one).
 */
export const Trigger = z.discriminatedUnion('on', [
  /** The case reached the desk (case.receivedAt). */
  z.object({ on: z.literal('received') }),
  /** The desk wrote to the requester, optionally only for these purposes or while in a stage. */
  z.object({
    on: z.literal('reply'),
    purposes: z.array(ReplyPurpose).min(1).optional(),
    stage: Slug.optional(),
  }),
  /** The requester wrote or called. */
  z.object({ on: z.literal('customer-contact'), stage: Slug.optional() }),
  z.object({ on: z.literal('stage-entered'), stage: Slug }),
  z.object({ on: z.literal('status-entered'), statuses: z.array(CaseStatus).min(1) }),
  /** A designated owner was named. */
  z.object({ on: z.literal('owner-set') }),
]);
export type Trigger = z.infer<typeof Trigger>;

/** The case was resolved or closed: stops most targets. */
export const caseFinished = (): Trigger => ({ on: 'status-entered', statuses: ['resolved', 'closed'] });

/** When a running clock turns at-risk: a share of its time used, or a fixed time before the deadline. */
export const Warning = z.union([
  z.object({ percentElapsed: z.number().gt(0).lt(100) }),
  z.object({
    before: Duration.refine((d) => canSubtract(d.unit), {
      message: 'a warning cannot be counted back in working days; use working hours',
    }),
  }),
]);
export type Warning = z.infer<typeof Warning>;

export const TARGET_KINDS = ['first-response', 'next-update', 'resolution', 'stage', 'window'] as const;
export const TargetKind = z.enum(TARGET_KINDS);
export type TargetKind = z.infer<typeof TargetKind>;

export const Target = z
  .object({
    id: Slug,
    name: z.string().min(1),
    /** What the target is for; `window` targets open and close instead of breaching. */
    kind: TargetKind,
    /** The clock starts at the first of these moments (and, when `repeats`, again after each stop). */
    start: z.array(Trigger).min(1),
    /** The first of these after the start meets the target (for a window: the window is used). */
    stop: z.array(Trigger).min(1),
    duration: Duration,
    /**
     * A repeating target starts a new cycle at each start moment after the last cycle was met:
     * the next-update cadence. A moment that both stops and starts (an update, in an
     * "after each update" cadence) meets the running cycle and opens the next.
     */
    repeats: z.boolean().default(false),
    /** Whether the policy's pause statuses stop this clock. Windows never pause. */
    pausable: z.boolean().default(true),
    warning: Warning.optional(),
    /** Only for cases of these priorities (e.g. a faster first response for urgent cases). */
    priorities: z.array(Priority).min(1).optional(),
  })
  .refine((t) => t.kind !== 'window' || (t.warning === undefined && !t.repeats), {
    message: 'a window has no warning and does not repeat',
  });
export type Target = z.infer<typeof Target>;
export type TargetInput = z.input<typeof Target>;
