/**
 * Logging a case taken by phone, at the desk or from an email: one form per kind with its policy's questions,
 * notices and rules. Every missing answer is pointed out at once; a refused or failed save keeps the form
 * as it was (drafts also survive leaving the page).
 */
import { type FormEvent, Fragment, type ReactNode, useEffect, useId, useMemo, useRef, useState } from 'react';
import {
  AFFILIATIONS,
  CASE_KINDS,
  type CaseKind,
  canonicalTicketRef,
  findStaffNames,
  PRIORITIES,
  redactStaffNames,
} from '../../../shared/domain';
import type { Policy } from '../../../shared/policies';
import { describeDuration } from '../../../shared/sla';
import { correspondenceProblem, refKey } from '../../../shared/sync';
import { useCaseAccess } from '../../access/use-access';
import { useAttachCorrespondence } from '../../case-actions/Correspondence';
import { REQUEST_CHANNELS } from '../../case-actions/EscalateDialog';
import { Choices, FormAlert, FormRow } from '../../case-kit/forms';
import { IntakeFieldInput } from '../../case-kit/IntakeFieldInput';
import { KIND_LABELS, PRIORITY_LABELS, STATUS_LABELS } from '../../case-kit/labels';
import { PolicyNotices } from '../../case-kit/PolicyNotices';
import { useDeskReference } from '../../case-kit/reference';
import { useActorId } from '../../case-store/case-store';
import { useChange } from '../../case-store/changes';
import { useStoreQuery } from '../../case-store/store-query';
import { useAction } from '../../shell-services/actions';
import { linkTo, navigate, path, useLocation } from '../../shell-services/router';
import { notify } from '../../shell-services/toasts';
import { Banner } from '../../ui/Banner';
import { Button } from '../../ui/Button';
import { cx } from '../../ui/cx';
import { Field, Select, TextInput } from '../../ui/Field';
import { Section } from '../../ui/Section';
import styles from './Intake.module.css';
import {
  caseQuestions,
  emptyValues,
  formField,
  type IntakeValues,
  ownerRequired,
  requesterQuestion,
  toCreateArgs,
  validateIntake,
} from './intake-form';

const CHANNELS = REQUEST_CHANNELS.filter((c) => c.value !== 'chat');
const AFFILIATION_LABELS: Readonly<Record<(typeof AFFILIATIONS)[number], string>> = {
  student: 'Student',
  staff: 'Staff',
  public: 'Other: a member of the public',
  organisation: 'Other: an organisation',
};

