/** What the case is about: the subject, the policy's questions, correspondence, and how it is handled. */
import { Fragment, type ReactNode } from 'react';
import { type CaseKind, canonicalTicketRef, PRIORITIES } from '../../../shared/domain';
import type { Policy } from '../../../shared/policies';
import { refKey } from '../../../shared/sync';
import { FormRow } from '../../case-kit/forms';
import { IntakeFieldInput } from '../../case-kit/IntakeFieldInput';
import { KIND_LABELS, PRIORITY_LABELS, STATUS_LABELS } from '../../case-kit/labels';
import { PersonOptions } from '../../case-kit/PersonOptions';
import type { DeskReference } from '../../case-kit/reference';
import { useStoreQuery } from '../../case-store/store-query';
import { useCaseAccess } from '../../case-store/use-access';
import { cx } from '../../ui/cx';
import { Field, Select, TextInput } from '../../ui/Field';
import { Section } from '../../ui/Section';
import styles from './Intake.module.css';
import { caseQuestions, type IntakeValues, ownerRequired } from './intake-form';
import { Required } from './Required';

export function CaseSection({
  kind,
  policy,
  reference,
  actorId,
  values,
  errors,
  set,
  answer,
  quoted,
  warnAfter,
  staffWarning,
  onFiles,
}: {
  kind: CaseKind;
  policy: Policy | undefined;
  reference: DeskReference | undefined;
  actorId: string | null;
  values: IntakeValues;
  errors: Readonly<Record<string, string>>;
  set: (patch: Partial<IntakeValues>) => void;
  answer: (id: string, value: string) => void;
  /** The ticket reference the requester quoted, to look up. */
  quoted: string;
  /** The question under which the staff-names warning stands. */
  warnAfter: string | null;
  staffWarning: ReactNode;
  onFiles: (chosen: File[]) => void;
}) {
  const questions = caseQuestions(policy);
  return (
    <Section title={`The ${KIND_LABELS[kind].toLowerCase()}`}>
      <Field
        label={<Required>Subject</Required>}
        hint="A few words the queue shows."
        error={errors.subject ?? null}
      >
        {(control) => (
          <TextInput {...control} value={values.subject} onChange={(e) => set({ subject: e.target.value })} />
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
              onChange={(e) => onFiles([...(e.currentTarget.files ?? [])])}
            />
          )}
        </Field>
      ) : null}
      <OriginalLookup quoted={quoted} requiresOriginal={policy?.intake.requiresOriginalTicket ?? false} />
      <FormRow>
        <Field label="Priority">
          {(control) => (
            <Select
              {...control}
              value={values.priority}
              onChange={(e) => set({ priority: PRIORITIES.find((p) => p === e.target.value) ?? 'normal' })}
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
              <Select {...control} value={values.stage} onChange={(e) => set({ stage: e.target.value })}>
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
              <Select {...control} value={values.ownerId} onChange={(e) => set({ ownerId: e.target.value })}>
                <option value="">Choose the owner…</option>
                <PersonOptions people={reference?.directory ?? []} me={actorId} />
              </Select>
            )}
          </Field>
        ) : null}
      </FormRow>
    </Section>
  );
}

/** The case the quoted reference names, looked up as it is typed (one the person may not see shows nothing). */
function OriginalLookup({ quoted, requiresOriginal }: { quoted: string; requiresOriginal: boolean }) {
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
  if (quoted === '' || original === undefined) return null;
  return original === null ? (
    <p className={styles.lookup} role="status">
      No case has the reference {canonicalTicketRef(quoted)} in this desk's store
      {requiresOriginal
        ? ': check the number with the requester.'
        : ' (an older system, or a typo?). The case is still logged, with the number kept as given: check it with the requester.'}
    </p>
  ) : (
    <p className={cx(styles.lookup, styles.lookupFound)} role="status">
      Will be linked to <strong>{original.ref}</strong>: {original.subject} ({STATUS_LABELS[original.status]})
    </p>
  );
}
