/**
 * Saving the settings editors' work: a policy or a calendar goes through its mutator (queued for the server,
 * which checks that a manager or an admin made it), then every open case's stored SLA summary is refreshed
 * under the new rules.
 */
import type { Policy } from '../../shared/policies';
import type { CalendarSpec } from '../../shared/sla';
import { runMutation } from './mutate';
import { type RecomputeOptions, recomputeSla } from './sla';
import type { CaseStore } from './store';

export interface SaveSettingsOptions {
  /** Progress of the SLA refresh of the open cases that follows the write. */
  onProgress?: RecomputeOptions['onProgress'];
}

/**
 * Stores an edited policy as the next version of the stored one the edit started from (`basedOn`), then
 * recomputes every open case's stored summary. Returns the stored policy. A MutationError says why it was
 * refused (another window or person saved a newer version, or the actor may not change policies).
 */
export async function savePolicy(
  store: CaseStore,
  edited: Policy,
  basedOn: Policy,
  options: SaveSettingsOptions = {},
): Promise<Policy> {
  const saved: Policy = { ...edited, id: basedOn.id, version: basedOn.version + 1 };
  const undo = { policy: basedOn, baseVersion: saved.version };
  const result = await runMutation(store, 'savePolicy', { policy: saved, baseVersion: basedOn.version });
  if (!result.queued) return basedOn;
  await refreshOrUndo(store, options, () => runMutation(store, 'savePolicy', undo));
  return saved;
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
  const saved: CalendarSpec = { ...edited, id: basedOn.id };
  const result = await runMutation(store, 'saveCalendar', { calendar: saved, base: basedOn });
  if (!result.queued) return basedOn;
  await refreshOrUndo(store, options, () =>
    runMutation(store, 'saveCalendar', { calendar: basedOn, base: saved }),
  );
  return saved;
}

/**
 * Refreshes the stored summaries under the saved rule. If that fails, the previous rule is saved back (as
 * another change, which the server gets too) and the summaries refreshed under it, so the store never keeps a
 * rule its cases were not computed with; the refresh's error is rethrown.
 */
async function refreshOrUndo(
  store: CaseStore,
  options: SaveSettingsOptions,
  undo: () => Promise<unknown>,
): Promise<void> {
  try {
    await recomputeSla(store, { all: true, onProgress: options.onProgress });
  } catch (error) {
    try {
      await undo();
      await recomputeSla(store, { all: true });
    } catch (undoError) {
      console.error('Desk could not put the previous settings back', undoError);
    }
    throw error;
  }
}
