/** Form pieces the case and intake views share: radio choices, a form-level alert, a notice. */
import type { ReactNode } from 'react';
import { cx } from '../ui/cx';
import { fieldClasses } from '../ui/Field';
import { AlertOctagonIcon, AlertTriangleIcon, InfoIcon } from '../ui/icons';
import styles from './forms.module.css';

export interface Choice<T extends string> {
  value: T;
  label: ReactNode;
  hint?: ReactNode;
}

/** A radio group with a visible legend; arrow keys move between choices (native radios). */
export function Choices<T extends string>({
  legend,
  name,
  choices,
  value,
  onChange,
  error,
  columns,
}: {
  legend: ReactNode;
  name: string;
  choices: readonly Choice<T>[];
  value: T | null;
  onChange: (value: T) => void;
  error?: string | undefined;
  /** Lay the choices out side by side (short labels). */
  columns?: boolean;
}) {
  const errorId = `${name}-error`;
  return (
    <fieldset
      className={styles.choices}
      aria-invalid={error ? true : undefined}
      aria-describedby={error ? errorId : undefined}
    >
      <legend className={styles.legend}>{legend}</legend>
      <div className={cx(styles.choiceList, columns && styles.choiceColumns)}>
        {choices.map((choice) => (
          <label key={choice.value} className={cx(styles.choice, value === choice.value && styles.chosen)}>
            <input
              type="radio"
              name={name}
              value={choice.value}
              checked={value === choice.value}
              onChange={() => onChange(choice.value)}
            />
            <span>
              <span className={styles.choiceLabel}>{choice.label}</span>
              {choice.hint ? <span className={styles.choiceHint}>{choice.hint}</span> : null}
            </span>
          </label>
        ))}
      </div>
      {error ? (
        <p id={errorId} className={fieldClasses.error}>
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

/** What went wrong with the whole form, announced at once. */
export function FormAlert({ children }: { children: ReactNode }) {
  return (
    <div className={styles.alert} role="alert">
      <AlertOctagonIcon size={16} className={styles.alertIcon} />
      <div>{children}</div>
    </div>
  );
}

/** A policy's notice (not for emergencies, handled in confidence…). */
export function Notice({ tone, children }: { tone: 'info' | 'warning'; children: ReactNode }) {
  const Icon = tone === 'warning' ? AlertTriangleIcon : InfoIcon;
  return (
    <div className={cx(styles.notice, styles[tone])} role="note">
      <Icon size={16} className={styles.noticeIcon} />
      <div>{children}</div>
    </div>
  );
}

/** The dialog's body and its buttons row. */
export function DialogBody({ children }: { children: ReactNode }) {
  return <div className={styles.body}>{children}</div>;
}

export function DialogButtons({ children }: { children: ReactNode }) {
  return <div className={styles.buttons}>{children}</div>;
}

/** Fields side by side (two or three short ones). */
export function FormRow({ children }: { children: ReactNode }) {
  return <div className={styles.row}>{children}</div>;
}
