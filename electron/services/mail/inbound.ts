/**
 * The desk mailbox, inbound: one IMAP connection that opens the folder, catches up by UID on every (re)connect,
 * then waits in IDLE for new mail. Each new message is fetched with its INTERNALDATE, read by the parser and kept
 * in a queue for the renderer, which commits it to the case store and acknowledges it. Only a committed message is
 * flagged (`$DeskIngested` and \Seen) or moved to the processed folder; one not committed is offered again later.
 * Nothing is ever deleted from the mailbox.
 *
 * Progress survives restarts as {UIDVALIDITY, highest UID below which all is processed}. A message above that mark
 * that already carries `$DeskIngested` is skipped, so a restart offers only what was not committed, and a new
 * UIDVALIDITY re-scans every unflagged message (ingestion is idempotent by the mail's key: no duplicates).
 */
import type { ImapFlow } from 'imapflow';
import type { InboundDelivery, MailAck, MailState } from '../../../shared/ipc/mail';
import type { InboundMail, MailboxSettings } from '../../../shared/mail/schema';
import type { Logger } from '../log';
import { imapClient } from './connect';
import { describeMailFailure, type MailFailure } from './failures';
import { folderKey, type ProgressStore } from './progress';
import type { BlobSink, ReadMail } from './types';

/** The keyword that marks a message as in Desk; the re-scan after a UIDVALIDITY change skips these. */
export const INGESTED_KEYWORD = '$DeskIngested';

export interface InboundOptions {
  settings: MailboxSettings;
  password: string | null;
  readMail: ReadMail;
  blobs: BlobSink;
  progress: ProgressStore;
  log: Logger;
  onState(state: MailState, lastError: string | null): void;
  /** New deliveries wait (the count now waiting). */
  onWaiting(count: number): void;
  /** Fetched and unacknowledged messages held at most (default 200): more are fetched as these are acknowledged. */
  maxWaiting?: number;
  /** Reconnect backoff: first and longest wait (default 1 s and 5 minutes), jittered. */
  backoff?: { firstMs: number; maxMs: number };
  /** A message not committed is offered again after this long (default 15 s). */
  retakeAfterMs?: number;
  /** A new look at the folder even without an IDLE notice (default 5 minutes): some servers drop IDLE silently. */
  pollMs?: number;
  connectMs?: number;
  now?: () => number;
}

export interface Inbound {
  take(max: number): InboundDelivery[];
  ack(acks: readonly MailAck[]): Promise<void>;
  waiting(): number;
  close(): Promise<void>;
}

interface Entry {
  uid: number;
  mail: InboundMail;
  /** Not offered before this time (a delivery the renderer could not commit). */
  offerAfter: number;
}

const FETCH_CHUNK = 50;

