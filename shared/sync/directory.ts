/** The desk directory as changes: people and teams. */
import { z } from 'zod';
import { defineMutator } from './define';
import { notAllowed } from './errors';
import { keepsDirectory, requireManager } from './permissions';
import { Person, Team } from './rows';
import { sameRow } from './same-row';

export const SavePersonArgs = z.object({ person: Person });
export type SavePersonArgs = z.input<typeof SavePersonArgs>;

/**
 * Adds or changes a person in the directory: admins only. A standalone desk (no actor, or an actor the
 * directory does not know yet: "who I am" adding themselves, made as that new person) may do it too, as it
 * could before there were servers; on a server the actor is always the signed-in person, so only admins can.
 */
export const savePerson = defineMutator({
  args: SavePersonArgs,
  action: 'save the person',
  reads: (args) => ({ rowsById: { people: [args.person.id] } }),
  run(rows, args) {
    if (!keepsDirectory(rows.actor ?? null))
      throw notAllowed(
        "Only an admin can add people to the desk directory or change them. Ask your desk's admin to do it.",
      );
    const stored = rows.rowsById?.people?.find((p) => p.id === args.person.id);
    if (stored !== undefined && sameRow(stored, args.person)) return [];
    return [{ op: 'put', table: 'people', row: args.person }];
  },
});

export const SetEmailNoticesArgs = z.object({ notifyByEmail: z.boolean() });
export type SetEmailNoticesArgs = z.input<typeof SetEmailNoticesArgs>;

/**
 * A person chooses whether the escalation notices they get also come by email: their own directory row only,
 * so anyone may (the rest of the row stays the admin's).
 */
export const setEmailNotices = defineMutator({
  args: SetEmailNoticesArgs,
  action: 'change how you get notices',
  reads: () => ({}),
  run(rows, args) {
    const me = rows.actor ?? null;
    if (me === null)
      throw notAllowed(
        'Say who you are first (Settings → Who I am): notices go to a person in the directory.',
      );
    if ((me.notifyByEmail ?? false) === args.notifyByEmail) return [];
    return [{ op: 'put', table: 'people', row: { ...me, notifyByEmail: args.notifyByEmail } }];
  },
});

export const SaveTeamArgs = z.object({ team: Team });
export type SaveTeamArgs = z.input<typeof SaveTeamArgs>;

/** Adds or changes a team (its name, division, line manager): managers and admins. */
export const saveTeam = defineMutator({
  args: SaveTeamArgs,
  action: 'save the team',
  reads: (args) => ({ rowsById: { teams: [args.team.id] } }),
  run(rows, args) {
    requireManager(rows.actor ?? null, "the desk's teams");
    const stored = rows.rowsById?.teams?.find((t) => t.id === args.team.id);
    if (stored !== undefined && sameRow(stored, args.team)) return [];
    return [{ op: 'put', table: 'teams', row: args.team }];
  },
});
