import { afterEach, describe, expect, it, vi } from 'vitest';
import { foregroundIdle, inForeground, onForeground } from './foreground';

/** A promise and the functions that settle it. */
function deferred<T = void>() {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Whether `promise` has settled once pending callbacks have run. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  void promise.then(
    () => {
      done = true;
    },
    () => {
      done = true;
    },
  );
  await new Promise((resolve) => setTimeout(resolve, 0));
  return done;
}

describe('foreground reads', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('lets background work start at once when nobody is waiting for a read', async () => {
    expect(await settled(foregroundIdle())).toBe(true);
  });

  it('holds background work until the last of two overlapping searches settles', async () => {
    const first = deferred<string>();
    const second = deferred<string>();
    const states: boolean[] = [];
    const stop = onForeground((busy) => states.push(busy));
    const a = inForeground(first.promise);
    const b = inForeground(second.promise);
    const idle = foregroundIdle();

    first.resolve('printer');
    expect(await a).toBe('printer');
    expect(await settled(idle)).toBe(false);

    second.resolve('laptop');
    expect(await b).toBe('laptop');
    expect(await settled(idle)).toBe(true);
    // Paused once for both, resumed once after the last.
    expect(states).toEqual([true, false]);
    stop();
  });

  it('releases the background when a search fails, and passes the failure on', async () => {
    const search = deferred();
    const held = inForeground(search.promise);
    const idle = foregroundIdle();
    search.reject(new Error('The index is gone'));
    await expect(held).rejects.toThrow('The index is gone');
    expect(await settled(idle)).toBe(true);
  });

  it('holds the background at most three seconds for a read that never answers', async () => {
    vi.useFakeTimers();
    const never = new Promise<void>(() => {});
    void inForeground(never);
    let idle = false;
    void foregroundIdle().then(() => {
      idle = true;
    });
    await vi.advanceTimersByTimeAsync(2_900);
    expect(idle).toBe(false);
    await vi.advanceTimersByTimeAsync(200);
    expect(idle).toBe(true);
  });

  it('tells a book that starts loading during a search to wait at once', async () => {
    const search = deferred();
    const held = inForeground(search.promise);
    const states: boolean[] = [];
    const stop = onForeground((busy) => states.push(busy));
    expect(states).toEqual([true]);
    search.resolve();
    await held;
    expect(states).toEqual([true, false]);
    stop();
  });
});
