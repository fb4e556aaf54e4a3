/** Parsing at the edges of the bridge: used by every transport (Electron IPC, the browser host's socket). */
import { z } from 'zod';
import {
  type DeskHandlers,
  type EventName,
  type EventPayload,
  events,
  type MethodName,
  type MethodResult,
  methods,
  type ParsedArgs,
} from './contract';

/** A call or event whose payload does not match the contract; the message says which field and why. */
export class BridgeValidationError extends Error {
  override readonly name = 'BridgeValidationError';
}

function explain(error: z.ZodError): string {
  return z.prettifyError(error).replaceAll('\n', ' ');
}

export function parseArgs<M extends MethodName>(method: M, raw: readonly unknown[]): ParsedArgs<M> {
  const parsed = methods[method].args.safeParse(raw, {
    error: (issue) => {
      if ((issue.path ?? []).length > 0) return undefined;
      if (issue.code === 'too_small')
        return `expected at least ${issue.minimum} arguments, got ${raw.length}`;
      if (issue.code === 'too_big') return `expected at most ${issue.maximum} arguments, got ${raw.length}`;
      return undefined;
    },
  });
  if (!parsed.success) {
    throw new BridgeValidationError(`desk.${method}: invalid arguments: ${explain(parsed.error)}`);
  }
  // The tuple schema of `methods[M]` is what ParsedArgs<M> is derived from; TS cannot correlate a generic key.
  return parsed.data as ParsedArgs<M>;
}

export function parseResult<M extends MethodName>(method: M, raw: unknown): MethodResult<M> {
  const parsed = methods[method].result.safeParse(raw);
  if (!parsed.success) {
    throw new BridgeValidationError(
      `desk.${method}: the shell returned an invalid result: ${explain(parsed.error)}`,
    );
  }
  return parsed.data as MethodResult<M>;
}

export function parseEvent<E extends EventName>(event: E, raw: unknown): EventPayload<E> {
  const parsed = events[event].safeParse(raw);
  if (!parsed.success) {
    throw new BridgeValidationError(`desk event ${event}: invalid payload: ${explain(parsed.error)}`);
  }
  return parsed.data as EventPayload<E>;
}

/** Parse the arguments, run the handler, parse its result: the whole of a call once the sender is trusted. */
export async function dispatch<M extends MethodName>(
  handlers: DeskHandlers,
  method: M,
  raw: readonly unknown[],
): Promise<MethodResult<M>> {
  const args = parseArgs(method, raw);
  const handler: (...args: ParsedArgs<M>) => unknown = handlers[method];
  return parseResult(method, await handler(...args));
}
