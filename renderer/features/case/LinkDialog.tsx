/** Link this case to another by the reference someone quoted. */
import { useState } from 'react';
import { LINK_RELATIONS } from '../../../shared/domain';
import { type DialogOpenProps, FormDialog, useFormDialog } from '../../case-kit/FormDialog';
import { useChange } from '../../case-store/changes';
import type { CaseRow } from '../../db';
import { notify } from '../../shell-services/toasts';
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
}: DialogOpenProps & {
  kase: CaseRow;
}) {
  const change = useChange();
  const [ref, setRef] = useState('');
  const [relation, setRelation] = useState<Relation>('related');
  const [error, setError] = useState<string | null>(null);

  const form = useFormDialog({
    open,
    reset: () => {
      setRef('');
      setRelation('related');
      setError(null);
    },
    submit: async () => {
      if (ref.trim() === '') {
        setError('Type the reference of the other case, e.g. Q-10428.');
        return;
      }
      const outcome = await change('linkCases', { caseId: kase.id, otherRef: ref, relation });
      if (!outcome.ok) {
        setError(outcome.failure.fields.otherRef ?? null);
        return outcome.failure.message;
      }
      const other = outcome.result.cases.find((c) => c.id !== kase.id);
      notify({ tone: 'success', title: `${kase.ref} linked to ${other?.ref ?? ref}` });
      onOpenChange(false);
    },
  });

  return (
    <FormDialog
      open={open}
      onOpenChange={onOpenChange}
      title={`Link ${kase.ref} to another case`}
      form={form}
      label="Link cases"
      submitLabel="Link"
    >
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
          <TextInput {...control} value={ref} onChange={(e) => setRef(e.target.value)} autoComplete="off" />
        )}
      </Field>
    </FormDialog>
  );
}
