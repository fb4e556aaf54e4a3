/**
 * Where Settings reads policies and calendars from. Until the local store holds them (renderer/db: policies
 * and calendars tables, editable), these are the shipped presets; swapping this module's body for reads from
 * the store is the whole change, the views only see these functions.
 *
 * The presets are loaded on demand: their holiday rules bring ~1.5 MB of libraries (date-holidays and its
 * astronomy), which the app's first paint should not wait for.
 */
import { use } from 'react';
import type { Policy } from '../../../shared/policies';
import { type CalendarSpec, type CompiledCalendar, compileCalendar } from '../../../shared/sla';

export interface Catalog {
  policies: readonly Policy[];
  calendars: readonly CalendarSpec[];
  /** The calendar the desk works to by default (time travel counts working days in it). */
  deskCalendar: CompiledCalendar;
}

const loaded = new Map<number, Promise<Catalog>>();

/** The catalog for cases around `year` (bank holidays are listed from two years before to three after). */
export function loadCatalog(year: number): Promise<Catalog> {
  let catalog = loaded.get(year);
  if (!catalog) {
    catalog = import('../../../shared/policies').then(({ presetPolicies, ukCalendarSpec }) => {
      const calendars = [ukCalendarSpec({ fromYear: year - 2, toYear: year + 3 })];
      return { policies: presetPolicies(), calendars, deskCalendar: compileCalendar(calendars[0]!) };
    });
    loaded.set(year, catalog);
  }
  return catalog;
}

/** Suspends until the catalog is loaded (render inside <Suspense>). */
export function useCatalog(year: number): Catalog {
  return use(loadCatalog(year));
}
