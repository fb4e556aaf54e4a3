/**
 * Time travel never shows the future: the app clock may not go back before the store's latest change (a case
 * touched on 4 September would show its September events and levels at "28 August"). The latest change is the
 * newest case `updatedAt` (every event moves it), read through its index and again after each write.
 */

import type { TravelClock } from '../clock';
import type { DeskDb } from '../db';
import { onTablesChanged } from './store-query';

export async function latestChangeMs(db: DeskDb): Promise<number | null> {
  const newest = await db.cases.orderBy('updatedAt').last();
  return newest === undefined ? null : Date.parse(newest.updatedAt);
}

/**
 * At start, a `?now=` earlier than the latest change moves the clock up to it (the app says so and offers a
 * fresh demo desk at the asked time); from then on, moves before it are refused. Returns the unsubscribe.
 */
export async function holdClockAfterStore(clock: TravelClock, db: DeskDb): Promise<() => void> {
  const latest = await latestChangeMs(db);
  if (latest !== null) clock.catchUpWithStore(latest);
  let reading = false;
  let again = false;
  const raise = async () => {
    if (reading) {
      again = true;
      return;
    }
    reading = true;
    try {
      do {
        again = false;
        const newest = await latestChangeMs(db);
        if (newest !== null) clock.holdAfter(newest);
      } while (again);
    } catch {
      // The store closed under us (sign-out, a fresh demo desk): nothing left to hold.
    } finally {
      reading = false;
    }
  };
  return onTablesChanged(db, ['cases'], () => void raise());
}
