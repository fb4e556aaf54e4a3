/**
 * Change the kind of a case (a mail arrives as a query; the agent sees it is a complaint): the case moves onto
 * that kind's policy, whose clocks then run from when it was received.
 */
import { useState } from 'react';
import { CASE_KINDS, type CaseKind } from '../../../shared/domain';
import { type DialogOpenProps, FormDialog, useFormDialog } from '../../case-kit/FormDialog';
import { KIND_LABELS } from '../../case-kit/labels';
import { useChange } from '../../case-store/changes';
import type { CaseRow } from '../../db';
import { notify } from '../../shell-services/toasts';
import { Field, Select } from '../../ui/Field';

export function KindDialog({
  open,
  onOpenChange,
  kase,
}: DialogOpenProps & {
  kase: CaseRow;
}) {
  const change = useChange();
  const [kind, setKind] = useState<CaseKind>(kase.kind);
  const form = useFormDialog({
    open,
    reset: () => setKind(kase.kind),
    resetOn: [kase.kind],
    submit: async () => {
      if (kind === kase.kind) {
        onOpenChange(false);
        return;
      }
      const outcome = await change('changeKind', { caseId: kase.id, kind });
      if (!outcome.ok) return outcome.failure.message;
      notify({ tone: 'success', title: `${kase.ref} is now a ${KIND_LABELS[kind].toLowerCase()}` });
      onOpenChange(false);
    },
  });

  return (
    <FormDialog
      open={open}
      onOpenChange={onOpenChange}
      title={`Change the kind of ${kase.ref}`}
      description="The case moves onto that kind's policy: its deadlines are worked out again from when it was received."
      form={form}
      label="Change kind"
      submitLabel="Change kind"
    >
      <Field label="Kind">
        {(control) => (
          <Select {...control} value={kind} onChange={(e) => setKind(e.target.value as CaseKind)}>
            {CASE_KINDS.map((value) => (
              <option key={value} value={value}>
                {KIND_LABELS[value]}
              </option>
            ))}
          </Select>
        )}
      </Field>
    </FormDialog>
  );
}
