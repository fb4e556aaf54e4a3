/**
 * The outbound loop: sends the outbound messages that are queued. In a team only one desk sends each message:
 * it claims the row through the desk server (`claimOutbound`) and sends only once the server's row says the
 * claim is its own; standalone it sends at once. A transient failure is tried again after 1, 5, 15 and 60
 * minutes; after the fifth try, or a permanent refusal, the row is `failed` and the case offers retry and
 * "edit and resend". With no mailbox set up the rows stay queued (the status area says why).
 */

import type { DeskApi } from '../../shared/ipc/contract';
import type { PrintableReport } from '../../shared/ipc/export';
import type { MailStatus, SendOutcome } from '../../shared/ipc/mail';
import { OutgoingMail } from '../../shared/mail/schema';
import type { OutboundMessage } from '../../shared/sync';
import { type CaseStore, onCommitted, runMutation } from '../db';
import { threadHeadersOf } from './thread';

export type OutboundBridge = Pick<DeskApi, 'mailSend' | 'mailStatus' | 'onMailStatusChanged'>;

/** The waits between tries; a message that failed after the last one is `failed`. */
export const RETRY_DELAYS_MS: readonly number[] = [60_000, 5 * 60_000, 15 * 60_000, 60 * 60_000];
export const MAX_TRIES = RETRY_DELAYS_MS.length + 1;

/** The mail channel's fields of an outbound row (optional: rows queued before the channel lack them). */
type MailRow = OutboundMessage & {
  inReplyTo?: string | null;
  references?: string[];
  autoSubmitted?: 'auto-replied' | 'auto-generated';
  claimedBy?: string | null;
  attempts?: number;
};

export interface OutboundOptions {
  /** The store syncs with a desk server: claim each message there before sending it. */
  team: boolean;
  /** The PDF's content for a row that carries a scheduled report (`reportRunId`). */
  reportFor?: (row: OutboundMessage) => Promise<PrintableReport | null>;
  /** Real time for the backoff (the app clock may be travelling). */
  now?: () => number;
  /** How often queued rows are looked at when nothing else wakes the loop. */
  checkEveryMs?: number;
}

/** The message as SMTP gets it, checked against the bridge's schema; throws with the reason it is not sendable. */
export function outgoingMailOf(row: OutboundMessage): OutgoingMail {
  const mail = row as MailRow;
  const parsed = OutgoingMail.safeParse({
    outboundId: mail.id,
    messageId: mail.messageId,
    to: mail.to,
    subject: mail.subject,
    text: mail.body,
    inReplyTo: mail.inReplyTo ?? null,
    references: mail.references ?? [],
    autoSubmitted: mail.autoSubmitted ?? (mail.reportRunId ? 'auto-generated' : 'no'),
    attachments: [],
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`This message can't be sent as it is (${issue?.path.join('.')}: ${issue?.message}).`);
  }
  return parsed.data;
}

/** A mailbox set up and switched on: switched off, queued replies wait rather than spend their tries. */
function canSend(status: MailStatus): boolean {
  return status.configured && status.state !== 'off';
}

/** What to record after a try: sent, failed for good, or queued again until `retryAt`. */
export type TryOutcome =
  | { status: 'sent' }
  | { status: 'failed'; error: string; permanent: boolean }
  | { status: 'queued'; error: string; retryAt: number };

/** The decision after try number `tries` (1-based) ended with `outcome`. */
export function afterTry(outcome: SendOutcome, tries: number, now: number): TryOutcome {
  if (outcome.ok) return { status: 'sent' };
  if (outcome.permanent) return { status: 'failed', error: outcome.message, permanent: true };
  const delay = RETRY_DELAYS_MS[tries - 1];
  if (delay === undefined) {
    return {
      status: 'failed',
      error: `${outcome.message} (gave up after ${tries} tries)`,
      permanent: false,
    };
  }
  return { status: 'queued', error: outcome.message, retryAt: now + delay };
}

