/**
 * Who the store acts as: the person named in Settings ("who I am"), found in the desk directory by name. A name
 * the directory doesn't know (a standalone desk, someone new) gets a directory entry through the `savePerson`
 * mutator, made as that new person adding themselves (which a standalone desk allows), so assigning to them,
 * "my cases" and their name on the timeline work before any server knows them.
 */
import type { Me } from '../../shared/ipc/schemas';
import type { Person, PersonRole } from '../../shared/sync';
import type { CaseStore } from '../db';

const ROLES: Readonly<Record<string, PersonRole>> = {
  agent: 'agent',
  manager: 'manager',
  director: 'director',
};

function normalise(text: string): string {
  return text.trim().toLowerCase().replace(/\s+/g, ' ');
}

function slug(text: string): string {
  return normalise(text)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** The directory entry for this person: the existing one with their name, or a new local one. */
export async function actorFor(store: CaseStore, me: Me | null): Promise<string | null> {
  if (me === null) return null;
  const wanted = normalise(me.name);
  const people = await store.db.people.toArray();
  const known = people.find((person) => normalise(person.name) === wanted);
  if (known) return known.id;

  const team = (await store.db.teams.toArray()).find((t) => normalise(t.name) === normalise(me.team));
  const role = ROLES[me.role] ?? 'agent';
  const id = slug(me.name) || 'me';
  // "Ana-Patel" after "Ana Patel": the same entry, not a second one.
  if (people.some((p) => p.id === `person-${id}`)) return `person-${id}`;
  const person: Person = {
    id: `person-${id}`,
    name: me.name.trim(),
    email: `${id.replaceAll('-', '.')}@desk.local`,
    role,
    teamId: team?.id ?? null,
    division: team?.division ?? null,
    lineManagerId: team?.lineManagerId ?? null,
    seesConfidential: role !== 'agent',
    active: true,
  };
  // Loaded here, not with the shell: the store's code arrives after the first paint.
  const { runMutation } = await import('../db/mutate');
  try {
    await runMutation(store, 'savePerson', { person }, { actorId: person.id });
  } catch (error) {
    // Another window of this desk added the same person a moment ago (both saw the new "who I am"): their
    // entry stands, and is this person's.
    if ((await store.db.people.get(person.id)) !== undefined) return person.id;
    throw error;
  }
  return person.id;
}
