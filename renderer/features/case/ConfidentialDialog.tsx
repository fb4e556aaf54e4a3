/** Mark a case confidential (only roles allowed to see confidential cases get it), or lift that. */
import { useState } from 'react';
import { type DialogOpenProps, FormDialog, useFormDialog } from '../../case-kit/FormDialog';
import { useChange } from '../../case-store/changes';
import type { CaseRow } from '../../db';
import { notify } from '../../shell-services/toasts';
import { Field, TextArea } from '../../ui/Field';

export function ConfidentialDialog({
  open,
  onOpenChange,
  kase,
}: DialogOpenProps & {
  kase: CaseRow;
}) {
  const change = useChange();
  const [reason, setReason] = useState('');
  const making = !kase.confidential;

  const form = useFormDialog({
    open,
    reset: () => setReason(''),
    submit: async () => {
      const outcome = await change('setConfidential', {
        caseId: kase.id,
        confidential: making,
        ...(reason.trim() ? { reason: reason.trim() } : {}),
      });
      if (!outcome.ok) return outcome.failure.message;
      notify({
        tone: 'success',
        title: `${kase.ref} is ${making ? 'now confidential' : 'no longer confidential'}`,
      });
      onOpenChange(false);
    },
  });

  return (
    <FormDialog
      open={open}
      onOpenChange={onOpenChange}
      title={making ? `Mark ${kase.ref} confidential` : `Lift confidentiality of ${kase.ref}`}
      description={
        making
          ? 'Only people whose role allows confidential cases will receive it from the server; it leaves the other desks.'
          : 'Everyone at the desk will be able to see it again.'
      }
      form={form}
      label="Confidentiality"
      submitLabel={making ? 'Mark confidential' : 'Lift confidentiality'}
    >
      <Field label="Reason (optional)" hint="Recorded on the timeline.">
        {(control) => (
          <TextArea {...control} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
        )}
      </Field>
    </FormDialog>
  );
}
