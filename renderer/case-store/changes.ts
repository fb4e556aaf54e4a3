/**
 * Making a change from a view: run the mutation, and when it fails say what went wrong and what the person can
 * do, in the store's or the mutator's own words. A failed change never leaves half a write behind (runMutation
 * commits the rows and the outbox entry together), so every message can say so.
 */
import { MutationError } from '../../shared/sync/errors';
import type { MutatorArgs, MutatorName } from '../../shared/sync/registry';
import type { MutationResult } from '../db';
import { StoreError } from '../db/errors';
import { useCaseStore } from './case-store';

export interface ChangeFailure {
  /** For the person: what went wrong and what to do. */
  message: string;
  /** Form field -> message, when the input was refused field by field. */
  fields: Readonly<Record<string, string>>;
  /** `refused`: the input or the case's state (fix and retry); `storage`: the database; `unexpected`: a bug. */
  kind: 'refused' | 'storage' | 'unexpected';
}

export type ChangeOutcome = { ok: true; result: MutationResult } | { ok: false; failure: ChangeFailure };

/** Turns whatever a change threw into words for the person at the desk. */
export function describeFailure(error: unknown): ChangeFailure {
  if (error instanceof MutationError)
    return { message: error.message, fields: error.fields, kind: 'refused' };
  if (error instanceof StoreError) {
    return { message: error.message, fields: {}, kind: 'storage' };
  }
  const detail = error instanceof Error ? error.message : String(error);
  return {
    message: `Desk couldn't make the change (${detail}). Nothing was saved: try again, and reload Desk if it keeps happening.`,
    fields: {},
    kind: 'unexpected',
  };
}

/** A function that makes a change on the open store and never throws: it returns what happened. */
export function useChange(): <N extends MutatorName>(
  name: N,
  args: MutatorArgs<N>,
) => Promise<ChangeOutcome> {
  const { store } = useCaseStore();
  return async (name, args) => {
    if (store === null) {
      return {
        ok: false,
        failure: {
          message: 'The case store is still opening (or could not open): wait a moment and try again.',
          fields: {},
          kind: 'storage',
        },
      };
    }
    try {
      const { runMutation } = await import('../db/mutate');
      return { ok: true, result: await runMutation(store, name, args) };
    } catch (error) {
      return { ok: false, failure: describeFailure(error) };
    }
  };
}
