import type { z } from 'zod';

/**
 * Why a mutation was refused: `invalid` (the input is wrong, `fields` says where), `not-found` (a case or
 * person it names is not in the store), `not-allowed` (the policy forbids it in the case's current state).
 */
export type MutationErrorCode = 'invalid' | 'not-found' | 'not-allowed';

/** A refusal the user can act on: `message` is written for them, `fields` maps form fields to messages. */
export class MutationError extends Error {
  override readonly name = 'MutationError';
  constructor(
    readonly code: MutationErrorCode,
    message: string,
    readonly fields: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }
}

export function invalid(message: string, fields: Record<string, string> = {}): MutationError {
  return new MutationError('invalid', message, fields);
}

export function notFound(message: string): MutationError {
  return new MutationError('not-found', message);
}

export function notAllowed(message: string): MutationError {
  return new MutationError('not-allowed', message);
}

/** One message per field, first issue wins; the summary lists them in the form's order. */
export function fromZodError(error: z.ZodError, action: string): MutationError {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.') || '(input)';
    fields[key] ??= issue.message;
  }
  const list = Object.entries(fields).map(([field, message]) =>
    field === '(input)' ? message : `${field}: ${message}`,
  );
  return invalid(`Couldn't ${action}: ${list.join('; ')}.`, fields);
}
