/**
 * The in-page half of `npm run bench:ui`, as plain JavaScript text (tsx would otherwise add helpers such as
 * `__name` to functions handed to page.evaluate, which the page does not have).
 *
 * `window.__deskBench.arm(spec)` starts listening for the user's action (its event's timeStamp is the start)
 * and returns nothing; `window.__deskBenchWait` then resolves once the queue shows the action's result — the
 * grid not busy, the first row a real case, the count a number of cases, the step's own condition true and the
 * queue different from before — and one frame has been painted after it.
 */
export interface ArmSpec {
  /** The DOM event that starts the clock ("click", "change", "keydown"). */
  event: string;
  /** With "keydown": only this key counts. */
  key?: string;
  /** Take the last such event instead of the first (typing: the last keystroke). */
  last?: boolean;
  /** The step's own condition. */
  expect:
    | { kind: 'sort'; column: string }
    | { kind: 'view'; name: string }
    | { kind: 'search' }
    | { kind: 'filter' }
    | { kind: 'any' };
  timeoutMs: number;
}

export interface ArmResult {
  ms: number;
  /** The action's event, in the page's performance.now() time (to place the app's marks against it). */
  start: number;
  /** From the event until the DOM showed the result (the rest of `ms` is the frame that paints it). */
  domMs: number;
  firstId: string;
  count: string;
}

export const PROBE = `
(() => {
  if (window.__deskBench) return;
  const snapshot = () => {
    const grid = document.querySelector('[data-testid="queue-grid"]');
    const first = grid && grid.querySelector('tbody tr[aria-rowindex="1"][data-case-id]');
    const count = document.querySelector('[data-testid="queue-count"]');
    const h1 = document.querySelector('main h1');
    return {
      grid,
      busy: grid ? grid.getAttribute('aria-busy') === 'true' : true,
      firstId: first ? first.getAttribute('data-case-id') : '',
      count: count ? count.textContent.trim() : '',
      title: h1 ? h1.textContent.trim() : '',
    };
  };
  // A result is rows on screen, or the queue saying no case matches (a search may find none).
  const settled = (s) =>
    (s.grid && !s.busy && s.firstId !== '' && /^[0-9.,]+[KM]? cases?$/.test(s.count)) || (!s.grid && s.count === '0 cases');
  window.__deskBench = {
    snapshot: () => { const s = snapshot(); return { busy: s.busy, firstId: s.firstId, count: s.count, title: s.title, settled: Boolean(settled(s)) }; },
    arm(spec) {
      const before = snapshot();
      let start = null;
      const onEvent = (event) => {
        if (spec.key && event.key !== spec.key) return;
        if (start === null || spec.last) start = event.timeStamp;
      };
      document.addEventListener(spec.event, onEvent, true);
      window.__deskBenchWait = new Promise((resolve, reject) => {
        let done = false;
        const stopAll = () => {
          done = true;
          observer.disconnect();
          clearInterval(poll);
          clearTimeout(timer);
          document.removeEventListener(spec.event, onEvent, true);
        };
        const own = (s) => {
          const e = spec.expect;
          if (e.kind === 'sort') {
            const button = document.querySelector('[data-testid="queue-grid"] th button[title="Sort by ' + e.column + '"]');
            const th = button && button.closest('th');
            return th !== null && th.getAttribute('aria-sort') !== 'none';
          }
          if (e.kind === 'view') return s.title === e.name;
          return true;
        };
        const check = () => {
          if (done || start === null) return;
          const s = snapshot();
          if (!settled(s) || !own(s)) return;
          // A new order may keep the first row (the oldest open case is often the most urgent too): the column's
          // aria-sort and a settled grid say the sort is done.
          const same = s.firstId === before.firstId && s.count === before.count && s.title === before.title;
          if (same && spec.expect.kind !== 'sort') return;
          stopAll();
          const domMs = performance.now() - start;
          // The DOM holds the result; the next frame paints it.
          requestAnimationFrame(() => setTimeout(() => resolve({ ms: performance.now() - start, start, domMs, firstId: s.firstId, count: s.count }), 0));
        };
        const observer = new MutationObserver(check);
        observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
        const poll = setInterval(check, 50);
        const timer = setTimeout(() => {
          stopAll();
          const s = snapshot();
          reject(new Error('no result within ' + spec.timeoutMs + ' ms (started: ' + (start !== null) + ', busy: ' + s.busy + ', first row: ' + s.firstId + ', count: "' + s.count + '", title: "' + s.title + '"; before: ' + before.firstId + ', "' + before.count + '")'));
        }, spec.timeoutMs);
      });
    },
  };
})();
`;
