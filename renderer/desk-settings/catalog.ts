/**
 * The shipped presets, loaded on demand: their holiday rules bring ~1.5 MB of libraries (date-holidays and its
 * astronomy), which the app's first paint should not wait for. The shell's time travel counts working days in
 * the preset desk calendar; Settings reads the store (desk-rules.ts) and falls back to these, read-only, when
 * the store cannot open. The shell imports this module, so it must not bring in the store's code (Dexie).
 */
import { use } from 'react';
import type { Policy } from '../../shared/policies';
import { type CalendarSpec, type CompiledCalendar, compileCalendar } from '../../shared/sla';

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
    catalog = Promise.all([
      import('../../shared/policies'),
      import('../../shared/policies/uk-calendar'),
    ]).then(([{ presetPolicies }, { ukCalendarSpec }]) => {
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
