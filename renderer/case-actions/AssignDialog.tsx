/**
 * Assign one case or a selection to a person (and team). A case whose policy needs one designated owner
 * (escalations, formal complaints) shows its owner too, and never offers "no owner".
 */
import { useState } from 'react';
import { type CasesDialogProps, FormDialog, useFormDialog } from '../case-kit/FormDialog';
import { PersonOptions } from '../case-kit/PersonOptions';
import { useActorId } from '../case-store/case-store';
import { useChange } from '../case-store/changes';
import { Field, Select } from '../ui/Field';
import { applyToCases, reportApplied } from './apply';

const NOBODY = '';
const KEEP_TEAM = '(keep)';

export function AssignDialog({ open, onOpenChange, cases, reference }: CasesDialogProps) {
  const change = useChange();
  const me = useActorId();
  const single = cases.length === 1 ? cases[0]! : null;
  const ownerRequired = single !== null && (reference?.policyFor(single)?.ownership.required ?? false);
  const [assignee, setAssignee] = useState<string>(NOBODY);
  const [team, setTeam] = useState<string>(KEEP_TEAM);
  // The owner stays who it is unless someone chooses another; a case without one follows the assignee.
  const [chosenOwner, setOwner] = useState<string | null>(null);
  const owner = chosenOwner ?? single?.ownerId ?? assignee;
  const people = reference?.directory ?? [];
  const teams = [...(reference?.teams.values() ?? [])].sort((a, b) => a.name.localeCompare(b.name));

  const form = useFormDialog({
    open,
    reset: () => {
      setAssignee(single?.assigneeId ?? me ?? NOBODY);
      setTeam(KEEP_TEAM);
      setOwner(null);
    },
    resetOn: [single, me],
    submit: async () => {
      if (ownerRequired && owner === NOBODY)
        return `${single?.ref} needs a designated owner: choose who owns it until it is resolved.`;
      const assigneeId = assignee === NOBODY ? null : assignee;
      const teamId = team === KEEP_TEAM ? undefined : team === NOBODY ? null : team;
      // A chosen owner travels with the assignment: one step, one owner change.
      const ownerId =
        ownerRequired && single && owner !== NOBODY && owner !== single.ownerId ? owner : undefined;
      const toAssign = cases.filter(
        (c) =>
          c.assigneeId !== assigneeId ||
          (teamId !== undefined && c.teamId !== teamId) ||
          ownerId !== undefined,
      );
      const applied = await applyToCases(change, toAssign, 'assign', (kase) => ({
        caseId: kase.id,
        assigneeId,
        ...(teamId === undefined ? {} : { teamId }),
        ...(ownerId === undefined ? {} : { ownerId }),
      }));
      if (applied.failed.length > 0 && applied.done.length === 0) return applied.failed[0]!.failure.message;
      const who =
        assigneeId === null
          ? 'nobody'
          : assigneeId === me
            ? 'you'
            : (reference?.people.get(assigneeId)?.name ?? 'them');
      reportApplied(applied, Math.max(1, toAssign.length), (refs) =>
        assigneeId === null ? `${refs} unassigned` : `Assigned ${refs} to ${who}`,
      );
      onOpenChange(false);
    },
  });

  return (
    <FormDialog
      open={open}
      onOpenChange={onOpenChange}
      title={single ? `Assign ${single.ref}` : `Assign ${cases.length} cases`}
      form={form}
      label="Assign"
      submitLabel="Assign"
    >
      <Field label="Assignee" hint="Who works the case now.">
        {(control) => (
          <Select {...control} value={assignee} onChange={(e) => setAssignee(e.target.value)}>
            <option value={NOBODY}>Unassigned</option>
            <PersonOptions people={people} me={me} teams={reference?.teams} />
          </Select>
        )}
      </Field>
      <Field label="Team">
        {(control) => (
          <Select {...control} value={team} onChange={(e) => setTeam(e.target.value)}>
            <option value={KEEP_TEAM}>Keep the current team</option>
            <option value={NOBODY}>No team</option>
            {teams.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </Select>
        )}
      </Field>
      {ownerRequired ? (
        <Field
          label="Designated owner"
          hint="The one person accountable from acknowledgement to resolution. It can change hands, never be empty."
        >
          {(control) => (
            <Select {...control} value={owner} onChange={(e) => setOwner(e.target.value)}>
              {owner === NOBODY ? <option value={NOBODY}>Choose the owner…</option> : null}
              <PersonOptions people={people} me={me} />
            </Select>
          )}
        </Field>
      ) : null}
    </FormDialog>
  );
}
