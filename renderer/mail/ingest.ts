/**
 * The ingest loop: takes the messages the main process fetched, files each on its case through the normal
 * store (`ingestMail`, so it syncs like every change) and only then tells the main process it may flag or move
 * the message. A message whose change could not be committed is handed back, so nothing leaves the mailbox that
 * is not in Desk; the mutator's ids come from the mail's key, so taking a message twice files it once.
 */
import type { DeskApi } from '../../shared/ipc/contract';
import type { InboundDelivery, MailAck } from '../../shared/ipc/mail';
import { type CaseStore, runMutation } from '../db';
import { resolveThread } from './thread';

export type IngestBridge = Pick<DeskApi, 'mailTake' | 'mailAck' | 'onMailWaiting'>;

/** Deliveries taken at once: one bridge message of bounded size, and a batch a slow desk commits quickly. */
export const TAKE_BATCH = 50;
const CHECK_EVERY_MS = 30_000;

/** Files one delivery; the acknowledgement says whether the main process may flag or move it now. */
export async function ingestDelivery(store: CaseStore, delivery: InboundDelivery): Promise<MailAck> {
  const { token, mail } = delivery;
  try {
    const { caseId, outboundMessageId } = await resolveThread(store.db, mail);
    await runMutation(store, 'ingestMail', { mail, caseId, outboundMessageId });
    return { token, committed: true, problem: null };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`Desk could not file the mail "${mail.subject}"`, error);
    return { token, committed: false, problem: message.slice(0, 2000) };
  }
}

/** Takes and files everything waiting; returns how many messages were committed. */
export async function ingestWaiting(store: CaseStore, bridge: IngestBridge): Promise<number> {
  let committed = 0;
  for (;;) {
    const deliveries = await bridge.mailTake(TAKE_BATCH);
    if (deliveries.length === 0) return committed;
    const acks: MailAck[] = [];
    // One at a time: two messages of one thread in a batch must see each other's case.
    for (const delivery of deliveries) acks.push(await ingestDelivery(store, delivery));
    await bridge.mailAck(acks);
    committed += acks.filter((ack) => ack.committed).length;
    // A message handed back is offered again at the next check, not in this same pass.
    if (deliveries.length < TAKE_BATCH || acks.some((ack) => !ack.committed)) return committed;
  }
}

export interface IngestLoopOptions {
  checkEveryMs?: number;
}

/** Starts the loop: now, whenever mail is waiting, and every half minute. Returns the stop. */
export function startMailIngest(
  store: CaseStore,
  bridge: IngestBridge,
  options: IngestLoopOptions = {},
): () => void {
  let stopped = false;
  let running: Promise<void> | null = null;
  let again = false;
  const pass = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = ingestWaiting(store, bridge)
      .then(
        () => {},
        (error: unknown) => console.warn('Desk could not take the waiting mail', error),
      )
      .finally(() => {
        running = null;
        if (again) {
          again = false;
          pass();
        }
      });
  };
  const unsubscribe = bridge.onMailWaiting(({ count }) => {
    if (count > 0) pass();
  });
  const timer = setInterval(pass, options.checkEveryMs ?? CHECK_EVERY_MS);
  pass();
  return () => {
    stopped = true;
    clearInterval(timer);
    unsubscribe();
  };
}
