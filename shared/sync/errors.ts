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

/**
 * What to tell a person when a value fails a schema that gave no message of its own: the one place a schema
 * library's wording ("Too big: expected string to have <=50000 characters") becomes a sentence ("Keep it under
 * 50,000 characters."). Pass it as the `error` of a parse; a schema's own message still wins.
 */
export function humanIssueMessage(issue: $ZodRawIssue): string {
  switch (issue.code) {
    case 'too_big':
      if (issue.origin === 'string') return `Keep it under ${count(issue.maximum)} characters.`;
      if (issue.origin === 'array' || issue.origin === 'set')
        return `Choose at most ${count(issue.maximum)}.`;
      return `Give a number up to ${count(issue.maximum)}.`;
    case 'too_small':
      if (issue.origin === 'string')
        return Number(issue.minimum) <= 1
          ? 'Please fill this in.'
          : `Write at least ${count(issue.minimum)} characters.`;
      if (issue.origin === 'array' || issue.origin === 'set')
        return `Choose at least ${count(issue.minimum)}.`;
      return `Give a number of at least ${count(issue.minimum)}.`;
    case 'invalid_type':
      return issue.input === undefined || issue.input === null
        ? 'Please fill this in.'
        : 'That answer isn’t the kind this field takes.';
    case 'invalid_format':
      if (issue.format === 'email') return 'That email address doesn’t look right (name@example.ac.uk).';
      if (issue.format === 'url') return 'That link doesn’t look right (https://…).';
      if (issue.format === 'datetime' || issue.format === 'date') return 'That date doesn’t look right.';
      return 'That doesn’t look right: check what you typed.';
    case 'invalid_value':
      return 'Choose one of the options offered.';
    case 'unrecognized_keys':
      return 'This form has answers Desk doesn’t recognise: reload and try again.';
    default:
      return 'That doesn’t look right: check what you typed.';
  }
}

/** "requester.email" → "Email", "desired-remedy" → "Desired remedy": a field as the summary names it. */
function fieldWords(key: string): string {
  const last = key.split('.').at(-1) ?? key;
  const words = last
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/[-_]+/g, ' ')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** One message per field, first issue wins; the summary lists them in the form's order. */
export function fromZodError(error: z.ZodError, action: string): MutationError {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.') || '(input)';
    fields[key] ??= issue.message;
  }
  const list = Object.entries(fields).map(([field, message]) =>
    field === '(input)'
      ? message
      : `${fieldWords(field)}: ${message.charAt(0).toLowerCase()}${message.slice(1)}`,
  );
  return invalid(`Couldn't ${action}: ${list.join(' ')}`, fields);
}
