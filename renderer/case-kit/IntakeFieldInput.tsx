/** One question of a policy's intake, as the control its type calls for (shared by intake and stage changes). */
import type { IntakeField } from '../../shared/policies';
import type { Person, Team } from '../../shared/sync';
import { Field, Select, TextArea, TextInput } from '../ui/Field';
import { Choices } from './forms';
import styles from './forms.module.css';

const PLACEHOLDERS: Partial<Record<IntakeField['type'], string>> = {
  'date-or-period': 'e.g. 3 March 2026, or the week of 2 March',
  'ticket-ref': 'e.g. Q-10428',
  'ticket-refs': 'e.g. Q-10428, Q-10433',
  phone: 'e.g. 01865 270000',
};

export function IntakeFieldInput({
  field,
  value,
  onChange,
  error,
  required,
  directory,
}: {
  field: IntakeField;
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
  /** Overrides the field's own `required` (the form may require more). */
  required?: boolean;
  /** Who a `person-or-team` question offers. */
  directory?: { people: readonly Person[]; teams: readonly Team[] };
}) {
  const mandatory = required ?? field.required;
  const label = (
    <>
      {field.label}
      {mandatory ? <span aria-hidden="true"> *</span> : <span className={styles.optional}> (optional)</span>}
    </>
  );
  if (field.type === 'yes-no') {
    return (
      <Choices
        legend={label}
        name={`intake-${field.id}`}
        columns
        choices={[
          { value: 'yes', label: 'Yes', ...(field.help ? { hint: field.help } : {}) },
          { value: 'no', label: 'No' },
        ]}
        value={value || null}
        onChange={onChange}
        error={error}
      />
    );
  }
  if (field.type === 'person-or-team') {
    return (
      <Field label={label} hint={field.help} error={error ?? null}>
        {(control) => (
          <Select {...control} value={value} onChange={(e) => onChange(e.target.value)}>
            <option value="">Nobody named</option>
            <optgroup label="People">
              {(directory?.people ?? []).map((p) => (
                <option key={p.id} value={`person:${p.id}`}>
                  {p.name}
                </option>
              ))}
            </optgroup>
            <optgroup label="Teams">
              {(directory?.teams ?? []).map((t) => (
                <option key={t.id} value={`team:${t.id}`}>
                  {t.name}
                </option>
              ))}
            </optgroup>
          </Select>
        )}
      </Field>
    );
  }
  if (field.type === 'choice') {
    return (
      <Choices
        legend={label}
        name={`intake-${field.id}`}
        choices={(field.options ?? []).map((o) => ({ value: o.value, label: o.label }))}
        value={value || null}
        onChange={onChange}
        error={error}
      />
    );
  }
  return (
    <Field label={label} hint={field.help} error={error ?? null}>
      {(control) =>
        field.type === 'long-text' ? (
          <TextArea
            {...control}
            rows={3}
            value={value}
            required={false}
            aria-required={mandatory || undefined}
            onChange={(e) => onChange(e.target.value)}
          />
        ) : (
          <TextInput
            {...control}
            type={field.type === 'phone' ? 'tel' : field.type === 'email' ? 'email' : 'text'}
            autoComplete={field.type === 'phone' ? 'tel' : 'off'}
            placeholder={PLACEHOLDERS[field.type]}
            value={value}
            aria-required={mandatory || undefined}
            onChange={(e) => onChange(e.target.value)}
          />
        )
      }
    </Field>
  );
}
