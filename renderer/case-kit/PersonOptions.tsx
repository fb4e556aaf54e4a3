import type { Person, Team } from '../../shared/sync';

/** The directory as a select's options, "(me)" beside the person using the app and, given the teams, each one's team. */
export function PersonOptions({
  people,
  me,
  teams,
}: {
  people: readonly Person[];
  me: string | null;
  teams?: ReadonlyMap<string, Team> | undefined;
}) {
  return people.map((p) => (
    <option key={p.id} value={p.id}>
      {p.name}
      {p.id === me ? ' (me)' : ''}
      {teams && p.teamId ? ` · ${teams.get(p.teamId)?.name ?? ''}` : ''}
    </option>
  ));
}
