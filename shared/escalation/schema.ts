import { z } from 'zod';
import { CaseKind, CaseStatus, EscalationLevel, NotifyRole, Priority, Slug } from '../domain/vocabulary';
import { canSubtract, Duration } from '../sla/duration';
import { RRule } from '../sla/rrule';

/** A local wall-clock date-time in the calendar's zone, "YYYY-MM-DDTHH:MM". */
export const LocalDateTime = z
  .string()
  .regex(
    /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d$/,
    'a local "YYYY-MM-DDTHH:MM"',
  );

/** An RFC 5545 RRULE body such as "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO;BYHOUR=9;BYMINUTE=0". */
export const RRuleBody = z.string().superRefine((body, ctx) => {
  try {
    if (RRule.parseString(body.replace(/^RRULE:/i, '').trim()).freq === undefined) {
      ctx.addIssue({ code: 'custom', message: 'the RRULE has no FREQ' });
    }
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: `not a valid RRULE: ${(error as Error).message}` });
  }
});

const positive = Duration.refine((d) => d.amount > 0, { message: 'must be longer than zero' });

/** When a step falls due, measured from a moment in the case's life or from one of its deadlines. */
export const StepTiming = z.discriminatedUnion('anchor', [
  /**
   * `logged`: since the case was received. `last-update`: since the desk last wrote to the
   * requester (or receipt). `last-customer-contact`: since the requester last wrote (or receipt).
   * `stage-entered`: since the case entered its current stage (or receipt).
   */
  z.object({
    anchor: z.enum(['logged', 'last-update', 'last-customer-contact', 'stage-entered']),
    after: Duration,
  }),
  /** Relative to a target's deadline, while that target is still owed. */
  z.object({
    anchor: z.literal('deadline'),
    target: Slug,
    direction: z.enum(['before', 'after']),
    offset: Duration,
  }),
]);
export type StepTiming = z.infer<typeof StepTiming>;

/** Which cases a rule is for. Without `statuses`, any status except resolved and closed. */
export const CaseCondition = z.object({
  kinds: z.array(CaseKind).min(1).optional(),
  statuses: z.array(CaseStatus).min(1).optional(),
  stages: z.array(Slug).min(1).optional(),
  priorities: z.array(Priority).min(1).optional(),
  levels: z.array(EscalationLevel).min(1).optional(),
  /** Only while the case has no designated owner. */
  unowned: z.boolean().optional(),
});
export type CaseCondition = z.infer<typeof CaseCondition>;

export const StepActions = z
  .object({
    notify: z.array(NotifyRole).default([]),
    /** Raise the case to this escalation level (never lowers it). */
    raiseLevelTo: EscalationLevel.optional(),
    /** Ask staff to prompt the owner (the case shows a flag until the owner acts). */
    flagForPrompt: z.boolean().default(false),
    /** The case must get a designated owner. */
    requireOwner: z.boolean().default(false),
    message: z.string().optional(),
  })
  .refine((a) => a.notify.length > 0 || a.raiseLevelTo !== undefined || a.flagForPrompt || a.requireOwner, {
    message: 'a step must do something: notify, raise the level, flag for prompting or require an owner',
  });
export type StepActions = z.infer<typeof StepActions>;

/**
 * How often the step comes back while the case still matches. `every`: at fixed intervals after
 * the first time. `rrule`: at the rule's occurrences (local time in the calendar's zone, aligned
 * to `dtstart`) after the first time. `count` caps the number of occurrences, the first included.
 */
export const StepRepeat = z.discriminatedUnion('type', [
  z.object({ type: z.literal('once') }),
  z.object({ type: z.literal('every'), interval: positive, count: z.int().positive().optional() }),
  z.object({
    type: z.literal('rrule'),
    rrule: RRuleBody,
    dtstart: LocalDateTime.default('2000-01-03T00:00'),
    count: z.int().positive().optional(),
  }),
]);
export type StepRepeat = z.infer<typeof StepRepeat>;

export const EscalationRule = z
  .object({
    id: Slug,
    name: z.string().min(1),
    when: StepTiming,
    appliesTo: CaseCondition.default({}),
    actions: StepActions,
    repeat: StepRepeat.default({ type: 'once' }),
  })
  .refine(
    (r) => r.when.anchor !== 'deadline' || r.when.direction === 'after' || canSubtract(r.when.offset.unit),
    {
      message: 'a step before a deadline cannot be counted back in working days; use working hours',
      path: ['when', 'offset'],
    },
  );
export type EscalationRule = z.infer<typeof EscalationRule>;
export type EscalationRuleInput = z.input<typeof EscalationRule>;

export const Ladder = z
  .array(EscalationRule)
  .refine((rules) => new Set(rules.map((r) => r.id)).size === rules.length, {
    message: 'rule ids must be unique within a ladder',
  });
export type Ladder = z.infer<typeof Ladder>;

/** What a desk-wide job does when it runs. */
export const JobAction = z.discriminatedUnion('type', [
  /**
   * List every case of these kinds still open and send it to `notify`, escalating each case to
   * `escalateTo` (the responsible line manager / divisional director).
   */
  z.object({
    type: z.literal('outstanding-cases-report'),
    caseKinds: z.array(CaseKind).min(1),
    notify: z.array(NotifyRole).min(1),
    escalateTo: z.array(NotifyRole).default([]),
  }),
]);
export type JobAction = z.infer<typeof JobAction>;

/** A desk-wide job on a schedule, e.g. the fortnightly outstanding-queries report. */
export const ScheduledJob = z.object({
  id: Slug,
  name: z.string().min(1),
  /** Occurrences as local wall-clock times in `timeZone` (or the desk calendar's zone). */
  rrule: RRuleBody,
  /** The first occurrence's local time: it anchors INTERVAL (which Monday is "every second"). */
  dtstart: LocalDateTime,
  timeZone: z.string().min(1).optional(),
  /** `next-working-time`: an occurrence outside working time (a bank holiday) runs at the next opening. */
  onNonWorkingTime: z.enum(['run', 'next-working-time']).default('run'),
  action: JobAction,
});
export type ScheduledJob = z.infer<typeof ScheduledJob>;
export type ScheduledJobInput = z.input<typeof ScheduledJob>;
