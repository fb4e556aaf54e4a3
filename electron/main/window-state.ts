/** Where the main window reopens: where it was, unless that place is no longer on any screen. */
import type { WindowBounds } from '../../shared/ipc/schemas';

export interface Area {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const DEFAULT_SIZE = { width: 1280, height: 820 };

/** The saved bounds when at least a grabbable strip of the title bar is on some display's work area. */
export function restorableBounds(
  saved: WindowBounds | null,
  workAreas: readonly Area[],
): WindowBounds | null {
  if (!saved) return null;
  const titleBar = { x: saved.x, y: saved.y, width: saved.width, height: 40 };
  const visible = workAreas.some((area) => overlap(titleBar, area) >= 100 * 20);
  return visible ? saved : null;
}

function overlap(a: Area, b: Area): number {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return width > 0 && height > 0 ? width * height : 0;
}

/** Calls `fn` once `ms` after the last of a burst of calls (window move/resize events come in floods). */
export function debounce(fn: () => void, ms: number): { (): void; flush(): void; cancel(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const run = () => {
    timer = undefined;
    fn();
  };
  return Object.assign(
    () => {
      if (timer !== undefined) clearTimeout(timer);
      timer = setTimeout(run, ms);
    },
    {
      flush() {
        if (timer !== undefined) {
          clearTimeout(timer);
          run();
        }
      },
      cancel() {
        if (timer !== undefined) clearTimeout(timer);
        timer = undefined;
      },
    },
  );
}
