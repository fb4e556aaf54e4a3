/**
 * What a staged policy's written responses tell the requester about the next stage: by when they may ask for the
 * review a response opens (Oxford: the Head of Department, within 2 weeks), and where they may go once the last
 * stage inside the desk has answered (Oxford: students to the Proctors, staff to the Registrar). For the reply
 * templates and the scenario that walks the procedure.
 */
import type { Affiliation } from '../domain/case';
import type { CompiledCalendar } from '../sla/calendar-types';
import { addDuration } from '../sla/duration';
import type { ExternalRoute, Policy, Stage } from './schema';

/** The stage a written response at `stage` lets the requester ask for (the one that needs it first). */
export function reviewStageAfter(policy: Policy | undefined, stage: string | null): Stage | undefined {
  if (stage === null) return undefined;
  return policy?.stages.find((s) => s.afterResponseAt === stage);
}

/**
 * When the requester's window to ask for that review closes, for a written response sent at `respondedAt`: the
 * policy's window target started by a response at this stage, counted on the case's calendar. Null without one.
 */
export function reviewWindowCloses(
  policy: Policy | undefined,
  calendar: CompiledCalendar,
  stage: string | null,
  respondedAt: Date,
): Date | null {
  const window = policy?.targets.find(
    (t) =>
      t.kind === 'window' &&
      t.start.some(
        (trigger) =>
          trigger.on === 'reply' &&
          (trigger.purposes?.includes('response') ?? true) &&
          (trigger.stage === undefined || trigger.stage === stage),
      ),
  );
  return window === undefined
    ? null
    : new Date(addDuration(calendar, respondedAt.getTime(), window.duration));
}

/**
 * The outside routes open after the response at `stage` (when the stage after it is handled outside the desk), for
 * the requester's affiliation; every route when the affiliation is not known (`known` false).
 */
export function routesAfter(
  policy: Policy | undefined,
  stage: string | null,
  affiliation: Affiliation | undefined,
): { routes: ExternalRoute[]; known: boolean } {
  const index = policy?.stages.findIndex((s) => s.id === stage) ?? -1;
  const next = index < 0 ? undefined : policy?.stages[index + 1];
  const routes = next?.externalRoutes ?? [];
  const theirs = routes.filter((r) => r.affiliation === undefined || r.affiliation === affiliation);
  const known = affiliation !== undefined && theirs.some((r) => r.affiliation === affiliation);
  return { routes: known ? theirs : routes, known };
}

/** The sentence a response gives about one outside route. */
export function routeSentence(route: ExternalRoute): string {
  return route.tellRequester ?? `You may take your complaint to ${route.body}.`;
}
