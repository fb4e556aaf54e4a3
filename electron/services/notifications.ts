/**
 * Desktop notifications with de-duplication by tag: many rules (and many desktops' syncs) may ask to announce the
 * same breach; the person sees it once. The platform's notification API comes in through `NotificationPort`.
 */
import type { DeskNotification, NotificationOutcome } from '../../shared/ipc/schemas';

export interface NotificationPort {
  isSupported(): boolean;
  show(notification: { title: string; body: string }, onClick: () => void): void;
}

export interface Notifier {
  show(notification: DeskNotification): NotificationOutcome;
}

export interface NotifierOptions {
  port: NotificationPort;
  isEnabled: () => boolean;
  onClick: (tag: string | null) => void;
  now?: () => number;
  /** A tag shown within this window is not shown again. */
  dedupeMs?: number;
  /** Oldest tags are forgotten past this many. */
  maxTags?: number;
}

export function createNotifier(options: NotifierOptions): Notifier {
  const {
    port,
    isEnabled,
    onClick,
    now = Date.now,
    dedupeMs = 24 * 60 * 60 * 1000,
    maxTags = 1000,
  } = options;
  /** tag -> when it was shown; Map keeps insertion order, so the first key is the oldest. */
  const shownAt = new Map<string, number>();

  return {
    show({ title, body, tag }) {
      if (!isEnabled()) return { status: 'disabled' };
      if (!port.isSupported()) return { status: 'unsupported' };
      const at = now();
      if (tag !== undefined) {
        const previous = shownAt.get(tag);
        if (previous !== undefined && at - previous < dedupeMs) return { status: 'duplicate' };
        shownAt.delete(tag);
        shownAt.set(tag, at);
        while (shownAt.size > maxTags) shownAt.delete(shownAt.keys().next().value!);
      }
      port.show({ title, body }, () => onClick(tag ?? null));
      return { status: 'shown' };
    },
  };
}
