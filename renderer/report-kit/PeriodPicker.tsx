/** The compliance period: a preset, or two dates. The board and the reports share the choice. */
import { useId } from 'react';
import { Select, TextInput } from '../ui/Field';
import styles from './PeriodPicker.module.css';
import {
  PERIOD_PRESETS,
  type PeriodPreset,
  periodDays,
  periodFor,
  setPeriodChoice,
  usePeriodChoice,
} from './period';

export function PeriodPicker({ now, label = 'Period' }: { now: Date; label?: string }) {
  const id = useId();
  const choice = usePeriodChoice();
  const days = periodDays(periodFor(choice, now));
  return (
    <div className={styles.picker}>
      <label htmlFor={`${id}-preset`} className={styles.label}>
        {label}
      </label>
      <Select
        id={`${id}-preset`}
        value={choice.preset}
        onChange={(event) => {
          const preset = event.target.value as PeriodPreset;
          // Switching to chosen dates starts from the period on screen.
          setPeriodChoice(preset === 'custom' ? { preset, from: days.first, to: days.last } : { preset });
        }}
      >
        {PERIOD_PRESETS.map((p) => (
          <option key={p.id} value={p.id}>
            {p.label}
          </option>
        ))}
      </Select>
      {choice.preset === 'custom' ? (
        <>
          <TextInput
            type="date"
            aria-label="First day"
            value={choice.from}
            max={choice.to || undefined}
            onChange={(event) => setPeriodChoice({ from: event.target.value })}
          />
          <span aria-hidden="true">–</span>
          <TextInput
            type="date"
            aria-label="Last day"
            value={choice.to}
            min={choice.from || undefined}
            onChange={(event) => setPeriodChoice({ to: event.target.value })}
          />
        </>
      ) : null}
    </div>
  );
}
