import type { Policy } from '../../shared/policies';
import type { CalendarSpec } from '../../shared/sla';
import { toStoreError } from './errors';
import { type RecomputeOptions, recomputeSla } from './sla';
import { type CaseStore, reloadPolicies } from './store';

/** The stored row changed (another window saved it) after the edit being saved started from it. */
export class SettingsConflictError extends Error {
  override readonly name = 'SettingsConflictError';
  constructor(what: string) {
    super(
      `This ${what} was changed in another window after you started editing, so your changes were not saved. ` +
        'Reopen it to see the new version, then make your change again.',
    );
  }
}

export interface SaveSettingsOptions {
  /** Progress of the SLA refresh of the open cases that follows the write. */
  onProgress?: RecomputeOptions['onProgress'];
}

/**
 * Stores an edited policy as the next version of the stored one the edit started from (`basedOn`), then
 * rebuilds the SLA function and recomputes every open case's stored summary. Returns the stored policy.
 */
export async function savePolicy(
  store: CaseStore,
  edited: Policy,
  basedOn: Policy,
  options: SaveSettingsOptions = {},
): Promise<Policy> {
  const { db } = store;
  const saved: Policy = { ...edited, id: basedOn.id, version: basedOn.version + 1 };
  return saveRow(store, options, {
    write: () =>
      db.transaction('rw', db.policies, async () => {
        const stored = await db.policies.get(basedOn.id);
        if (stored?.version !== basedOn.version) throw new SettingsConflictError('policy');
        await db.policies.put(saved);
        return stored;
      }),
    undo: (previous) =>
      db.transaction('rw', db.policies, async () => {
        const stored = await db.policies.get(saved.id);
        // Put the old version back only over our own write, never over a later one from elsewhere.
        if (stored?.version === saved.version) await db.policies.put(previous);
      }),
    saved,
  });
}

/**
 * Stores an edited calendar in place of the stored one the edit started from (`basedOn`; calendars carry no
 * version, so the whole row is compared), then refreshes the open cases' SLA summaries as `savePolicy` does.
 */
export async function saveCalendar(
  store: CaseStore,
  edited: CalendarSpec,
  basedOn: CalendarSpec,
  options: SaveSettingsOptions = {},
): Promise<CalendarSpec> {
  const { db } = store;
  const saved: CalendarSpec = { ...edited, id: basedOn.id };
  const same = (a: CalendarSpec | undefined, b: CalendarSpec) => JSON.stringify(a) === JSON.stringify(b);
  return saveRow(store, options, {
    write: () =>
      db.transaction('rw', db.calendars, async () => {
        const stored = await db.calendars.get(basedOn.id);
        if (!stored || !same(stored, basedOn)) throw new SettingsConflictError('calendar');
        await db.calendars.put(saved);
        return stored;
      }),
    undo: (previous) =>
      db.transaction('rw', db.calendars, async () => {
        if (same(await db.calendars.get(saved.id), saved)) await db.calendars.put(previous);
      }),
    saved,
  });
}

interface RowSave<T> {
  /** Writes the new row in one transaction; resolves with the row it replaced. */
  write: () => Promise<T>;
  /** Puts the replaced row back in one transaction. */
  undo: (previous: T) => Promise<void>;
  saved: T;
}

/**
 * The row is written whole or not at all; if the SLA refresh after it fails, the old row goes back and the
 * summaries are refreshed under it again, so the store never keeps a rule its cases were not computed with.
 */
async function saveRow<T>(store: CaseStore, options: SaveSettingsOptions, save: RowSave<T>): Promise<T> {
  let previous: T;
  try {
    previous = await save.write();
  } catch (error) {
    if (error instanceof SettingsConflictError) throw error;
    throw toStoreError(error);
  }
  try {
    await reloadPolicies(store);
    await recomputeSla(store, { all: true, onProgress: options.onProgress });
    return save.saved;
  } catch (error) {
    try {
      await save.undo(previous);
      await reloadPolicies(store);
      await recomputeSla(store, { all: true });
    } catch (undoError) {
      console.error('Desk could not put the previous settings back', undoError);
    }
    throw toStoreError(error);
  }
}
