// Waiting for the app's performance marks: the moments (first rows painted, search index open) background work waits for.

/**
 * Calls `start` once the page has the performance mark `name` (the queue's `desk:queue-rows`, the search's
 * `desk:search-ready`), or after `fallbackMs`; returns the cancel.
 */
export function afterMark(name: string, fallbackMs: number, start: () => void): () => void {
  let done = false;
  let observer: PerformanceObserver | null = null;
  const finish = () => {
    done = true;
    observer?.disconnect();
    clearTimeout(timer);
  };
  const go = () => {
    if (done) return;
    finish();
    start();
  };
  const timer = setTimeout(go, fallbackMs);
  if (performance.getEntriesByName(name).length > 0) go();
  else {
    observer = new PerformanceObserver((list) => {
      if (list.getEntriesByName(name).length > 0) go();
    });
    observer.observe({ type: 'mark' });
  }
  return finish;
}
