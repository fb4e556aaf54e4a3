import type { z } from 'zod';
import { describeIssues, HttpError } from './errors';

/** Parses what a request carries with its shared schema; a wrong shape is a 400 naming the fields. */
export function parseRequest<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value ?? {});
  if (!parsed.success) {
    throw new HttpError(
      400,
      `The request is not what this desk server expects: ${describeIssues(parsed.error.issues)}.`,
    );
  }
  return parsed.data;
}

/**
 * JSON bodies, refusing NUL characters: PostgreSQL can't store them in text, and no desk text needs one.
 * Malformed JSON is a 400.
 */
export function parseJsonBody(body: string): unknown {
  try {
    if (!body.includes('\\u0000')) return JSON.parse(body);
    return JSON.parse(body, (_key, value) => {
      if (typeof value === 'string' && value.includes('\0')) throw new NulFound();
      if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
        for (const key of Object.keys(value)) if (key.includes('\0')) throw new NulFound();
      }
      return value;
    });
  } catch (error) {
    if (error instanceof NulFound) {
      throw new HttpError(400, "Text can't contain NUL characters (\\u0000): remove them, then try again.");
    }
    throw new HttpError(400, "The request body isn't valid JSON: send a JSON object.");
  }
}

class NulFound extends Error {}

/** A query string value with a NUL character is refused the same way. */
export function refuseNul(values: Record<string, unknown>): void {
  for (const value of Object.values(values)) {
    if (typeof value === 'string' && value.includes('\0')) {
      throw new HttpError(400, "Text can't contain NUL characters (\\u0000): remove them, then try again.");
    }
  }
}
