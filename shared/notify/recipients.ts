/**
 * Who an escalation step (or a desk-wide job) tells, from the roles the policy names and the desk directory.
 * Routing is data-driven: a role resolves to people by what the directory says about them, never by name.
 */
import { type ConfidentialityRules, maySeeCase } from '../access';
import type { NotifyRole } from '../domain/vocabulary';
import type { Person, Team } from '../sync/rows';

export interface Directory {
  readonly people: readonly Person[];
  readonly teams: readonly Team[];
}

/** What routing needs to know of a case: who works it, who owns it, whose queue it is in, who may see it. */
export interface CaseParties {
  readonly assigneeId: string | null;
  readonly ownerId: string | null;
  readonly teamId: string | null;
  /** Only people who may see the case (shared/access `maySeeCase`) are told of it. */
  readonly confidential?: boolean;
}

/** One person to tell, with every role they are told as (the manager may also be the owner). */
export interface Recipient {
  personId: string;
  roles: NotifyRole[];
}

/**
 * The people behind `roles` for a case (or for no case: a desk-wide job), each once, in the order the roles
 * are listed. Inactive people are never told.
 *
 * - `assignee`, `owner`: the case's.
 * - `desk`: the service desk's agents, the team the service desk manager belongs to (the case's team when the
 *   directory has no manager).
 * - `manager`: every service desk manager.
 * - `director`: the director of the case's division (its team's); without one, the desk's division's; without
 *   one, every director.
 * - `line-manager`: the owner's line manager (the assignee's when it has no owner), else its team's.
 * - `head-of-department`: the Head of Department of the case's division, found as the director is.
 *
 * Of a confidential case, only those who may see it are told (`rules`: the case's policy, for the roles it lets
 * see its cases): a role that names someone else is simply not told.
 */
export function recipientsFor(
  roles: readonly NotifyRole[],
  parties: CaseParties | null,
  directory: Directory,
  rules?: ConfidentialityRules,
): Recipient[] {
  const people = new Map(directory.people.filter((p) => p.active).map((p) => [p.id, p]));
  const teams = new Map(directory.teams.map((t) => [t.id, t]));
  const managers = [...people.values()].filter((p) => p.role === 'manager');
  const deskTeamId = managers.find((m) => m.teamId !== null)?.teamId ?? parties?.teamId ?? null;
  const caseTeam = parties?.teamId == null ? undefined : teams.get(parties.teamId);
  const maySee = (person: Person) =>
    parties === null ||
    maySeeCase(
      person,
      {
        confidential: parties.confidential === true,
        assigneeId: parties.assigneeId,
        ownerId: parties.ownerId,
      },
      rules,
    );

  const found = new Map<string, Recipient>();
  const add = (personId: string | null | undefined, role: NotifyRole) => {
    if (personId == null || !people.has(personId)) return;
    if (!maySee(people.get(personId)!)) return;
    const existing = found.get(personId);
    if (existing === undefined) found.set(personId, { personId, roles: [role] });
    else if (!existing.roles.includes(role)) existing.roles.push(role);
  };

  for (const role of roles) {
    switch (role) {
      case 'assignee':
        add(parties?.assigneeId, role);
        break;
      case 'owner':
        add(parties?.ownerId, role);
        break;
      case 'desk':
        for (const person of people.values())
          if (person.role === 'agent' && person.teamId === deskTeamId && deskTeamId !== null)
            add(person.id, role);
        break;
      case 'manager':
        for (const manager of managers) add(manager.id, role);
        break;
      case 'director':
      case 'head-of-department':
        for (const id of divisionHeadsFor(role, people, teams, caseTeam, deskTeamId)) add(id, role);
        break;
      case 'line-manager': {
        const worker = people.get(parties?.ownerId ?? parties?.assigneeId ?? '');
        add(worker?.lineManagerId ?? caseTeam?.lineManagerId, role);
        break;
      }
    }
  }
  return [...found.values()];
}

/**
 * Who owns the case at a stage its policy gives an owner (`ownedBy`, Oxford's Head of Department review): the
 * first person that role finds for the case, or null when the directory has nobody in it.
 */
export function stageOwnerFor(
  stage: { readonly ownedBy?: NotifyRole | undefined } | undefined,
  parties: CaseParties,
  directory: Directory,
): string | null {
  if (stage?.ownedBy === undefined) return null;
  // Whoever owns the case may see it, confidential or not: they are chosen before they own it.
  return recipientsFor([stage.ownedBy], { ...parties, confidential: false }, directory)[0]?.personId ?? null;
}

/** The people of `role` for the case's division: its team's, else the desk's, else all of them. */
function divisionHeadsFor(
  role: 'director' | 'head-of-department',
  people: ReadonlyMap<string, Person>,
  teams: ReadonlyMap<string, Team>,
  caseTeam: Team | undefined,
  deskTeamId: string | null,
): string[] {
  const directors = [...people.values()].filter((p) => p.role === role);
  const deskDivision = deskTeamId === null ? undefined : teams.get(deskTeamId)?.division;
  for (const division of [caseTeam?.division, deskDivision]) {
    if (division === undefined) continue;
    const ofDivision = directors.filter((d) => d.division === division);
    if (ofDivision.length > 0) return ofDivision.map((d) => d.id);
  }
  return directors.map((d) => d.id);
}
