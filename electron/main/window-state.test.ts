import { describe, expect, it, vi } from 'vitest';
import { debounce, restorableBounds } from './window-state';

const laptop = { x: 0, y: 0, width: 1440, height: 900 };
const monitorOnTheRight = { x: 1440, y: 0, width: 2560, height: 1440 };

describe('window place', () => {
  it('restores a place that is on a screen', () => {
    const saved = { x: 1600, y: 100, width: 1200, height: 800 };
    expect(restorableBounds(saved, [laptop, monitorOnTheRight])).toEqual(saved);
  });

  it('forgets a place whose screen was unplugged', () => {
    expect(restorableBounds({ x: 1600, y: 100, width: 1200, height: 800 }, [laptop])).toBeNull();
  });

  it('forgets a place whose title bar is off the top of every screen', () => {
    expect(restorableBounds({ x: 100, y: -500, width: 1200, height: 800 }, [laptop])).toBeNull();
  });

  it('has nothing to restore the first time', () => {
    expect(restorableBounds(null, [laptop])).toBeNull();
  });

  it('saves once after a burst of moves, or at once when flushed', () => {
    vi.useFakeTimers();
    const save = vi.fn();
    const saveSoon = debounce(save, 1000);
    saveSoon();
    saveSoon();
    vi.advanceTimersByTime(999);
    expect(save).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(save).toHaveBeenCalledTimes(1);
    saveSoon();
    saveSoon.flush();
    expect(save).toHaveBeenCalledTimes(2);
    vi.useRealTimers();
  });
});
