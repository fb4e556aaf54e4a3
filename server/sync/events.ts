/**
 * `GET /v1/events`: one server-sent-events stream per signed-in app. Every process LISTENs on the changes
 * channel, so a commit through any process pokes the streams of all of them; each stream is poked only when its
 * person may see what changed (or just lost it).
 */
import type { FastifyBaseLogger, FastifyReply } from 'fastify';
import type { Policy } from '../../shared/policies';
import { EVENTS_KEEPALIVE_MS, type PokeData } from '../../shared/sync';
import { type AuthDeps, type Caller, sessionCaller } from '../auth/sessions';
import type { Db } from '../db/port';
import { loadCaseAccess, loadPolicies, maySee } from './access';
import { CHANGES_CHANNEL, type ChangeNotice, parseNotice } from './notices';
import { currentVersion } from './store';

interface Stream {
  caller: Caller;
  readonly reply: FastifyReply;
  readonly keepalive: NodeJS.Timeout;
}

export interface PokeHub {
  /** Takes over the response and keeps it open as the caller's event stream. */
  open(reply: FastifyReply, caller: Caller): Promise<void>;
  /** Ends every stream (shutdown) and stops listening. */
  close(): Promise<void>;
  readonly size: number;
}

export async function startPokeHub(
  deps: AuthDeps & { readonly db: Db; readonly log: FastifyBaseLogger; readonly keepaliveMs?: number },
): Promise<PokeHub> {
  const streams = new Set<Stream>();
  let policies: Policy[] = await loadPolicies(deps.db);
  let queue = Promise.resolve();
  const stopListening = await deps.db.listen(CHANGES_CHANNEL, (payload) => {
    const notice = parseNotice(payload);
    if (notice === null) return;
    // One notice at a time, so pokes leave in version order.
    queue = queue.then(() => deliver(notice)).catch((error) => deps.log.error({ err: error }, 'poke failed'));
  });

  async function deliver(notice: ChangeNotice): Promise<void> {
    if (streams.size === 0) return;
    if (notice.directory) policies = await loadPolicies(deps.db);
    if (notice.directory || notice.sessionsEnded) await recheckSessions();
    if (notice.cases === undefined && !notice.open && notice.lost === undefined) return;
    const cases = notice.open ? new Map() : await loadCaseAccess(deps.db, notice.cases ?? []);
    const lost = new Set(notice.lost ?? []);
    for (const stream of streams) {
      const person = stream.caller.person;
      const concerned =
        notice.open === true ||
        lost.has(person.id) ||
        [...cases.values()].some((c) => maySee(person, c, policies));
      if (concerned) poke(stream, notice.v);
    }
  }

  async function recheckSessions(): Promise<void> {
    for (const stream of [...streams]) {
      const caller = await sessionCaller(deps, stream.caller.tokenHash);
      if (caller === null) end(stream);
      else stream.caller = caller;
    }
  }

  function poke(stream: Stream, version: number): void {
    const data: PokeData = { version };
    stream.reply.raw.write(`event: poke\ndata: ${JSON.stringify(data)}\n\n`);
  }

  function end(stream: Stream): void {
    clearInterval(stream.keepalive);
    streams.delete(stream);
    stream.reply.raw.end();
  }

  return {
    get size() {
      return streams.size;
    },
    async open(reply, caller) {
      reply.hijack();
      reply.raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      const keepalive = setInterval(
        () => reply.raw.write(': keepalive\n\n'),
        deps.keepaliveMs ?? EVENTS_KEEPALIVE_MS,
      );
      const stream: Stream = { caller, reply, keepalive };
      streams.add(stream);
      reply.raw.on('close', () => {
        clearInterval(keepalive);
        streams.delete(stream);
      });
      // Where the desk is now, so an app that reconnects pulls what it missed.
      poke(stream, await currentVersion(deps.db));
    },
    async close() {
      await stopListening();
      for (const stream of [...streams]) end(stream);
      await queue;
    },
  };
}
