/**
 * Logging a case taken by phone, at the desk or from an email: one form per kind with its policy's questions,
 * notices and rules. Every missing answer is pointed out at once; a refused or failed save keeps the form
 * as it was (drafts also survive leaving the page). The form's sections are RequesterSection and CaseSection.
 */
import { type FormEvent, type ReactNode, useId, useRef, useState } from 'react';
import { CASE_KINDS, type CaseKind, canonicalTicketRef } from '../../../shared/domain';
import { correspondenceProblem } from '../../../shared/sync';
import { useAttachCorrespondence } from '../../case-actions/Correspondence';
import { FormAlert } from '../../case-kit/forms';
import { KIND_LABELS } from '../../case-kit/labels';
import { PolicyNotices } from '../../case-kit/PolicyNotices';
import { useDeskReference } from '../../case-kit/reference';
import { useActorId } from '../../case-store/case-store';
import { useChange } from '../../case-store/changes';
import { useAction } from '../../shell-services/actions';
import { linkTo, navigate, path, useLocation } from '../../shell-services/router';
import { notify } from '../../shell-services/toasts';
import { Button } from '../../ui/Button';
import { cx } from '../../ui/cx';
import { CaseSection } from './CaseSection';
import styles from './Intake.module.css';
import { emptyValues, formField, type IntakeValues, toCreateArgs, validateIntake } from './intake-form';
import { PolicySummary } from './PolicySummary';
import { RequesterSection } from './RequesterSection';
import { forgetDraft, useIntakeDraft, useStaffNamesWarning } from './use-intake';

function kindFrom(segment: string | undefined): CaseKind {
  return CASE_KINDS.find((k) => k === segment) ?? 'query';
}

export function IntakeView() {
  const { segments } = useLocation();
  const kind = kindFrom(segments[1]);
  return <IntakeForm key={kind} kind={kind} />;
}

function IntakeForm({ kind }: { kind: CaseKind }) {
  const reference = useDeskReference();
  const policy = reference?.policyForKind(kind);
  const actorId = useActorId();
  const change = useChange();
  const [values, setValues] = useIntakeDraft(kind, policy, actorId);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<ReactNode>(null);
  const [busy, setBusy] = useState(false);
  const [files, setFiles] = useState<File[]>([]);
  const attachCorrespondence = useAttachCorrespondence();
  const formRef = useRef<HTMLFormElement>(null);
  const headingId = useId();

  const set = (patch: Partial<IntakeValues>) => setValues((v) => ({ ...v, ...patch }));
  const answer = (id: string, value: string) =>
    setValues((v) => ({ ...v, answers: { ...v.answers, [id]: value } }));

  const { warnAfter, staffWarning } = useStaffNamesWarning(policy, reference, values, setValues);

  const ticketField = kind === 'escalation' ? 'original-ticket' : 'related-ticket';
  const quoted = values.answers[ticketField]?.trim() ?? '';

  useAction({
    id: 'intake.submit',
    label: `Log the ${KIND_LABELS[kind].toLowerCase()}`,
    group: 'New case',
    run: () => formRef.current?.requestSubmit(),
  });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    const found = validateIntake(kind, policy, values);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      setProblem(
        <>
          <strong>Not logged yet</strong>:{' '}
          {Object.keys(found).length === 1 ? 'one answer is' : `${Object.keys(found).length} answers are`}{' '}
          missing or need a fix (marked below). Nothing you typed is lost.
        </>,
      );
      focusFirstError(formRef.current);
      return;
    }
    setBusy(true);
    const outcome = await change('createCase', toCreateArgs(kind, policy, values));
    setBusy(false);
    if (!outcome.ok) {
      const fieldErrors: Record<string, string> = {};
      for (const [key, message] of Object.entries(outcome.failure.fields))
        fieldErrors[formField(key)] = message;
      setErrors(fieldErrors);
      setProblem(
        <>
          <strong>Not logged</strong>: {outcome.failure.message}
          {outcome.failure.kind === 'refused' ? ' Nothing you typed is lost: correct it and log again.' : ''}
        </>,
      );
      return;
    }
    const created = outcome.result.cases.find((c) => c.kind === kind) ?? outcome.result.cases[0];
    forgetDraft(kind);
    if (created && files.length > 0) {
      const problems = await attachCorrespondence(created.id, files);
      if (problems.length > 0)
        notify({ tone: 'error', title: 'Not every file was attached', description: problems.join(' ') });
    }
    notify({
      tone: 'success',
      title: `${KIND_LABELS[kind]} ${created?.ref ?? ''} logged`,
      ...(created?.originalCaseId
        ? { description: `Linked to ${canonicalTicketRef(values.answers[ticketField] ?? '')}.` }
        : {}),
    });
    if (created) navigate(path('queue', created.id));
  };

  // What both sections read and write.
  const answers = { policy, values, errors, set };
  const chooseFiles = (chosen: File[]) => {
    const tooBig = chosen.map((f) => correspondenceProblem(f.name, f.size)).filter((p) => p !== null);
    setErrors((prev) => {
      const { file: _file, ...rest } = prev;
      return tooBig.length > 0 ? { ...rest, file: tooBig.join(' ') } : rest;
    });
    setFiles(chosen.filter((f) => correspondenceProblem(f.name, f.size) === null));
  };

  return (
    <div className={styles.intake}>
      <header className={styles.header}>
        <h1 id={headingId} className={styles.title}>
          Log a new case
        </h1>
        <nav className={styles.kinds} aria-label="Kind of case">
          {CASE_KINDS.map((k) => (
            <a
              key={k}
              {...linkTo(path('intake', k))}
              className={cx(styles.kind, k === kind && styles.kindActive)}
              aria-current={k === kind ? 'page' : undefined}
            >
              {KIND_LABELS[k]}
            </a>
          ))}
        </nav>
        {policy ? <p className={styles.policy}>{policy.description}</p> : null}
      </header>
      <div className={styles.layout}>
        <form ref={formRef} className={styles.form} onSubmit={submit} noValidate aria-labelledby={headingId}>
          <PolicyNotices policy={policy} />

          <RequesterSection {...answers} />
          <CaseSection
            {...answers}
            kind={kind}
            reference={reference}
            actorId={actorId}
            answer={answer}
            quoted={quoted}
            warnAfter={warnAfter}
            staffWarning={staffWarning}
            onFiles={chooseFiles}
          />

          {problem ? <FormAlert>{problem}</FormAlert> : null}
          <div className={styles.buttons}>
            <Button
              variant="ghost"
              onClick={() => {
                forgetDraft(kind);
                setValues(emptyValues(policy));
                setErrors({});
                setProblem(null);
              }}
            >
              Clear the form
            </Button>
            <Button variant="primary" type="submit" disabled={busy || !policy}>
              Log the {KIND_LABELS[kind].toLowerCase()}
            </Button>
          </div>
        </form>
        {policy ? <PolicySummary policy={policy} /> : null}
      </div>
    </div>
  );
}

function focusFirstError(form: HTMLFormElement | null) {
  requestAnimationFrame(() => {
    const invalid = form?.querySelector<HTMLElement>('[aria-invalid="true"]');
    const target =
      invalid instanceof HTMLFieldSetElement ? invalid.querySelector<HTMLElement>('input') : invalid;
    target?.focus();
  });
}
