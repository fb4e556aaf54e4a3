/**
 * The desk's time zone for views that show times outside any one case (the status bar, the app clock, sync
 * problems): the zone of the calendar the desk's queries run on, as Escalations counts working time in.
 */
import type { Policy } from '../../shared/policies';
import type { CalendarSpec } from '../../shared/sla';
import { DEFAULT_DESK_TIME_ZONE } from '../../shared/time';
import { useStoreQuery } from './store-query';

export function deskTimeZone(policies: readonly Policy[], calendars: readonly CalendarSpec[]): string {
  const id = policies.find((p) => p.caseKind === 'query')?.calendarId ?? calendars[0]?.id;
  return calendars.find((c) => c.id === id)?.timeZone ?? DEFAULT_DESK_TIME_ZONE;
}

/** The desk's zone, from the store (the presets' zone until it has answered). */
export function useDeskTimeZone(): string {
  const zone = useStoreQuery(
    async (store) => {
      const [policies, calendars] = await Promise.all([
        store.db.policies.toArray(),
        store.db.calendars.toArray(),
      ]);
      return deskTimeZone(policies, calendars);
    },
    [],
    { tables: ['policies', 'calendars'] },
  );
  return zone ?? DEFAULT_DESK_TIME_ZONE;
}
