import { z } from 'zod';
import { Affiliation } from '../domain/case';
import { CaseKind, CaseStatus, NotifyRole, PersonRole, Slug } from '../domain/vocabulary';
import { EscalationRule, ScheduledJob } from '../escalation/schema';
import { Target, type Trigger } from '../sla/clock-schema';

/** One question the intake form asks; answers land in case.intake[id]. */
export const IntakeField = z.object({
  id: Slug,
  label: z.string().min(1),
  type: z.enum([
    'text',
    'long-text',
    'phone',
    'email',
    'date-or-period',
    'ticket-ref',
    'ticket-refs',
    'choice',
    /** A yes/no question ("Does it concern your personal data?"); answered "yes" or "no". */
    'yes-no',
    /** A member of staff or a team from the directory, stored as "person:<id>" or "team:<id>". */
    'person-or-team',
  ]),
  required: z.boolean().default(false),
  help: z.string().optional(),
  /** For `choice` fields. */
  options: z.array(z.object({ value: Slug, label: z.string().min(1) })).optional(),
});
export type IntakeField = z.infer<typeof IntakeField>;

/** Text the intake form shows before the questions (e.g. "not for emergencies"). */
export const IntakeNotice = z.object({
  id: Slug,
  tone: z.enum(['info', 'warning']).default('info'),
  text: z.string().min(1),
});
export type IntakeNotice = z.infer<typeof IntakeNotice>;

/**
 * Where to get help right now, instead of this procedure (QMUL: an escalation is not for emergencies). Notices
 * name them with {urgentPhone} and {urgentChat}; acknowledgements may too.
 */
export const UrgentContact = z.object({
  phone: z.string().trim().min(1).max(40).optional(),
  chatUrl: z.url({ protocol: /^https?$/ }).optional(),
});
export type UrgentContact = z.infer<typeof UrgentContact>;

export const Intake = z.object({
  notices: z.array(IntakeNotice).default([]),
  urgentContact: UrgentContact.optional(),
  /** Ask who the requester is (student, staff…): a staged complaint's external route depends on it. */
  askAffiliation: z.boolean().default(false),
  /** Name, email and phone are always asked (they fill case.requester); these come on top. */
  fields: z.array(IntakeField).default([]),
  /** The requester must quote an existing ticket, which the new case is linked to. */
  requiresOriginalTicket: z.boolean().default(false),
  /** The first contact must not name staff (the form warns when it looks like it does). */
  noStaffNames: z.boolean().default(false),
  /** Correspondence (letters, saved emails) can be attached at intake and later, kept with the case. */
  correspondence: z.boolean().default(false),
});
export type Intake = z.infer<typeof Intake>;

/** Where a case goes outside the desk, e.g. students to the Proctors. */
export const ExternalRoute = z.object({
  body: z.string().min(1),
  /** Only for requesters of this affiliation; without it, for anyone. */
  affiliation: Affiliation.optional(),
  description: z.string().optional(),
  /** Only offered when this yes-no intake field was answered yes (the ICO: "concerns personal data"). */
  whenIntake: Slug.optional(),
  /** The sentence the desk's response gives the requester about this route. */
  tellRequester: z.string().trim().min(1).optional(),
});
export type ExternalRoute = z.infer<typeof ExternalRoute>;

export const Stage = z.object({
  id: Slug,
  name: z.string().min(1),
  description: z.string().optional(),
  /** Set on a stage handled outside the desk: where the case can be referred. */
  externalRoutes: z.array(ExternalRoute).optional(),
  /**
   * A case logged at this stage is assigned to the person or team the intake names as already involved
   * (Oxford: informal resolution starts with them). The intake field is the policy's `person-or-team` field.
   */
  routeToInvolved: z.boolean().optional(),
  /**
   * Who owns the case at this stage, resolved for the case like a notification (Oxford's review stage: the Head of
   * Department of its division). Entering the stage makes them the designated owner and assignee.
   */
  ownedBy: NotifyRole.optional(),
  /**
   * The stage can only be entered once the requester has had the written response (a `response` reply) at this
   * earlier stage: Oxford's Head of Department review follows the formal stage's written response.
   */
  afterResponseAt: Slug.optional(),
});
export type Stage = z.infer<typeof Stage>;

/**
 * The automatic acknowledgement a new case of this policy gets by email (sent as `Auto-Submitted: auto-replied`).
 * Placeholders: {greeting} ("Dear Dr O'Neill-Ní Bhriain,"), {reference}, {requesterName}, {ownerName}, {urgentPhone},
 * {urgentChat}, {deadline:<target id>} (a date, e.g. "Monday 9 March").
 */
export const Acknowledgement = z.object({
  /** Sent without anyone clicking; off: the template is only offered in the reply box. */
  auto: z.boolean(),
  subject: z.string().trim().min(1).max(200),
  body: z.string().trim().min(1).max(20_000),
  /** Only for cases at one of these stages (a staged policy acknowledges its formal stage). */
  stages: z.array(Slug).optional(),
});
export type Acknowledgement = z.infer<typeof Acknowledgement>;

