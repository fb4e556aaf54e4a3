/**
 * Desktop notifications for the person using this desktop. Steps and reports produce notices for everyone
 * they concern; this desktop keeps those addressed to its person and delivers them through the shell's
 * notification service, once each (the person's inbox of sent and held notices is kept in the store's meta,
 * so a reload, a restart or a second window never repeats one) and within their working hours.
 */
import {
  type Delivery,
  deliver,
  EMPTY_INBOX,
  type Inbox,
  type Notice,
  type WorkingHours,
  workingHoursOf,
} from '../../shared/notify';
import type { CaseStore } from '../db';
import type { ContextSource } from './desk-context';

export interface Notifier {
  /** Delivers (or holds) the notices addressed to this desktop's person; others' are ignored here. */
  offer(notices: readonly Notice[]): Promise<void>;
  /** Delivers a held digest once its person is at work. */
  tick(): Promise<void>;
  /** When a held digest is due (epoch ms), or null. */
  wakeAt(): number | null;
  /** Resolves when the deliveries asked for so far are done (tests). */
  idle(): Promise<void>;
}

export interface NotifierOptions {
  store: CaseStore;
  context: ContextSource;
  /** The directory id of the person using this desktop; null when nobody has said who they are. */
  me: () => Promise<string | null>;
  show: (delivery: Delivery) => Promise<void>;
}

const ALWAYS_AT_WORK: WorkingHours = { isAtWork: () => true, nextStart: (t) => t };

export function inboxKey(personId: string): string {
  return `notifications:${personId}`;
}

export function createNotifier(options: NotifierOptions): Notifier {
  const { store } = options;
  const { db } = store;
  let wakeAt: number | null = null;
  // Deliveries run one at a time, apart from the ladder work: waiting for "who am I" never holds up a step.
  let chain: Promise<void> = Promise.resolve();

  const run = (incoming: readonly Notice[]): Promise<void> => {
    chain = chain
      .then(async () => {
        const me = await options.me();
        if (me === null) {
          wakeAt = null;
          return;
        }
        const mine = incoming.filter((notice) => notice.personId === me);
        const context = await options.context.get();
        const person = context.person(me);
        const calendar = person === undefined ? null : context.workingCalendarOf(person);
        const hours = calendar === null ? ALWAYS_AT_WORK : workingHoursOf(calendar);
        const now = store.clock.now().getTime();
        // Read, decide and record in one transaction: two windows never both deliver a notice.
        const result = await db.transaction('rw', db.meta, async () => {
          const stored = await db.meta.get(inboxKey(me));
          const inbox = (stored?.value as Inbox | undefined) ?? EMPTY_INBOX;
          if (mine.length === 0 && inbox.held.length === 0) return null;
          const next = deliver(inbox, mine, hours, now);
          await db.meta.put({ key: inboxKey(me), value: next.inbox });
          return next;
        });
        wakeAt = result?.wakeAt ?? null;
        for (const delivery of result?.deliveries ?? []) {
          try {
            await options.show(delivery);
          } catch (error) {
            console.error('Desk could not show a notification', error);
          }
        }
      })
      .catch((error) => console.error('Desk could not deliver its notifications', error));
    return chain;
  };

  return {
    offer: (notices) => run(notices),
    tick: () => run([]),
    wakeAt: () => wakeAt,
    idle: () => chain,
  };
}
