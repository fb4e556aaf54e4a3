/** Link this case to another by the reference someone quoted. */
import { type FormEvent, useEffect, useState } from 'react';
import { LINK_RELATIONS } from '../../../shared/domain';
import { DialogBody, DialogButtons, FormAlert } from '../../case-kit/forms';
import { useChange } from '../../case-store/changes';
import type { CaseRow } from '../../db';
import { notify } from '../../shell-services/toasts';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { Field, Select, TextInput } from '../../ui/Field';

type Relation = (typeof LINK_RELATIONS)[number];

const RELATION_LABELS: Readonly<Record<Relation, string>> = {
  related: 'Is related to',
  escalates: 'Escalates',
  'complains-about': 'Complains about',
};

export function LinkDialog({
  open,
  onOpenChange,
  kase,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  kase: CaseRow;
}) {
  const change = useChange();
  const [ref, setRef] = useState('');
  const [relation, setRelation] = useState<Relation>('related');
  const [error, setError] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    if (!open) return;
    setRef('');
    setRelation('related');
    setError(null);
    setProblem(null);
  }, [open]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (ref.trim() === '') {
      setError('Type the reference of the other case, e.g. Q-10428.');
      return;
    }
    const outcome = await change('linkCases', { caseId: kase.id, otherRef: ref, relation });
    if (!outcome.ok) {
      setError(outcome.failure.fields.otherRef ?? null);
      setProblem(outcome.failure.message);
      return;
    }
    const other = outcome.result.cases.find((c) => c.id !== kase.id);
    notify({ tone: 'success', title: `${kase.ref} linked to ${other?.ref ?? ref}` });
    onOpenChange(false);
  };

  return (
    <Dialog open={open} onOpenChange={onOpenChange} title={`Link ${kase.ref} to another case`} width="sm">
      <form onSubmit={submit} aria-label="Link cases">
        <DialogBody>
          <Field label="How it relates">
            {(control) => (
              <Select
                {...control}
                value={relation}
                onChange={(e) => setRelation(LINK_RELATIONS.find((r) => r === e.target.value) ?? 'related')}
              >
                {LINK_RELATIONS.map((r) => (
                  <option key={r} value={r}>
                    {RELATION_LABELS[r]}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <Field label="Other case's reference" hint="As quoted: “q 10428” finds Q-10428." error={error}>
            {(control) => (
              <TextInput
                {...control}
                value={ref}
                onChange={(e) => setRef(e.target.value)}
                autoComplete="off"
              />
            )}
          </Field>
          {problem ? <FormAlert>{problem}</FormAlert> : null}
          <DialogButtons>
            <Button variant="ghost" onClick={() => onOpenChange(false)}>
              Cancel
            </Button>
            <Button variant="primary" type="submit">
              Link
            </Button>
          </DialogButtons>
        </DialogBody>
      </form>
    </Dialog>
  );
}