/** Who must own the case, and from when. */
export const Ownership = z.object({
  required: z.boolean().default(false),
  /** `intake`: from logging; `acknowledgement`: from the first reply to the requester. */
  from: z.enum(['intake', 'acknowledgement']).default('acknowledgement'),
});

/**
 * A case policy: everything a desk can edit about how one kind of case is handled. Targets and
 * the ladder are the SLA; `pauseStatuses` say when clocks stop.
 */
export const Policy = z
  .object({
    id: Slug,
    name: z.string().min(1),
    description: z.string().default(''),
    caseKind: CaseKind,
    /** Bumped on every edit so a case can say which version it ran under. */
    version: z.int().positive().default(1),
    calendarId: z.string().min(1),
    confidentialByDefault: z.boolean().default(false),
    /**
     * Roles that see this policy's confidential cases besides people who see every confidential case and the
     * case's own assignee and owner (see shared/access).
     */
    confidentialRoles: z.array(PersonRole).default([]),
    ownership: Ownership.default({ required: false, from: 'acknowledgement' }),
    stages: z.array(Stage).default([]),
    initialStage: Slug.nullable().default(null),
    pauseStatuses: z.array(CaseStatus).default(['pending-requester']),
    intake: Intake.default({
      notices: [],
      fields: [],
      askAffiliation: false,
      requiresOriginalTicket: false,
      noStaffNames: false,
      correspondence: false,
    }),
    /** Bodies a case can be referred to (e.g. the ICO for data-protection complaints). */
    externalReferrals: z.array(ExternalRoute).default([]),
    targets: z.array(Target).default([]),
    ladder: z.array(EscalationRule).default([]),
    jobs: z.array(ScheduledJob).default([]),
    acknowledgement: Acknowledgement.optional(),
  })
  .superRefine((policy, ctx) => {
    const stageIds = new Set(policy.stages.map((s) => s.id));
    const targetIds = new Set<string>();
    const unique = (ids: string[], what: string, path: string) => {
      if (new Set(ids).size !== ids.length)
        ctx.addIssue({ code: 'custom', message: `${what} ids must be unique`, path: [path] });
    };
    unique(
      policy.stages.map((s) => s.id),
      'stage',
      'stages',
    );
    unique(
      policy.targets.map((t) => t.id),
      'target',
      'targets',
    );
    unique(
      policy.ladder.map((r) => r.id),
      'rule',
      'ladder',
    );
    unique(
      policy.jobs.map((j) => j.id),
      'job',
      'jobs',
    );
    unique(
      policy.intake.fields.map((f) => f.id),
      'intake field',
      'intake',
    );
    if (policy.initialStage !== null && !stageIds.has(policy.initialStage)) {
      ctx.addIssue({
        code: 'custom',
        message: `initial stage "${policy.initialStage}" is not a stage`,
        path: ['initialStage'],
      });
    }
    const checkStage = (stage: string | undefined, path: (string | number)[]) => {
      if (stage !== undefined && !stageIds.has(stage)) {
        ctx.addIssue({ code: 'custom', message: `unknown stage "${stage}"`, path });
      }
    };
    policy.stages.forEach((stage, i) => {
      checkStage(stage.afterResponseAt, ['stages', i, 'afterResponseAt']);
    });
    policy.targets.forEach((target, i) => {
      targetIds.add(target.id);
      const triggers: [string, Trigger[]][] = [
        ['start', target.start],
        ['stop', target.stop],
      ];
      for (const [side, list] of triggers) {
        list.forEach((trigger, j) => {
          if ('stage' in trigger) checkStage(trigger.stage, ['targets', i, side, j, 'stage']);
        });
      }
    });
    policy.ladder.forEach((rule, i) => {
      if (rule.when.anchor === 'deadline' && !targetIds.has(rule.when.target)) {
        ctx.addIssue({
          code: 'custom',
          message: `unknown target "${rule.when.target}"`,
          path: ['ladder', i, 'when', 'target'],
        });
      }
      for (const stage of rule.appliesTo.stages ?? [])
        checkStage(stage, ['ladder', i, 'appliesTo', 'stages']);
    });
    const yesNo = new Set(policy.intake.fields.filter((f) => f.type === 'yes-no').map((f) => f.id));
    policy.externalReferrals.forEach((route, i) => {
      if (route.whenIntake !== undefined && !yesNo.has(route.whenIntake)) {
        ctx.addIssue({
          code: 'custom',
          message: `"${route.whenIntake}" is not a yes-no question of the intake`,
          path: ['externalReferrals', i, 'whenIntake'],
        });
      }
    });
    policy.intake.fields.forEach((field, i) => {
      if ((field.type === 'choice') !== (field.options !== undefined && field.options.length > 0)) {
        ctx.addIssue({
          code: 'custom',
          message: 'choice fields, and only they, list options',
          path: ['intake', 'fields', i],
        });
      }
    });
  });
export type Policy = z.infer<typeof Policy>;
export type PolicyInput = z.input<typeof Policy>;

/** Validates policy data (an edited policy, an import); throws a ZodError listing every problem. */
export function parsePolicy(input: unknown): Policy {
  return Policy.parse(input);
}

/** A policy written in code (the presets): type-checked as written, validated and defaulted as parsed. */
export function definePolicy(input: PolicyInput): Policy {
  return Policy.parse(input);
}
