/** Change the status of one case or a selection; says which statuses pause the SLA clocks under the policy. */
import { type FormEvent, useEffect, useState } from 'react';
import { CASE_STATUSES, type CaseStatus } from '../../shared/domain';
import { Choices, DialogBody, DialogButtons, FormAlert, TextArea } from '../case-kit/forms';
import { STATUS_LABELS } from '../case-kit/labels';
import type { DeskReference } from '../case-kit/reference';
import { useChange } from '../case-store/changes';
import type { CaseRow } from '../db';
import { Button } from '../ui/Button';
import { Dialog } from '../ui/Dialog';
import { Field } from '../ui/Field';
import { applyToCases, reportApplied } from './apply';

const CHOOSABLE = CASE_STATUSES.filter((s) => s !== 'new');

export function StatusDialog({
  open,
  onOpenChange,
  cases,
  reference,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  cases: readonly CaseRow[];
  reference: DeskReference | undefined;
}) {
  const change = useChange();
  const [status, setStatus] = useState<CaseStatus | null>(null);
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const single = cases.length === 1 ? cases[0]! : null;

  useEffect(() => {
    if (open) {
      setStatus(null);
      setReason('');
      setProblem(null);
    }
  }, [open]);

  const pauses = (s: CaseStatus) =>
    cases.some((c) => reference?.policyFor(c)?.pauseStatuses.includes(s) ?? s === 'pending-requester');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (status === null) {
      setProblem('Choose the new status.');
      return;
    }
    setBusy(true);
    const targets = cases.filter((c) => c.status !== status);
    const applied = await applyToCases(change, targets, 'setStatus', (kase) => ({
      caseId: kase.id,
      status,
      ...(reason.trim() ? { reason: reason.trim() } : {}),
    }));
    setBusy(false);
    if (applied.failed.length > 0 && applied.done.length === 0) {
      setProblem(applied.failed[0]!.failure.message);
      return;
    }
    reportApplied(applied, targets.length, (refs) => `${refs}: ${STATUS_LABELS[status].toLowerCase()}`);
    onOpenChange(false);
  };

  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title={single ? `Status of ${single.ref}` : `Status of ${cases.length} cases`}
      width="sm"
    >
      <form onSubmit={submit} aria-label="Change the status">
        <DialogBody>
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
          {problem ? <FormAlert>{problem}</FormAlert> : null}
          <DialogButtons>
            <Button variant="ghost" onClick={() => onOpenChange(false)}>
              Cancel
            </Button>
            <Button variant="primary" type="submit" disabled={busy}>
              Change status
            </Button>
          </DialogButtons>
        </DialogBody>
      </form>
    </Dialog>
  );
}
