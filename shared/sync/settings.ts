/**
 * The desk's rules as changes: a policy or a calendar saved from the settings editors. Managers and admins
 * only; an edit names the stored row it started from, so a newer one saved elsewhere is never overwritten.
 */
import { z } from 'zod';
import { Policy } from '../policies/schema';
import { compileCalendar } from '../sla';
import { defineMutator } from './define';
import { invalid, type MutationError, notAllowed } from './errors';
import { requireManager } from './permissions';
import { CalendarRow } from './rows';
import { sameRow } from './same-row';

/** The stored row changed after the edit being saved started from it (another window, or someone else). */
export function settingsConflict(what: 'policy' | 'calendar'): MutationError {
  return notAllowed(
    `This ${what} was changed elsewhere (in another window or by someone else) after you started editing, so ` +
      'your changes were not saved. Reopen it to see the new version, then make your change again.',
  );
}

export const SavePolicyArgs = z.object({
  policy: Policy,
  /** The stored version the edit started from; 0 for a policy the desk does not have yet. */
  baseVersion: z.int().nonnegative(),
});
export type SavePolicyArgs = z.input<typeof SavePolicyArgs>;

/** Stores the policy as the version after `baseVersion`. Saving what is already stored changes nothing. */
export const savePolicy = defineMutator({
  args: SavePolicyArgs,
  action: 'save the policy',
  reads: (args) => ({ rowsById: { policies: [args.policy.id] } }),
  run(rows, args) {
    requireManager(rows.actor ?? null, "the desk's policies");
    const stored = rows.rowsById?.policies?.find((p) => p.id === args.policy.id);
    if ((stored?.version ?? 0) !== args.baseVersion) throw settingsConflict('policy');
    const saved: Policy = { ...args.policy, version: args.baseVersion + 1 };
    if (stored !== undefined && sameRow({ ...stored, version: 0 }, { ...saved, version: 0 })) return [];
    return [{ op: 'put', table: 'policies', row: saved }];
  },
});

export const SaveCalendarArgs = z.object({
  calendar: CalendarRow,
  /** The stored calendar the edit started from (calendars carry no version: the whole row is compared); null for a new one. */
  base: CalendarRow.nullable(),
});
export type SaveCalendarArgs = z.input<typeof SaveCalendarArgs>;

/**
 * Stores the calendar in place of `base`. A calendar with no working time left (closed every day, holidays
 * or closures for centuries) is refused: no deadline could ever be reached on it.
 */
export const saveCalendar = defineMutator({
  args: SaveCalendarArgs,
  action: 'save the calendar',
  reads: (args) => ({ rowsById: { calendars: [args.calendar.id] } }),
  run(rows, args, ctx) {
    requireManager(rows.actor ?? null, "the desk's calendars");
    if (args.base !== null && args.base.id !== args.calendar.id)
      throw invalid(
        'The calendar being saved is not the one the edit started from: reopen it and try again.',
      );
    const stored = rows.rowsById?.calendars?.find((c) => c.id === args.calendar.id) ?? null;
    if (!sameRow(stored, args.base)) throw settingsConflict('calendar');
    try {
      compileCalendar(args.calendar).addWorkingMinutes(new Date(ctx.now), 1);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw invalid(`Couldn't save the calendar: ${reason}`);
    }
    if (stored !== null && sameRow(stored, args.calendar)) return [];
    return [{ op: 'put', table: 'calendars', row: args.calendar }];
  },
});
