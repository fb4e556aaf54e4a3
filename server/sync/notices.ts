/**
 * What a commit tells every server process (PostgreSQL NOTIFY on one channel), so each can poke exactly the
 * people who may see the change: `open` when anything everyone sees changed, else the confidential cases
 * touched and the people who just lost access to them.
 */
import { z } from 'zod';

export const CHANGES_CHANNEL = 'desk_changes';

export const ChangeNotice = z.object({
  /** The version the commit reached. */
  v: z.number().int().nonnegative(),
  /** Something every signed-in person may see changed. */
  open: z.boolean().optional(),
  /** People, teams or policies changed: who may see what may have changed (refresh cached viewers). */
  directory: z.boolean().optional(),
  /** Confidential cases whose rows changed: only people who may see them now are poked. */
  cases: z.array(z.string()).optional(),
  /** People who could see one of those cases before this commit (assignee or owner taken away). */
  lost: z.array(z.string()).optional(),
  /** A session ended (sign-out, or a person made inactive): event streams re-check their tokens. */
  sessionsEnded: z.boolean().optional(),
});
export type ChangeNotice = z.infer<typeof ChangeNotice>;

// NOTIFY payloads must stay under 8000 bytes.
const MAX_PAYLOAD = 7000;

/** The payload to send; a notice too big to send becomes `open` (a poke carries only a version number). */
export function noticePayload(notice: ChangeNotice): string {
  const payload = JSON.stringify(notice);
  if (payload.length <= MAX_PAYLOAD) return payload;
  return JSON.stringify({ v: notice.v, open: true, directory: notice.directory } satisfies ChangeNotice);
}

export function parseNotice(payload: string): ChangeNotice | null {
  try {
    const parsed = ChangeNotice.safeParse(JSON.parse(payload));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
