/** Who is asking and how to reach them: the intake form's first section. */
import { AFFILIATIONS } from '../../../shared/domain';
import type { Policy } from '../../../shared/policies';
import { REQUEST_CHANNELS } from '../../case-actions/EscalateDialog';
import { Choices, FormRow } from '../../case-kit/forms';
import { Field, Select, TextInput } from '../../ui/Field';
import { Section } from '../../ui/Section';
import { type IntakeValues, requesterQuestion } from './intake-form';
import { Required } from './Required';

const CHANNELS = REQUEST_CHANNELS.filter((c) => c.value !== 'chat');
const AFFILIATION_LABELS: Readonly<Record<(typeof AFFILIATIONS)[number], string>> = {
  student: 'Student',
  staff: 'Staff',
  public: 'Other: a member of the public',
  organisation: 'Other: an organisation',
};

export function RequesterSection({
  policy,
  values,
  errors,
  set,
}: {
  policy: Policy | undefined;
  values: IntakeValues;
  errors: Readonly<Record<string, string>>;
  set: (patch: Partial<IntakeValues>) => void;
}) {
  const phoneQuestion = requesterQuestion(policy, 'daytime-phone');
  const bestTimeQuestion = requesterQuestion(policy, 'best-time-to-call');
  return (
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
                onChange={(e) => set({ affiliation: AFFILIATIONS.find((a) => a === e.target.value) ?? '' })}
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
  );
}
