import type { TrayCounts } from '../../shared/ipc/schemas';
import { currentViewer, maySeeFor } from '../access';
import type { CaseStore } from '../db';
import { onCommitted } from '../db';

/**
 * My open cases' breached and at-risk counts, read from the assignee index (a person's queue is small). Only
 * cases I may see count (shared/access; an assignee always may), as on every other surface.
 */
export async function myTrayCounts(store: CaseStore): Promise<TrayCounts> {
  const counts = { breached: 0, atRisk: 0 };
  if (!store.actorId) return counts;
  const [viewer, policies] = await Promise.all([currentViewer(store), store.db.policies.toArray()]);
  const maySee = maySeeFor(viewer, policies);
  await store.db.cases
    .where('[assigneeKey+open+urgency]')
    .between([store.actorId, 1, -Infinity], [store.actorId, 1, Infinity])
    .each((row) => {
      if (!maySee(row)) return;
      if (row.slaState === 'breached') counts.breached++;
      else if (row.slaState === 'at-risk') counts.atRisk++;
    });
  return counts;
}

/**
 * Keeps the tray (or dock) badge at "my breached and at-risk cases": recounted after each change and
 * each clock move, sent only when the numbers change, at most every `settleMs`.
 */
export function keepTrayBadgeCurrent(
  store: CaseStore,
  send: (counts: TrayCounts) => Promise<void>,
  subscribeClock: (listener: () => void) => () => void,
  settleMs = 250,
): () => void {
  let last = '';
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  const recount = () => {
    if (stopped || timer !== undefined) return;
    timer = setTimeout(async () => {
      timer = undefined;
      const counts = await myTrayCounts(store);
      const key = `${counts.breached}/${counts.atRisk}`;
      if (stopped || key === last) return;
      last = key;
      await send(counts).catch(() => {
        // The shell may be gone (host restarting); the next change sends again.
        last = '';
      });
    }, settleMs);
  };
  const stopCommits = onCommitted(store, recount);
  const stopClock = subscribeClock(recount);
  recount();
  return () => {
    stopped = true;
    if (timer !== undefined) clearTimeout(timer);
    stopCommits();
    stopClock();
  };
}
