/**
 * What every case dialog shares: its fields start afresh each time it opens, the submit button waits while
 * the change runs, and what went wrong shows above the buttons (FormAlert).
 */
import { type FormEvent, type ReactNode, useEffect, useRef, useState } from 'react';
import type { CaseRow } from '../db';
import { Button } from '../ui/Button';
import { Dialog, type DialogProps } from '../ui/Dialog';
import { DialogBody, DialogButtons, FormAlert } from './forms';
import type { DeskReference } from './reference';

/** How a view opens a case dialog and hears that it closed. */
export interface DialogOpenProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
}

/** A dialog about the cases chosen in the queue, or the one open in the case view. */
export interface CasesDialogProps extends DialogOpenProps {
  cases: readonly CaseRow[];
  reference: DeskReference | undefined;
}

export interface FormDialogState {
  problem: string | null;
  busy: boolean;
  onSubmit: (event: FormEvent) => Promise<void>;
}

export function useFormDialog({
  open,
  reset,
  resetOn = [],
  submit,
}: {
  open: boolean;
  /** Puts the fields back as they start. */
  reset: () => void;
  /** Values that also start the fields afresh when they change while the dialog is open (who "me" is). */
  resetOn?: readonly unknown[];
  /** Makes the change; returns what went wrong, if anything, to show. */
  submit: () => Promise<string | null | undefined> | string | null | undefined;
}): FormDialogState {
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const latest = useRef({ reset, submit });
  latest.current = { reset, submit };

  // The caller's `resetOn` are deps too: a list of fixed length, as React asks.
  useEffect(() => {
    if (!open) return;
    latest.current.reset();
    setProblem(null);
  }, [open, ...resetOn]);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    setBusy(true);
    try {
      setProblem((await latest.current.submit()) ?? null);
    } finally {
      setBusy(false);
    }
  };
  return { problem, busy, onSubmit };
}

/** A case dialog's frame: the form (named for assistive technology), its fields, the problem, Cancel and submit. */
export function FormDialog({
  form,
  label,
  submitLabel,
  canSubmit = true,
  children,
  ...dialog
}: Omit<DialogProps, 'hideTitle' | 'className'> & {
  form: FormDialogState;
  /** The form's accessible name ("Change the status"). */
  label: string;
  submitLabel: ReactNode;
  canSubmit?: boolean;
}) {
  return (
    <Dialog width="sm" {...dialog}>
      <form onSubmit={form.onSubmit} aria-label={label}>
        <DialogBody>
          {children}
          {form.problem ? <FormAlert>{form.problem}</FormAlert> : null}
          <DialogButtons>
            <Button variant="ghost" onClick={() => dialog.onOpenChange(false)}>
              Cancel
            </Button>
            <Button variant="primary" type="submit" disabled={form.busy || !canSubmit}>
              {submitLabel}
            </Button>
          </DialogButtons>
        </DialogBody>
      </form>
    </Dialog>
  );
}
