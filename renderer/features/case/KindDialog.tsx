/**
 * Change the kind of a case (a mail arrives as a query; the agent sees it is a complaint): the case moves onto
 * that kind's policy, whose clocks then run from when it was received.
 */
import { type FormEvent, useEffect, useState } from 'react';
import { CASE_KINDS, type CaseKind } from '../../../shared/domain';
import { DialogBody, DialogButtons, FormAlert } from '../../case-kit/forms';
import { KIND_LABELS } from '../../case-kit/labels';
import { useChange } from '../../case-store/changes';
import type { CaseRow } from '../../db';
import { notify } from '../../shell-services/toasts';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { Field, Select } from '../../ui/Field';

export function KindDialog({
  open,
  onOpenChange,
  kase,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  kase: CaseRow;
}) {
  const change = useChange();
  const [kind, setKind] = useState<CaseKind>(kase.kind);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    if (open) {
      setKind(kase.kind);
      setProblem(null);
    }
  }, [open, kase.kind]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (kind === kase.kind) {
      onOpenChange(false);
      return;
    }
    const outcome = await change('changeKind', { caseId: kase.id, kind });
    if (!outcome.ok) {
      setProblem(outcome.failure.message);
      return;
    }
    notify({ tone: 'success', title: `${kase.ref} is now a ${KIND_LABELS[kind].toLowerCase()}` });
    onOpenChange(false);
  };

  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title={`Change the kind of ${kase.ref}`}
      description="The case moves onto that kind's policy: its deadlines are worked out again from when it was received."
      width="sm"
    >
      <form onSubmit={submit} aria-label="Change kind">
        <DialogBody>
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
          {problem ? <FormAlert>{problem}</FormAlert> : null}
          <DialogButtons>
            <Button variant="ghost" onClick={() => onOpenChange(false)}>
              Cancel
            </Button>
            <Button variant="primary" type="submit">
              Change kind
            </Button>
          </DialogButtons>
        </DialogBody>
      </form>
    </Dialog>
  );
}