/** Drafts by kind: switching forms or leaving the page loses nothing typed. */
const drafts = new Map<CaseKind, IntakeValues>();

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
  const [values, setValues] = useState<IntakeValues>(() => drafts.get(kind) ?? emptyValues(undefined));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<ReactNode>(null);
  const [busy, setBusy] = useState(false);
  const [files, setFiles] = useState<File[]>([]);
  const attachCorrespondence = useAttachCorrespondence();
  const formRef = useRef<HTMLFormElement>(null);
  const headingId = useId();

  // The policy arrives after the first render: give a new draft its stage then.
  useEffect(() => {
    if (policy) setValues((v) => (v.stage === '' ? { ...v, stage: emptyValues(policy).stage } : v));
  }, [policy]);
  useEffect(() => {
    drafts.set(kind, values);
  }, [kind, values]);
  useEffect(() => {
    if (ownerRequired(kind) && values.ownerId === '' && actorId)
      setValues((v) => ({ ...v, ownerId: actorId }));
  }, [kind, actorId, values.ownerId]);

  const set = (patch: Partial<IntakeValues>) => setValues((v) => ({ ...v, ...patch }));
  const answer = (id: string, value: string) =>
    setValues((v) => ({ ...v, answers: { ...v.answers, [id]: value } }));

  const staffNames = useMemo(() => (reference?.directory ?? []).map((p) => p.name), [reference]);
  const textsToCheck = [values.subject, ...Object.values(values.answers)];
  const mentions = policy?.intake.noStaffNames ? findStaffNames(textsToCheck, staffNames) : [];
  const redact = () => {
    setValues((v) => ({
      ...v,
      subject: redactStaffNames(v.subject, staffNames),
      answers: Object.fromEntries(
        Object.entries(v.answers).map(([id, text]) => [id, redactStaffNames(text, staffNames)]),
      ),
    }));
  };

  // The warning sits under the first answer that names someone (under the first question if only the subject does).
  const questionIds = caseQuestions(policy).map((f) => f.id);
  const warnAfter =
    mentions.length === 0
      ? null
      : (questionIds.find((id) => findStaffNames([values.answers[id] ?? ''], staffNames).length > 0) ??
        questionIds[0] ??
        null);
  const staffWarning =
    mentions.length > 0 ? (
      <Banner
        inline
        actions={
          <Button size="sm" onClick={redact}>
            Redact the names
          </Button>
        }
      >
        <strong>This names staff:</strong> {mentions.map((m) => `“${m.found}”`).join(', ')}. The first contact
        of a formal complaint is handled in confidence and should not name members of staff.
      </Banner>
    ) : null;

  const ticketField = kind === 'escalation' ? 'original-ticket' : 'related-ticket';
  const quoted = values.answers[ticketField]?.trim() ?? '';
  const access = useCaseAccess();
  const original = useStoreQuery(
    async (store) => {
      if (quoted === '') return null;
      const found = await store.db.cases.where('refKey').equals(refKey(quoted)).first();
      // A quoted case the person may not see shows nothing of itself (shared/access).
      return found !== undefined && access?.maySee(found) === true ? found : null;
    },
    [quoted, access],
    { tables: ['cases'] },
  );

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
    drafts.delete(kind);
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

  const phoneQuestion = requesterQuestion(policy, 'daytime-phone');
  const bestTimeQuestion = requesterQuestion(policy, 'best-time-to-call');
  const questions = caseQuestions(policy);

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

          <Section title="The requester">
            <Choices
              legend="Reached the desk by"
              name="channel"
              columns
              value={values.channel}
              onChange={(channel) => set({ channel })}
              choices={CHANNELS.map((c) => ({ value: c.value, label: c.label }))}
            />
            <FormRow>
              <Field label={<Required>Name</Required>} error={errors.name ?? null}>
                {(control) => (
                  <TextInput
                    {...control}
                    autoComplete="off"
                    value={values.name}
                    onChange={(e) => set({ name: e.target.value })}
                  />
                )}
              </Field>
              <Field label="Email" error={errors.email ?? null}>
                {(control) => (
                  <TextInput
                    {...control}
                    type="email"
                    autoComplete="off"
                    value={values.email}
                    onChange={(e) => set({ email: e.target.value })}
                  />
                )}
              </Field>
            </FormRow>
            <FormRow>
              <Field
                label={
                  phoneQuestion?.required ? (
                    <Required>{phoneQuestion.label}</Required>
                  ) : (
                    (phoneQuestion?.label ?? 'Phone')
                  )
                }
                error={errors.phone ?? null}
              >
                {(control) => (
                  <TextInput
                    {...control}
                    type="tel"
                    autoComplete="off"
                    value={values.phone}
                    onChange={(e) => set({ phone: e.target.value })}
                  />
                )}
              </Field>
              {bestTimeQuestion ? (
                <Field
                  label={
                    bestTimeQuestion.required ? (
                      <Required>{bestTimeQuestion.label}</Required>
                    ) : (
                      bestTimeQuestion.label
                    )
                  }
                  hint="e.g. weekdays after 2pm"
                  error={errors.bestTimeToCall ?? null}
                >
                  {(control) => (
                    <TextInput
                      {...control}
                      value={values.bestTimeToCall}
                      onChange={(e) => set({ bestTimeToCall: e.target.value })}
                    />
                  )}
                </Field>
              ) : null}
              {policy?.intake.askAffiliation ? (
                <Field
                  label="The requester is"
                  hint="Decides the external route (students: the Proctors; staff: the Registrar)."
                >
                  {(control) => (
                    <Select
                      {...control}
                      value={values.affiliation}
                      onChange={(e) =>
                        set({ affiliation: AFFILIATIONS.find((a) => a === e.target.value) ?? '' })
                      }
                    >
                      <option value="">Not known</option>
                      {AFFILIATIONS.map((a) => (
                        <option key={a} value={a}>
                          {AFFILIATION_LABELS[a]}
                        </option>
                      ))}
                    </Select>
                  )}
                </Field>
              ) : null}
            </FormRow>
          </Section>

          <Section title={`The ${KIND_LABELS[kind].toLowerCase()}`}>
            <Field
              label={<Required>Subject</Required>}
              hint="A few words the queue shows."
              error={errors.subject ?? null}
            >
              {(control) => (
                <TextInput
                  {...control}
                  value={values.subject}
                  onChange={(e) => set({ subject: e.target.value })}
                />
              )}
            </Field>
            {questions.map((field) => (
              <Fragment key={field.id}>
                <IntakeFieldInput
                  field={field}
                  value={values.answers[field.id] ?? ''}
                  onChange={(value) => answer(field.id, value)}
                  error={errors[field.id]}
                  directory={{
                    people: reference?.directory ?? [],
                    teams: [...(reference?.teams.values() ?? [])],
                  }}
                />
                {field.id === warnAfter ? staffWarning : null}
              </Fragment>
            ))}
            {policy?.intake.correspondence ? (
              <Field
                label="Correspondence (optional)"
                hint="Letters or saved emails, up to 2 MB each: kept with the case and listed in its evidence."
                error={errors.file ?? null}
              >
                {(control) => (
                  <input
                    {...control}
                    type="file"
                    multiple
                    onChange={(e) => {
                      const chosen = [...(e.currentTarget.files ?? [])];
                      const tooBig = chosen
                        .map((f) => correspondenceProblem(f.name, f.size))
                        .filter((p) => p !== null);
                      setErrors((prev) => {
                        const { file: _file, ...rest } = prev;
                        return tooBig.length > 0 ? { ...rest, file: tooBig.join(' ') } : rest;
                      });
                      setFiles(chosen.filter((f) => correspondenceProblem(f.name, f.size) === null));
                    }}
                  />
                )}
              </Field>
            ) : null}
            {quoted !== '' && original !== undefined ? (
              original === null ? (
                <p className={styles.lookup} role="status">
                  No case has the reference {canonicalTicketRef(quoted)} in this desk's store
                  {policy?.intake.requiresOriginalTicket
                    ? ': check the number with the requester.'
                    : ' (an older system, or a typo?). The case is still logged, with the number kept as given: check it with the requester.'}
                </p>
              ) : (
                <p className={cx(styles.lookup, styles.lookupFound)} role="status">
                  Will be linked to <strong>{original.ref}</strong>: {original.subject} (
                  {STATUS_LABELS[original.status]})
                </p>
              )
            ) : null}
            <FormRow>
              <Field label="Priority">
                {(control) => (
                  <Select
                    {...control}
                    value={values.priority}
                    onChange={(e) =>
                      set({ priority: PRIORITIES.find((p) => p === e.target.value) ?? 'normal' })
                    }
                  >
                    {PRIORITIES.map((p) => (
                      <option key={p} value={p}>
                        {PRIORITY_LABELS[p]}
                      </option>
                    ))}
                  </Select>
                )}
              </Field>
              {policy && policy.stages.length > 0 ? (
                <Field label="Stage">
                  {(control) => (
                    <Select
                      {...control}
                      value={values.stage}
                      onChange={(e) => set({ stage: e.target.value })}
                    >
                      {policy.stages
                        .filter((s) => !s.externalRoutes)
                        .map((s) => (
                          <option key={s.id} value={s.id}>
                            {s.name}
                          </option>
                        ))}
                    </Select>
                  )}
                </Field>
              ) : null}
              {ownerRequired(kind) ? (
                <Field
                  label={<Required>Designated owner</Required>}
                  hint="One person, from acknowledgement to resolution."
                  error={errors.ownerId ?? null}
                >
                  {(control) => (
                    <Select
                      {...control}
                      value={values.ownerId}
                      onChange={(e) => set({ ownerId: e.target.value })}
                    >
                      <option value="">Choose the owner…</option>
                      {(reference?.directory ?? []).map((p) => (
                        <option key={p.id} value={p.id}>
                          {p.name}
                          {p.id === actorId ? ' (me)' : ''}
                        </option>
                      ))}
                    </Select>
                  )}
                </Field>
              ) : null}
            </FormRow>
          </Section>

          {problem ? <FormAlert>{problem}</FormAlert> : null}
          <div className={styles.buttons}>
            <Button
              variant="ghost"
              onClick={() => {
                drafts.delete(kind);
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

/** What the policy promises for this kind of case, beside the form: what the agent can tell the requester. */
function PolicySummary({ policy }: { policy: Policy }) {
  const id = useId();
  return (
    <aside className={styles.summary} aria-labelledby={id}>
      <h2 id={id} className={styles.sectionTitle}>
        {policy.name}: what happens next
      </h2>
      {policy.targets.length > 0 ? (
        <ul className={styles.promises}>
          {policy.targets.map((target) => (
            <li key={target.id}>
              <span className={styles.promise}>{target.name}</span>
              {target.name.includes(String(target.duration.amount)) ? null : (
                <span className={styles.promiseHint}>{describeDuration(target.duration)}</span>
              )}
            </li>
          ))}
        </ul>
      ) : (
        <p>No deadline applies to this kind of case.</p>
      )}
      <ul className={styles.facts}>
        {policy.confidentialByDefault ? (
          <li>Handled in confidence: only staff allowed to see complaints get it.</li>
        ) : null}
        {policy.ownership.required ? (
          <li>
            One designated owner from {policy.ownership.from === 'intake' ? 'logging' : 'acknowledgement'} to
            resolution.
          </li>
        ) : null}
        {policy.pauseStatuses.length > 0 ? (
          <li>
            Clocks pause while the case is{' '}
            {policy.pauseStatuses.map((s) => STATUS_LABELS[s].toLowerCase()).join(' or ')}.
          </li>
        ) : null}
        {policy.stages.length > 0 ? <li>Stages: {policy.stages.map((s) => s.name).join(' → ')}.</li> : null}
        {policy.externalReferrals.map((route) => (
          <li key={route.body}>
            May be referred to {route.body}
            {route.description
              ? `: ${route.description.charAt(0).toLowerCase()}${route.description.slice(1)}`
              : '.'}
          </li>
        ))}
      </ul>
    </aside>
  );
}

function Required({ children }: { children: ReactNode }) {
  return (
    <>
      {children}
      <span aria-hidden="true" className={styles.required}>
        {' '}
        *
      </span>
    </>
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
