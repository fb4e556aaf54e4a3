/**
 * What the desk does about escalation steps and staged complaints besides the ladder itself: recording that
 * staff prompted a flagged case's owner, and a complainant's request for Head of Department review (late ones
 * accepted and recorded as late).
 */
import { z } from 'zod';
import { type Case, type CaseEvent, Instant } from '../domain';
import { changeStage } from './case-actions';
import { defineMutator, eventBase, findCase, findPerson, record } from './define';
import { invalid } from './errors';
import type { RowChange } from './rows';

const caseId = z.string().min(1);

/** The stepId of the record that the owner was prompted for a flagging step (never a ladder step's id). */
export function ownerPromptedStepId(stepId: string): string {
  return `${stepId}:owner-prompted`;
}

/** One record per flagging step, whoever clicks first. */
export function ownerPromptedEventId(caseId: string, stepId: string): string {
  return `prompt-${caseId}-${stepId}`;
}

export const RecordOwnerPromptedArgs = z.object({
  caseId,
  /** The ladder step that flagged the case (day 2, day 4…). */
  stepId: z.string().min(1),
  /** Who staff prompted: the case's assignee (or owner). */
  promptedId: z.string().min(1),
});
export type RecordOwnerPromptedArgs = z.input<typeof RecordOwnerPromptedArgs>;

/**
 * Staff prompted the owner of a case a ladder step flagged. Recorded once per step: a second click, another
 * agent or another desktop changes nothing. The flag itself stays until the owner acts (replies or moves the case).
 */
export const recordOwnerPrompted = defineMutator({
  args: RecordOwnerPromptedArgs,
  action: 'record the prompt',
  reads: (args) => ({ caseIds: [args.caseId], eventsOfCases: [args.caseId], personIds: [args.promptedId] }),
  run(rows, args, ctx) {
    const kase = findCase(rows, args.caseId);
    const flag = rows.events.find(
      (e): e is Extract<CaseEvent, { type: 'prompted' }> =>
        e.type === 'prompted' && e.stepId === args.stepId && e.flagForPrompt,
    );
    if (flag === undefined)
      throw invalid(`No escalation step flagged ${kase.ref} for prompting as ${args.stepId}.`);
    const id = ownerPromptedEventId(kase.id, args.stepId);
    if (rows.events.some((e) => e.id === id)) return [];
    const prompted = findPerson(rows, args.promptedId, 'person prompted');
    return record(kase, [
      {
        ...eventBase(ctx, kase.id, id),
        type: 'prompted',
        stepId: ownerPromptedStepId(args.stepId),
        ruleId: flag.ruleId,
        notified: [prompted.id === kase.assigneeId ? 'assignee' : 'owner'],
        flagForPrompt: false,
        message: `Prompted ${prompted.name}.`,
      },
    ]).changes;
  },
});

export const RequestHodReviewArgs = z.object({
  caseId,
  /** When the complainant's review window closed, if it had closed before this request (null: in time). */
  windowClosedAt: Instant.nullable().default(null),
  /** The Head of Department who will own the review (the app finds them in the directory for the case). */
  ownerId: z.string().min(1).optional(),
});
export type RequestHodReviewArgs = z.input<typeof RequestHodReviewArgs>;

function reviewStage(args: RequestHodReviewArgs) {
  return {
    caseId: args.caseId,
    to: 'hod-review',
    fields: {},
    ...(args.ownerId === undefined ? {} : { ownerId: args.ownerId }),
  };
}

/**
 * The complainant asks for Head of Department review: the case moves to the `hod-review` stage, owned by the
 * Head of Department, once it has had its written response. A request after the window closed is still
 * accepted, and the timeline says it came late.
 */
export const requestHodReview = defineMutator({
  args: RequestHodReviewArgs,
  action: 'record the review request',
  reads: (args) => changeStage.reads(reviewStage(args)),
  run(rows, args, ctx) {
    const changes = changeStage.run(rows, reviewStage(args), ctx);
    if (args.windowClosedAt === null) return changes;
    const staged = changes.find(
      (c): c is Extract<RowChange, { op: 'put'; table: 'cases' }> => c.op === 'put' && c.table === 'cases',
    );
    const kase: Case = staged?.row ?? findCase(rows, args.caseId);
    const late = record(kase, [
      {
        ...eventBase(ctx, kase.id),
        type: 'note',
        text: `Late request: Head of Department review was asked for after the review window closed on ${args.windowClosedAt.slice(0, 10)}. Accepted late.`,
      },
    ]).changes;
    return [...changes.filter((c) => c !== staged), ...late];
  },
});
