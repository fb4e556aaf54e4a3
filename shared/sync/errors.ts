import type { z } from 'zod';
import type { $ZodRawIssue } from 'zod/v4/core';

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

const count = (n: number | bigint) => Number(n).toLocaleString('en-GB');

/** "requester.email" → "the email", "desired-remedy" → "the desired remedy": a field as a sentence names it. */
function fieldWords(path: readonly PropertyKey[] | undefined): string | null {
  const last = path?.filter((p) => typeof p === 'string').at(-1);
  if (last === undefined) return null;
  return `the ${last
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/[-_]+/g, ' ')
    .toLowerCase()}`;
}

/**
 * What to tell a person when a value fails a schema that gave no message of its own: the one place a schema
 * library's wording ("Too big: expected string to have <=50000 characters") becomes a sentence ("Keep the
 * description under 50,000 characters."). Pass it as the `error` of a parse; a schema's own message still wins.
 */
export function humanIssueMessage(issue: $ZodRawIssue): string {
  const field = fieldWords(issue.path);
  const it = field ?? 'it';
  const This = field === null ? 'This' : field.charAt(0).toUpperCase() + field.slice(1);
  switch (issue.code) {
    case 'too_big':
      if (issue.origin === 'string') return `Keep ${it} under ${count(issue.maximum)} characters.`;
      if (issue.origin === 'array' || issue.origin === 'set')
        return `Choose at most ${count(issue.maximum)} for ${it}.`;
      return `${This} can be at most ${count(issue.maximum)}.`;
    case 'too_small':
      if (issue.origin === 'string')
        return Number(issue.minimum) <= 1
          ? `Please fill in ${it}.`
          : `Write at least ${count(issue.minimum)} characters for ${it}.`;
      if (issue.origin === 'array' || issue.origin === 'set')
        return `Choose at least ${count(issue.minimum)} for ${it}.`;
      return `${This} must be at least ${count(issue.minimum)}.`;
    case 'invalid_type':
      return issue.input === undefined || issue.input === null
        ? `Please fill in ${it}.`
        : `${This} isn’t the kind of answer Desk expects here.`;
    case 'invalid_format':
      if (issue.format === 'email') return 'That email address doesn’t look right (name@example.ac.uk).';
      if (issue.format === 'url') return 'That link doesn’t look right (https://…).';
      if (issue.format === 'datetime' || issue.format === 'date') return 'That date doesn’t look right.';
      return `${This} doesn’t look right: check what you typed.`;
    case 'invalid_value':
      return `Choose one of the options offered for ${it}.`;
    case 'unrecognized_keys':
      return 'This form has answers Desk doesn’t recognise: reload and try again.';
    default:
      return `${This} doesn’t look right: check what you typed.`;
  }
}

/** One message per field, first issue wins; the summary lists them in the form's order. */
export function fromZodError(error: z.ZodError, action: string): MutationError {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.') || '(input)';
    fields[key] ??= issue.message;
  }
  return invalid(`Couldn't ${action}: ${Object.values(fields).join(' ')}`, fields);
}