/** Starts the loop on the store; returns the stop. */
export function startOutbound(
  store: CaseStore,
  bridge: OutboundBridge,
  options: OutboundOptions,
): () => void {
  const now = options.now ?? Date.now;
  let stopped = false;
  let configured = false;
  let running: Promise<void> | null = null;
  let again = false;
  let wake: ReturnType<typeof setTimeout> | null = null;
  /** Per message: how many tries failed and when the next may start (kept for the app's session). */
  const tries = new Map<string, { failed: number; retryAt: number }>();
  /** Rows this loop is sending now; any other row found `sending` (standalone) was cut short by a restart. */
  const inFlight = new Set<string>();

  const sendOne = async (row: MailRow) => {
    inFlight.add(row.id);
    try {
      let mail: OutgoingMail;
      try {
        // A reply queued without its thread's headers (by an older desk) gets them from the case's timeline.
        const threaded =
          row.inReplyTo === undefined && row.caseId !== null
            ? { ...row, ...(await threadHeadersOf(store.db, row.caseId, row.createdAt, row.messageId)) }
            : row;
        mail = outgoingMailOf(threaded);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        await runMutation(store, 'markOutbound', {
          id: row.id,
          status: 'failed',
          error: message,
          permanent: true,
        });
        return;
      }
      // Counts the try (a team's claim counted it already, and then this changes nothing).
      await runMutation(store, 'markOutbound', { id: row.id, status: 'sending' });
      const counted = (await store.db.outboundMessages.get(row.id)) as MailRow | undefined;
      const tryNumber = Math.max(counted?.attempts ?? 0, (tries.get(row.id)?.failed ?? 0) + 1);
      let outcome: SendOutcome;
      try {
        const report = row.reportRunId && options.reportFor ? await options.reportFor(row) : null;
        outcome = await bridge.mailSend({ mail, report });
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        outcome = {
          ok: false,
          permanent: false,
          message: `Desk could not reach the mail service: ${message}`,
        };
      }
      const next = afterTry(outcome, tryNumber, now());
      if (next.status === 'sent') {
        tries.delete(row.id);
        await runMutation(store, 'markOutbound', { id: row.id, status: 'sent' });
      } else if (next.status === 'failed') {
        tries.delete(row.id);
        await runMutation(store, 'markOutbound', {
          id: row.id,
          status: 'failed',
          error: next.error,
          permanent: next.permanent,
        });
      } else {
        tries.set(row.id, { failed: tryNumber, retryAt: next.retryAt });
        await runMutation(store, 'markOutbound', { id: row.id, status: 'queued', error: next.error });
      }
    } finally {
      inFlight.delete(row.id);
    }
  };

  /** Team: the server's own row says this desk holds the claim (no change of ours is pending on it). */
  const claimConfirmed = async (row: MailRow) =>
    row.claimedBy === store.clientId &&
    (await store.db.shadow.get(`outboundMessages:${row.id}`)) === undefined;

  /** Whether to send the row now; in a team, an unclaimed row is claimed first (and sent once confirmed). */
  const sendable = async (row: MailRow): Promise<boolean> => {
    if (inFlight.has(row.id)) return false;
    const backoff = tries.get(row.id);
    if (backoff && backoff.retryAt > now()) return false;
    if (!options.team) return true;
    if (row.status === 'queued' && (row.claimedBy === undefined || row.claimedBy === null)) {
      await runMutation(store, 'claimOutbound', { id: row.id });
      return false;
    }
    return row.status === 'sending' && (await claimConfirmed(row));
  };

  const pass = async () => {
    const rows = (await store.db.outboundMessages
      .where('status')
      .anyOf(['queued', 'sending'])
      .toArray()) as MailRow[];
    rows.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    for (const row of rows) {
      if (stopped) return;
      try {
        if (await sendable(row)) await sendOne(row);
      } catch (error) {
        console.error(`Desk could not send the message "${row.subject}"`, error);
      }
    }
    schedule();
  };

  /** Wakes the loop when the earliest backoff ends. */
  const schedule = () => {
    if (wake) clearTimeout(wake);
    wake = null;
    const soonest = Math.min(...[...tries.values()].map((t) => t.retryAt));
    if (Number.isFinite(soonest)) wake = setTimeout(run, Math.max(0, soonest - now()));
  };

  const run = () => {
    if (stopped || !configured) return;
    if (running) {
      again = true;
      return;
    }
    running = pass()
      .catch((error: unknown) => console.error('Desk could not look at the outgoing mail', error))
      .finally(() => {
        running = null;
        if (again) {
          again = false;
          run();
        }
      });
  };

  const setConfigured = (value: boolean) => {
    const before = configured;
    configured = value;
    if (value && !before) run();
  };
  const unwatchStatus = bridge.onMailStatusChanged((status) => setConfigured(canSend(status)));
  bridge.mailStatus().then(
    (status) => setConfigured(canSend(status)),
    (error: unknown) => console.warn('Desk could not read the mailbox status', error),
  );
  const unwatchStore = onCommitted(store, (change) => {
    if (change.changes.some((c) => c.table === 'outboundMessages')) run();
  });
  const timer = setInterval(run, options.checkEveryMs ?? 60_000);
  return () => {
    stopped = true;
    clearInterval(timer);
    if (wake) clearTimeout(wake);
    unwatchStatus();
    unwatchStore();
  };
}
