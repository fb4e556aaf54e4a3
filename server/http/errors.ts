import type { FastifyError, FastifyInstance } from 'fastify';
import type { ErrorBody } from '../../shared/sync';

/** A refusal of the whole request: its status and the sentence the person reads. */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  constructor(
    readonly status: number,
    message: string,
    /** Extra fields of the error body (a push gap's clientId and expectedId). */
    readonly extra: Readonly<Record<string, unknown>> = {},
    /** Response headers (Retry-After). */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }
}

/** Fastify's own refusals, said the way the desk says things. */
const FRAMEWORK_MESSAGES: Readonly<Record<string, string>> = {
  FST_ERR_CTP_INVALID_JSON_BODY: "The request body isn't valid JSON: send a JSON object.",
  FST_ERR_CTP_EMPTY_JSON_BODY: 'The request body is empty: send a JSON object.',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'Send the request body as JSON (Content-Type: application/json).',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: "The request's Content-Length doesn't match its body.",
};

/**
 * Every error leaves as `{"error": "..."}`: refusals with their status, anything unexpected as a 500 that
 * says to try again (and is logged). Bad input never reaches the 500 branch: each route parses what it reads.
 */
export function installErrorHandlers(app: FastifyInstance, bodyLimit: number): void {
  app.setErrorHandler((error: FastifyError | HttpError | Error, request, reply) => {
    if (error instanceof HttpError) {
      reply.headers({ ...error.headers });
      return reply.code(error.status).send({ ...error.extra, error: error.message });
    }
    const status = 'statusCode' in error && typeof error.statusCode === 'number' ? error.statusCode : 500;
    const code = 'code' in error && typeof error.code === 'string' ? error.code : '';
    if (status === 413 || code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return reply.code(413).send({
        error: `The request is larger than this desk server accepts (${Math.floor(bodyLimit / 1024)} KiB): send fewer changes at a time.`,
      } satisfies ErrorBody);
    }
    if (status >= 400 && status < 500) {
      const message = FRAMEWORK_MESSAGES[code] ?? `The request was refused: ${error.message}`;
      return reply.code(status).send({ error: message } satisfies ErrorBody);
    }
    request.log.error({ err: error }, 'request failed');
    return reply
      .code(500)
      .send({ error: 'The desk server ran into a problem: try again in a moment.' } satisfies ErrorBody);
  });
  app.setNotFoundHandler((request, reply) => {
    reply.code(404).send({
      error: `There is no ${request.method} ${request.url.split('?')[0]} on this desk server.`,
    } satisfies ErrorBody);
  });
}

/** A zod failure as one sentence naming each wrong field. */
export function describeIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  const parts = issues.slice(0, 5).map((issue) => {
    const field = issue.path.map(String).join('.');
    return field === '' ? issue.message : `${field}: ${issue.message}`;
  });
  return parts.join('; ');
}
