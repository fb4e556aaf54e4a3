/** Change the status of one case or a selection; says which statuses pause the SLA clocks under the policy. */
import { useState } from 'react';
import { CASE_STATUSES, type CaseStatus } from '../../shared/domain';
import { type CasesDialogProps, FormDialog, useFormDialog } from '../case-kit/FormDialog';
import { Choices } from '../case-kit/forms';
import { STATUS_LABELS } from '../case-kit/labels';
import { useChange } from '../case-store/changes';
import { Field, TextArea } from '../ui/Field';
import { applyToCases, reportApplied } from './apply';

const CHOOSABLE = CASE_STATUSES.filter((s) => s !== 'new');

export function StatusDialog({ open, onOpenChange, cases, reference }: CasesDialogProps) {
  const change = useChange();
  const [status, setStatus] = useState<CaseStatus | null>(null);
  const [reason, setReason] = useState('');
  const single = cases.length === 1 ? cases[0]! : null;

  const pauses = (s: CaseStatus) =>
    cases.some((c) => reference?.policyFor(c)?.pauseStatuses.includes(s) ?? s === 'pending-requester');

  const form = useFormDialog({
    open,
    reset: () => {
      setStatus(null);
      setReason('');
    },
    submit: async () => {
      if (status === null) return 'Choose the new status.';
      const targets = cases.filter((c) => c.status !== status);
      const applied = await applyToCases(change, targets, 'setStatus', (kase) => ({
        caseId: kase.id,
        status,
        ...(reason.trim() ? { reason: reason.trim() } : {}),
      }));
      if (applied.failed.length > 0 && applied.done.length === 0) return applied.failed[0]!.failure.message;
      reportApplied(applied, targets.length, (refs) => `${refs}: ${STATUS_LABELS[status].toLowerCase()}`);
      onOpenChange(false);
    },
  });

  return (
    <FormDialog
      open={open}
      onOpenChange={onOpenChange}
      title={single ? `Status of ${single.ref}` : `Status of ${cases.length} cases`}
      form={form}
      label="Change the status"
      submitLabel="Change status"
    >
      <Choices
        legend="New status"
        name="status"
        value={status}
        onChange={setStatus}
        choices={CHOOSABLE.map((s) => ({
          value: s,
          label: single?.status === s ? `${STATUS_LABELS[s]} (now)` : STATUS_LABELS[s],
          ...(pauses(s)
            ? { hint: 'Pauses the SLA clocks until the case moves on' }
            : s === 'resolved' || s === 'closed'
              ? { hint: 'Stops the SLA clocks' }
              : {}),
        }))}
      />
      <Field label="Reason (optional)" hint="Shown on the timeline.">
        {(control) => (
          <TextArea {...control} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
        )}
      </Field>
    </FormDialog>
  );
}
