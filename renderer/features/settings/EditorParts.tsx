/** Pieces both editors use: an amount with its unit, a field's error line, the breadcrumb, the error summary. */
import { useId } from 'react';
import type { DurationUnit } from '../../../shared/sla';
import { linkTo } from '../../shell-services/router';
import { fieldClasses, Select, TextInput } from '../../ui/Field';
import { ChevronRightIcon } from '../../ui/icons';
import styles from './Editor.module.css';
import type { DurationDraft } from './policy-draft';

export const UNIT_LABELS: Readonly<Record<DurationUnit, string>> = {
  'calendar-minutes': 'minutes',
  'calendar-hours': 'hours',
  'calendar-days': 'days',
  'calendar-weeks': 'weeks',
  'working-minutes': 'working minutes',
  'working-hours': 'working hours',
  'working-days': 'working days',
};

/** "Time allowed" as an amount and a unit, one visible label for both, the error wired to both. */
export function DurationInput({
  label,
  value,
  onChange,
  error,
  units = Object.keys(UNIT_LABELS) as DurationUnit[],
  suffix,
}: {
  label: string;
  value: DurationDraft;
  onChange: (value: DurationDraft) => void;
  error?: string | undefined;
  units?: readonly DurationUnit[];
  /** Words after the unit ("after logging"). */
  suffix?: string;
}) {
  const id = useId();
  const errorId = `${id}-error`;
  const described = error ? { 'aria-describedby': errorId, 'aria-invalid': true } : {};
  return (
    <div className={fieldClasses.field}>
      <label htmlFor={id} className={fieldClasses.label}>
        {label}
      </label>
      <div className={styles.inline}>
        <TextInput
          id={id}
          className={styles.amount}
          inputMode="decimal"
          value={value.amount}
          onChange={(event) => onChange({ ...value, amount: event.target.value })}
          {...described}
        />
        <Select
          aria-label={`${label}: unit`}
          value={value.unit}
          onChange={(event) => onChange({ ...value, unit: event.target.value as DurationUnit })}
          {...described}
        >
          {units.map((unit) => (
            <option key={unit} value={unit}>
              {UNIT_LABELS[unit]}
            </option>
          ))}
        </Select>
        {suffix ? <span className={styles.suffix}>{suffix}</span> : null}
      </div>
      <FieldError id={errorId} error={error} />
    </div>
  );
}

export function FieldError({ id, error }: { id?: string; error: string | undefined }) {
  return error ? (
    <p id={id} className={fieldClasses.error}>
      {error}
    </p>
  ) : null;
}

export function Breadcrumb({ trail }: { trail: readonly { label: string; to?: string }[] }) {
  return (
    <nav aria-label="Breadcrumb" className={styles.breadcrumb}>
      {trail.map((step, i) => (
        <span key={step.label} className={styles.crumb}>
          {i > 0 ? <ChevronRightIcon size={12} /> : null}
          {step.to ? <a {...linkTo(step.to)}>{step.label}</a> : <span aria-current="page">{step.label}</span>}
        </span>
      ))}
    </nav>
  );
}

/** What stops the preview, listed once above the buttons (the fields say it again where they are). */
export function ErrorSummary({ count, form }: { count: number; form: string | undefined }) {
  if (count === 0) return null;
  return (
    <div className={styles.problem} role="alert">
      {form ?? null}
      {count > (form ? 1 : 0) ? (
        <span>
          {form ? ' ' : ''}
          {count - (form ? 1 : 0) === 1
            ? 'One field needs a change before Desk can show what would move: see the note next to it.'
            : `${count - (form ? 1 : 0)} fields need a change before Desk can show what would move: see the notes next to them.`}
        </span>
      ) : null}
    </div>
  );
}
