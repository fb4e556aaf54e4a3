/**
 * The desk's reference data every agent view needs beside the cases: people and teams (names for ids),
 * policies (stages, intake, targets) and compiled calendars (working-time countdowns). Read from the store and
 * kept current; small, so read whole.
 */
import type { Case } from '../../shared/domain';
import type { Policy } from '../../shared/policies';
import { type CalendarSpec, type CompiledCalendar, compileCalendar } from '../../shared/sla';
import type { Person, Team } from '../../shared/sync';
import { DEFAULT_DESK_TIME_ZONE } from '../../shared/time';
import { useStoreQuery } from '../case-store/store-query';

export interface DeskReference {
  people: ReadonlyMap<string, Person>;
  /** Active people, by name. */
  directory: readonly Person[];
  teams: ReadonlyMap<string, Team>;
  policies: readonly Policy[];
  policyFor(kase: Pick<Case, 'policyId' | 'kind'>): Policy | undefined;
  policyForKind(kind: Case['kind']): Policy | undefined;
  calendarFor(kase: Pick<Case, 'calendarId' | 'policyId' | 'kind'>): CompiledCalendar | undefined;
  /** The zone a case's times are shown and written in: its calendar's (the desk's), never the device's. */
  timeZoneFor(kase: Pick<Case, 'calendarId' | 'policyId' | 'kind'>): string;
}

// Compiling a calendar expands its holiday rules: done once per version of a calendar, not per read.
const compiled = new Map<string, { source: string; calendar: CompiledCalendar }>();

function compiledCalendar(spec: CalendarSpec): CompiledCalendar {
  const source = JSON.stringify(spec);
  const known = compiled.get(spec.id);
  if (known?.source === source) return known.calendar;
  const calendar = compileCalendar(spec);
  compiled.set(spec.id, { source, calendar });
  return calendar;
}

export function useDeskReference(): DeskReference | undefined {
  return useStoreQuery(
    async (store) => {
      const [people, teams, policies, calendars] = await Promise.all([
        store.db.people.toArray(),
        store.db.teams.toArray(),
        store.db.policies.toArray(),
        store.db.calendars.toArray(),
      ]);
      return referenceFrom(people, teams, policies, calendars);
    },
    [],
    { tables: ['people', 'teams', 'policies', 'calendars'] },
  );
}

export function referenceFrom(
  people: readonly Person[],
  teams: readonly Team[],
  policies: readonly Policy[],
  calendars: readonly CalendarSpec[],
): DeskReference {
  const calendarById = new Map(calendars.map((spec) => [spec.id, compiledCalendar(spec)]));
  const policyById = new Map(policies.map((p) => [p.id, p]));
  const policyForKind = (kind: Case['kind']) => policies.find((p) => p.caseKind === kind);
  const policyFor = (kase: Pick<Case, 'policyId' | 'kind'>) =>
    policyById.get(kase.policyId) ?? policyForKind(kase.kind);
  const calendarFor = (kase: Pick<Case, 'calendarId' | 'policyId' | 'kind'>) => {
    const own = calendarById.get(kase.calendarId);
    if (own) return own;
    const policy = policyFor(kase);
    return policy ? calendarById.get(policy.calendarId) : undefined;
  };
  return {
    people: new Map(people.map((p) => [p.id, p])),
    directory: people.filter((p) => p.active).sort((a, b) => a.name.localeCompare(b.name)),
    teams: new Map(teams.map((t) => [t.id, t])),
    policies,
    policyFor,
    policyForKind,
    calendarFor,
    timeZoneFor: (kase) => calendarFor(kase)?.spec.timeZone ?? DEFAULT_DESK_TIME_ZONE,
  };
}
