/**
 * One person's notifications: each notice is delivered once, and only while the person is at work. What
 * arises outside their working hours waits, and is delivered as ONE digest when their next working period
 * starts (or, when the app was closed then, as soon as it runs again in working time).
 */
import type { CompiledCalendar } from '../sla/calendar-types';
import { isWorkingTimeMs, nextWorkingInstant } from '../sla/duration';

/** Something to tell one person. Its id says what it is about and for whom, so it is told once. */
export interface Notice {
  /** `noticeId(sourceId, personId)`. */
  id: string;
  personId: string;
  title: string;
  body: string;
  /** When it arose (epoch ms). */
  at: number;
  /** The app route that shows what it is about ("escalations/manager"). */
  route: string;
}

/** The notice id for a source (an escalation step id, a report run id) told to one person. */
export function noticeId(sourceId: string, personId: string): string {
  return `${sourceId}@${personId}`;
}

/** What has been told (notice id -> when) and what waits for the next working period. */
export interface Inbox {
  sent: Record<string, number>;
  held: Notice[];
}

export const EMPTY_INBOX: Inbox = { sent: {}, held: [] };

/** One desktop notification: a single notice, or a digest of several. */
export interface Delivery {
  /** The notification tag: the same delivery is shown once by the shell too. */
  tag: string;
  title: string;
  body: string;
  route: string;
  noticeIds: string[];
  digest: boolean;
}

export interface InboxResult {
  inbox: Inbox;
  deliveries: Delivery[];
  /** When held notices are due as a digest (the start of the next working period), or null. */
  wakeAt: number | null;
}

/** When a person is at work, and when they are next. */
export interface WorkingHours {
  isAtWork(t: number): boolean;
  nextStart(t: number): number;
}

/**
 * A minute's grace after each working period closes: the presets' steps fall due at close of business
 * ("day 2" ends at 17:00), and the person is still at their desk to see them.
 */
const CLOSING_GRACE_MS = 60_000;

export function workingHoursOf(calendar: CompiledCalendar): WorkingHours {
  return {
    isAtWork: (t) => isWorkingTimeMs(calendar, t) || isWorkingTimeMs(calendar, t - CLOSING_GRACE_MS),
    nextStart: (t) => nextWorkingInstant(calendar, t),
  };
}

export interface DeliverOptions {
  /** More new notices than this at once are told as one summary, not a burst of notifications. Default 3. */
  burst?: number;
  /** How long a delivered notice is remembered (its id refused again). Default 120 days. */
  keepMs?: number;
}

/**
 * Delivers `incoming` notices to their person at `now`: new ones only (an id told or waiting already is
 * dropped), one notification each while the person is at work, held for the digest otherwise. Held
 * notices go out as one digest as soon as `now` is in working time.
 */
export function deliver(
  inbox: Inbox,
  incoming: readonly Notice[],
  hours: WorkingHours,
  now: number,
  options: DeliverOptions = {},
): InboxResult {
  const burst = options.burst ?? 3;
  const keepMs = options.keepMs ?? 120 * 86_400_000;
  const known = new Set([...Object.keys(inbox.sent), ...inbox.held.map((n) => n.id)]);
  const fresh: Notice[] = [];
  for (const notice of incoming) {
    if (known.has(notice.id)) continue;
    known.add(notice.id);
    fresh.push(notice);
  }

  const sent: Record<string, number> = {};
  for (const [id, at] of Object.entries(inbox.sent)) if (at > now - keepMs) sent[id] = at;

  if (!hours.isAtWork(now)) {
    const held = [...inbox.held, ...fresh];
    return { inbox: { sent, held }, deliveries: [], wakeAt: held.length > 0 ? hours.nextStart(now) : null };
  }

  const deliveries: Delivery[] = [];
  if (inbox.held.length > 0) deliveries.push(digest(inbox.held, now, 'away'));
  if (fresh.length > burst) deliveries.push(digest(fresh, now, 'burst'));
  else for (const notice of fresh) deliveries.push(single(notice));
  for (const delivery of deliveries) for (const id of delivery.noticeIds) sent[id] = now;
  return { inbox: { sent, held: [] }, deliveries, wakeAt: null };
}

function single(notice: Notice): Delivery {
  return {
    tag: `notice:${notice.id}`,
    title: notice.title,
    body: notice.body,
    route: notice.route,
    noticeIds: [notice.id],
    digest: false,
  };
}

const SHOWN_IN_DIGEST = 6;
const MAX_BODY = 1000;

function digest(notices: readonly Notice[], now: number, why: 'away' | 'burst'): Delivery {
  const sorted = [...notices].sort((a, b) => a.at - b.at);
  const lines = sorted.slice(0, SHOWN_IN_DIGEST).map((n) => `• ${n.title}`);
  if (sorted.length > SHOWN_IN_DIGEST) lines.push(`…and ${sorted.length - SHOWN_IN_DIGEST} more.`);
  let body = lines.join('\n');
  if (body.length > MAX_BODY) body = `${body.slice(0, MAX_BODY - 1)}…`;
  const routes = new Set(sorted.map((n) => n.route));
  const count = `${sorted.length} ${sorted.length === 1 ? 'notice' : 'notices'}`;
  return {
    tag: `digest:${sorted[0]!.personId}:${now}`,
    title: why === 'away' ? `${count} from outside your working hours` : `${count} for you`,
    body,
    route: routes.size === 1 ? sorted[0]!.route : 'escalations',
    noticeIds: sorted.map((n) => n.id),
    digest: true,
  };
}