export function startInbound(options: InboundOptions): Inbound {
  const { settings, log } = options;
  const maxWaiting = options.maxWaiting ?? 200;
  const backoff = options.backoff ?? { firstMs: 1_000, maxMs: 5 * 60_000 };
  const retakeAfterMs = options.retakeAfterMs ?? 15_000;
  const pollMs = options.pollMs ?? 5 * 60_000;
  const now = options.now ?? Date.now;
  const key = folderKey({ ...settings.imap });
  const where = {
    protocol: 'IMAP',
    host: settings.imap.host,
    port: settings.imap.port,
    user: settings.imap.user,
  };

  let client: ImapFlow | null = null;
  let closing = false;
  let attempt = 0;
  let reconnectTimer: NodeJS.Timeout | null = null;
  let pollTimer: NodeJS.Timeout | null = null;
  /** Every IMAP conversation runs in turn on this chain (imapflow must not be re-entered from a fetch). */
  let chain: Promise<void> = Promise.resolve();

  let uidValidity: string | null = null;
  /** Every message at or below this UID is processed (persisted). */
  let processedUid = 0;
  /** The highest UID fetched (or skipped as already processed) this session. */
  let fetchedUid = 0;
  /** Waiting for the renderer, by token, oldest first. */
  const queue = new Map<string, Entry>();
  /** Committed by the renderer, not yet flagged or moved (the connection may be away). */
  const committed = new Map<number, InboundMail['kind']>();
  /** UIDs fetched and not yet flagged: the persisted mark stays below the lowest of them. */
  const open = new Set<number>();

  const tokenOf = (uid: number) => `${uidValidity}.${uid}`;

  const run = (task: () => Promise<void>): Promise<void> => {
    const next = chain.then(task, task);
    chain = next.catch((error: unknown) => {
      if (!closing)
        log.warn(`Mailbox task failed: ${error instanceof Error ? error.message : String(error)}`);
    });
    return chain;
  };

  const saveProgress = () => {
    if (uidValidity === null) return;
    const lowestOpen = open.size === 0 ? Number.POSITIVE_INFINITY : Math.min(...open);
    const mark = Math.max(processedUid, Math.min(fetchedUid, lowestOpen - 1));
    if (mark === processedUid && options.progress.get(key)?.uidValidity === uidValidity) return;
    processedUid = mark;
    options.progress.set(key, { uidValidity, processedUid });
  };

  const connect = async () => {
    if (closing) return;
    options.onState('connecting', null);
    const next = imapClient(settings, options.password, {
      ...(options.connectMs ? { connectMs: options.connectMs } : {}),
    });
    next.on('error', (error: Error) => log.debug(`IMAP: ${error.message}`));
    try {
      await next.connect();
      const box = await next.mailboxOpen(settings.imap.folder);
      openFolder(String(box.uidValidity));
    } catch (error) {
      next.close();
      lost(describeMailFailure(error, { ...where, folder: settings.imap.folder }));
      return;
    }
    if (closing) {
      await next.logout().catch(() => next.close());
      return;
    }
    client = next;
    attempt = 0;
    next.on('close', () => {
      if (client !== next) return;
      client = null;
      lost({
        stage: 'other',
        message: `The connection to the IMAP server ${where.host}:${where.port} was lost.`,
      });
    });
    next.on('exists', () => void run(fetchNew));
    log.info(
      `Watching "${settings.imap.folder}" on ${where.host}:${where.port} (from UID ${processedUid + 1}).`,
    );
    await flagCommitted();
    await fetchNew();
  };

  const openFolder = (current: string) => {
    const stored = options.progress.get(key);
    if (uidValidity !== null && uidValidity !== current) {
      log.warn(
        `The folder's UIDVALIDITY changed (${uidValidity} → ${current}): re-scanning unflagged messages.`,
      );
    } else if (stored && stored.uidValidity !== current && uidValidity === null) {
      log.warn(
        `The folder's UIDVALIDITY changed (${stored.uidValidity} → ${current}): re-scanning unflagged messages.`,
      );
    }
    if (uidValidity !== current) {
      // Tokens and UIDs of the old numbering mean nothing now; unflagged messages are simply offered again.
      const same = stored?.uidValidity === current;
      queue.clear();
      committed.clear();
      open.clear();
      uidValidity = current;
      processedUid = same ? (stored?.processedUid ?? 0) : 0;
      fetchedUid = processedUid;
      options.progress.set(key, { uidValidity, processedUid });
    }
  };

  const lost = (failure: MailFailure) => {
    if (closing) return;
    const delay = nextDelay();
    const again = `Trying again in ${Math.max(1, Math.round(delay / 1000))} s.`;
    const state: MailState = ['login', 'folder', 'tls', 'dns'].includes(failure.stage) ? 'failed' : 'offline';
    log.warn(`${failure.message} ${again}`);
    options.onState(state, `${failure.message} ${again}`);
    if (reconnectTimer) clearTimeout(reconnectTimer);
    reconnectTimer = setTimeout(() => {
      reconnectTimer = null;
      void run(connect);
    }, delay);
  };

  const nextDelay = () => {
    const base = Math.min(backoff.maxMs, backoff.firstMs * 2 ** attempt);
    attempt = Math.min(attempt + 1, 30);
    // ±25 % so desks that lost the server together do not come back together.
    return Math.round(base * (0.75 + Math.random() * 0.5));
  };

  /**
   * Fetches what is new, one batch per turn on the chain (so acknowledgements are flagged between batches), up to
   * the queue's room: source and INTERNALDATE, read by the parser. Schedules the next batch while more wait.
   */
  const fetchNew = async () => {
    const imap = client;
    if (imap === null || closing) return;
    if (queue.size >= maxWaiting) return;
    options.onState('fetching', null);
    try {
      const found = await imap.search(
        { uid: `${fetchedUid + 1}:*`, unKeyword: INGESTED_KEYWORD },
        { uid: true },
      );
      // `n:*` always includes the highest UID, even one below n.
      const uids = (found || [])
        .filter((uid) => uid > fetchedUid && !committed.has(uid))
        .sort((a, b) => a - b);
      if (uids.length === 0) {
        // Everything up to the folder's end is processed or waiting.
        const last = imap.mailbox ? imap.mailbox.uidNext - 1 : fetchedUid;
        fetchedUid = Math.max(fetchedUid, last);
      } else {
        const batch = uids.slice(0, Math.min(FETCH_CHUNK, maxWaiting - queue.size));
        const added = await fetchBatch(imap, batch);
        if (added > 0) options.onWaiting(queue.size);
        if (uids.length > batch.length && queue.size < maxWaiting) void run(fetchNew);
      }
      saveProgress();
      if (client === imap) options.onState('watching', null);
    } catch (error) {
      if (client !== imap || closing) return;
      throw error;
    }
  };

  const fetchBatch = async (imap: ImapFlow, batch: number[]): Promise<number> => {
    const messages = await imap.fetchAll(
      batch.join(','),
      { uid: true, internalDate: true, source: true },
      { uid: true },
    );
    messages.sort((a, b) => a.uid - b.uid);
    let added = 0;
    for (const message of messages) {
      if (message.uid <= fetchedUid) continue;
      const receivedAt = message.internalDate ? new Date(message.internalDate) : new Date(now());
      const raw = message.source ?? Buffer.alloc(0);
      const mail = await options.readMail(new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength), {
        mailbox: settings.deskAddress,
        receivedAt,
        blobs: options.blobs,
      });
      queue.set(tokenOf(message.uid), { uid: message.uid, mail, offerAfter: 0 });
      open.add(message.uid);
      fetchedUid = message.uid;
      added++;
    }
    // A UID that vanished between search and fetch (expunged by someone else) is simply passed.
    fetchedUid = Math.max(fetchedUid, batch[batch.length - 1] ?? fetchedUid);
    return added;
  };

  /** Flags (and moves) what the renderer committed; on a lost connection they wait for the next one. */
  const flagCommitted = async () => {
    const imap = client;
    if (imap === null || committed.size === 0) return;
    // Bulk mail Desk did not make a case of stays unread for people; the keyword alone keeps Desk off it.
    const leaveUnread = (kind: InboundMail['kind']) => kind === 'bulk' && !settings.bulkMakesCases;
    const read = [...committed].filter(([, kind]) => !leaveUnread(kind)).map(([uid]) => uid);
    const unread = [...committed].filter(([, kind]) => leaveUnread(kind)).map(([uid]) => uid);
    if (read.length > 0) await imap.messageFlagsAdd(read, [INGESTED_KEYWORD, '\\Seen'], { uid: true });
    if (unread.length > 0) await imap.messageFlagsAdd(unread, [INGESTED_KEYWORD], { uid: true });
    if (settings.afterIngest === 'move' && read.length > 0) {
      await ensureFolder(imap, settings.processedFolder);
      await imap.messageMove(read, settings.processedFolder, { uid: true });
    }
    for (const uid of [...read, ...unread]) {
      committed.delete(uid);
      open.delete(uid);
    }
    saveProgress();
  };

  const schedulePoll = () => {
    pollTimer = setInterval(() => {
      if (client !== null) void run(fetchNew);
    }, pollMs);
    pollTimer.unref?.();
  };

  void run(connect);
  schedulePoll();

  return {
    take(max) {
      const at = now();
      const out: InboundDelivery[] = [];
      for (const [token, entry] of queue) {
        if (out.length >= max) break;
        if (entry.offerAfter <= at) out.push({ token, mail: entry.mail });
      }
      return out;
    },
    async ack(acks) {
      let any = false;
      for (const ack of acks) {
        const entry = queue.get(ack.token);
        if (entry === undefined) continue;
        if (ack.committed) {
          queue.delete(ack.token);
          committed.set(entry.uid, entry.mail.kind);
          any = true;
        } else {
          entry.offerAfter = now() + retakeAfterMs;
          log.warn(
            `A message was not taken into the case store (${ack.problem ?? 'no reason given'}); it is offered again later.`,
          );
        }
      }
      if (!any) return;
      await run(flagCommitted);
      // More is fetched in the background: the renderer gets on with what waits.
      void run(fetchNew);
    },
    waiting: () => queue.size,
    async close() {
      closing = true;
      if (reconnectTimer) clearTimeout(reconnectTimer);
      if (pollTimer) clearInterval(pollTimer);
      const imap = client;
      client = null;
      await chain;
      if (imap) await imap.logout().catch(() => imap.close());
    },
  };
}

async function ensureFolder(imap: ImapFlow, folder: string): Promise<void> {
  const list = await imap.list();
  if (list.some((box) => box.path === folder)) return;
  await imap.mailboxCreate(folder);
}
