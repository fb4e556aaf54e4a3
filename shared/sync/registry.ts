import type { z } from 'zod';
import {
  addNote,
  addReply,
  assign,
  changeStage,
  editFields,
  recordCustomerContact,
  setOwner,
  setStatus,
} from './case-actions';
import { linkCases, markPrompted, recordExternalReferral, setConfidential } from './case-links';
import { attachCorrespondence } from './correspondence';
import { createCase, escalate } from './create-case';
import type { MutationRows, ReadSet } from './define';
import { savePerson, saveTeam, setEmailNotices } from './directory';
import { fromZodError, humanIssueMessage, invalid } from './errors';
import { recordOwnerPrompted, requestHodReview } from './escalation-steps';
import { importRows } from './import-rows';
import { changeKind, claimOutbound, ingestMail, markOutbound, resendOutbound, retryOutbound } from './mail';
import type { MutationContext } from './mutation';
import { mailReport } from './report-mail';
import type { RowChange } from './rows';
import { deleteView, saveView } from './saved-views';
import { saveCalendar, savePolicy } from './settings';

/** Every change the app can make, by the name that travels in the mutation envelope. */
export const mutators = {
  createCase,
  editFields,
  assign,
  setOwner,
  setStatus,
  addNote,
  attachCorrespondence,
  addReply,
  recordCustomerContact,
  changeStage,
  escalate,
  linkCases,
  setConfidential,
  markPrompted,
  recordExternalReferral,
  recordOwnerPrompted,
  requestHodReview,
  mailReport,
  savePolicy,
  saveCalendar,
  saveView,
  deleteView,
  savePerson,
  setEmailNotices,
  saveTeam,
  importRows,
  ingestMail,
  markOutbound,
  claimOutbound,
  retryOutbound,
  resendOutbound,
  changeKind,
} as const;

export type Mutators = typeof mutators;
export type MutatorName = keyof Mutators;
/** What a caller passes (before defaults are filled in). */
export type MutatorArgs<N extends MutatorName> = z.input<Mutators[N]['args']>;

export function isMutatorName(name: string): name is MutatorName {
  return Object.hasOwn(mutators, name);
}

/** A mutation checked and ready to run: its parsed args and the rows it needs. */
export interface PreparedMutation {
  readonly name: MutatorName;
  readonly args: unknown;
  readonly reads: ReadSet;
  run(rows: MutationRows, ctx: MutationContext): RowChange[];
}

/**
 * Parses the args (a MutationError names each wrong field) and says what to read. Split from running so the
 * store can load exactly those rows inside its transaction, then run the pure part.
 */
export function prepareMutation(name: string, rawArgs: unknown): PreparedMutation {
  if (!isMutatorName(name)) throw invalid(`Desk doesn't know how to "${name}".`);
  const mutator = mutators[name];
  const parsed = mutator.args.safeParse(rawArgs, { error: humanIssueMessage });
  if (!parsed.success) throw fromZodError(parsed.error, mutator.action);
  const args = parsed.data;
  // Each mutator's reads/run take its own args type; the union of mutators can't say so, hence the casts.
  const typed = mutator as unknown as {
    reads(args: unknown): ReadSet;
    run(rows: MutationRows, args: unknown, ctx: MutationContext): RowChange[];
  };
  return { name, args, reads: typed.reads(args), run: (rows, ctx) => typed.run(rows, args, ctx) };
}

/** Parses and runs a mutation on rows already at hand (tests, the server's replay). */
export function runMutator(
  name: string,
  rawArgs: unknown,
  rows: MutationRows,
  ctx: MutationContext,
): RowChange[] {
  return prepareMutation(name, rawArgs).run(rows, ctx);
}
