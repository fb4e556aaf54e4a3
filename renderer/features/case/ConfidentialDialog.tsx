/** Mark a case confidential (only roles allowed to see confidential cases get it), or lift that. */
import { type FormEvent, useEffect, useState } from 'react';
import { DialogBody, DialogButtons, FormAlert, TextArea } from '../../case-kit/forms';
import { useChange } from '../../case-store/changes';
import type { CaseRow } from '../../db';
import { notify } from '../../shell-services/toasts';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { Field } from '../../ui/Field';

export function ConfidentialDialog({
  open,
  onOpenChange,
  kase,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  kase: CaseRow;
}) {
  const change = useChange();
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const making = !kase.confidential;

  useEffect(() => {
    if (open) {
      setReason('');
      setProblem(null);
    }
  }, [open]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const outcome = await change('setConfidential', {
      caseId: kase.id,
      confidential: making,
      ...(reason.trim() ? { reason: reason.trim() } : {}),
    });
    if (!outcome.ok) {
      setProblem(outcome.failure.message);
      return;
    }
    notify({
      tone: 'success',
      title: `${kase.ref} is ${making ? 'now confidential' : 'no longer confidential'}`,
    });
    onOpenChange(false);
  };

  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title={making ? `Mark ${kase.ref} confidential` : `Lift confidentiality of ${kase.ref}`}
      description={
        making
          ? 'Only people whose role allows confidential cases will receive it from the server; it leaves the other desks.'
          : 'Everyone at the desk will be able to see it again.'
      }
      width="sm"
    >
      <form onSubmit={submit} aria-label="Confidentiality">
        <DialogBody>
          <Field label="Reason (optional)" hint="Recorded on the timeline.">
            {(control) => (
              <TextArea {...control} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
            )}
          </Field>
          {problem ? <FormAlert>{problem}</FormAlert> : null}
          <DialogButtons>
            <Button variant="ghost" onClick={() => onOpenChange(false)}>
              Cancel
            </Button>
            <Button variant="primary" type="submit">
              {making ? 'Mark confidential' : 'Lift confidentiality'}
            </Button>
          </DialogButtons>
        </DialogBody>
      </form>
    </Dialog>
  );
}
