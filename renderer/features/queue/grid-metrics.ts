/** The queue grid's geometry: the grid lays its rows out by it, and the queue's reads size a first screen by it. */

export const ROW_HEIGHT = 34;
export const HEADER_HEIGHT = 32;
/** Rows rendered beyond each edge of what is scrolled into view. */
export const OVERSCAN = 4;

/** The most rows a first screen holds (a window as tall as a 4K monitor). */
const MOST_ON_SCREEN = 60;

/**
 * How many rows the grid shows at the top of a list in this window (the window's height in rows, and the
 * overscan): the first screen that a read of a new order or search brings along, so the grid paints it in one go.
 * Rows past it are read when scrolled to. Where there is no window (tests in Node), the most.
 */
export function rowsOnScreen(): number {
  const height = (globalThis as { innerHeight?: number }).innerHeight;
  if (typeof height !== 'number' || height <= 0) return MOST_ON_SCREEN;
  return Math.min(MOST_ON_SCREEN, Math.ceil(height / ROW_HEIGHT) + OVERSCAN);
}
