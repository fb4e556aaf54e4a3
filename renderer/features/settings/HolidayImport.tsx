/**
 * Import holidays into the calendar being edited, from the gov.uk bank holidays JSON (choose the division) or an
 * .ics file: what would be added, and the timed events set aside, are shown before anything is added to the
 * edit. A file that cannot be read says why and changes nothing.
 */
import { type ChangeEvent, useId, useRef, useState } from 'react';
import type { Holiday, UkRegion } from '../../../shared/holidays';
import { Button } from '../../ui/Button';
import { fieldClasses, Select } from '../../ui/Field';
import { formatIsoDate } from './describe';
import styles from './Editor.module.css';
import {
  DIVISION_NAMES,
  type HolidayFile,
  MAX_HOLIDAY_FILE_BYTES,
  newHolidays,
  readHolidayFile,
} from './holiday-import';

type ImportState =
  | { step: 'idle'; added: number | null }
  | { step: 'reading' }
  | { step: 'chosen'; fileName: string; file: HolidayFile; division: UkRegion }
  | { step: 'failed'; message: string };

const LISTED = 40;

export function HolidayImport({
  listed,
  onAdd,
}: {
  /** The holidays the calendar lists now (the edit's, not the stored ones). */
  listed: readonly { date: string }[];
  onAdd: (holidays: readonly Holiday[]) => void;
}) {
  const inputId = useId();
  const hintId = `${inputId}-hint`;
  const divisionId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [state, setState] = useState<ImportState>({ step: 'idle', added: null });

  const choose = async (event: ChangeEvent<HTMLInputElement>) => {
    const chosen = event.target.files?.[0];
    if (!chosen) return;
    if (chosen.size > MAX_HOLIDAY_FILE_BYTES) {
      event.target.value = '';
      setState({
        step: 'failed',
        message: `“${chosen.name}” could not be imported: at ${Math.round(chosen.size / 1000)} KB it is far larger than a holiday file. Nothing was changed.`,
      });
      return;
    }
    setState({ step: 'reading' });
    try {
      const file = await readHolidayFile(chosen.name, await chosen.text());
      setState({ step: 'chosen', fileName: chosen.name, file, division: 'england-and-wales' });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      // The same file, fixed, can then be chosen again.
      if (input.current) input.current.value = '';
      setState({ step: 'failed', message: `${message} Nothing was changed.` });
    }
  };

  const clear = (added: number | null) => {
    if (input.current) input.current.value = '';
    setState({ step: 'idle', added });
  };

  const incoming =
    state.step !== 'chosen'
      ? []
      : state.file.format === 'gov.uk'
        ? state.file.divisions[state.division]
        : state.file.holidays;
  const { added, alreadyListed } = newHolidays(listed, incoming);

  return (
    <div className={styles.import}>
      <div className={fieldClasses.field}>
        <label htmlFor={inputId} className={fieldClasses.label}>
          Import holidays from a file
        </label>
        <input
          ref={input}
          id={inputId}
          type="file"
          accept=".json,.ics,application/json,text/calendar"
          aria-describedby={hintId}
          className={styles.file}
          onChange={choose}
        />
        <p id={hintId} className={fieldClasses.hint}>
          The gov.uk bank holidays file (bank-holidays.json, from gov.uk/bank-holidays.json) or an iCalendar
          (.ics) feed. You see what would be added before anything is.
        </p>
      </div>
      {state.step === 'reading' ? <p className={styles.muted}>Reading the file…</p> : null}
      {state.step === 'failed' ? (
        <p className={styles.problem} role="alert">
          {state.message}
        </p>
      ) : null}
      {state.step === 'idle' && state.added !== null ? (
        <p className={styles.saved} role="status">
          {state.added === 1 ? '1 holiday was' : `${state.added} holidays were`} added to this edit: preview
          and save to apply.
        </p>
      ) : null}
      {state.step === 'chosen' ? (
        <section className={styles.importPreview} aria-label={`Holidays in ${state.fileName}`}>
          {state.file.format === 'gov.uk' ? (
            <div className={fieldClasses.field}>
              <label htmlFor={divisionId} className={fieldClasses.label}>
                Division
              </label>
              <Select
                id={divisionId}
                className={styles.wide}
                value={state.division}
                onChange={(event) => setState({ ...state, division: event.target.value as UkRegion })}
              >
                {(Object.keys(DIVISION_NAMES) as UkRegion[]).map((division) => (
                  <option key={division} value={division}>
                    {DIVISION_NAMES[division]} (
                    {state.file.format === 'gov.uk' ? state.file.divisions[division].length : 0} holidays)
                  </option>
                ))}
              </Select>
            </div>
          ) : null}
          <p data-testid="import-summary">
            {added.length === 0
              ? `Nothing to add: ${alreadyListed === 0 ? 'the file lists no holidays' : `all ${alreadyListed} holidays are already listed`}.`
              : `${added.length} ${added.length === 1 ? 'holiday' : 'holidays'} would be added${alreadyListed > 0 ? `; ${alreadyListed} already listed would stay as they are` : ''}.`}
          </p>
          {added.length > 0 ? (
            <ul className={styles.importList} aria-label="Holidays to add">
              {added.slice(0, LISTED).map((holiday) => (
                <li key={holiday.date}>
                  <span className="tabular">{formatIsoDate(holiday.date)}</span> {holiday.name}
                </li>
              ))}
              {added.length > LISTED ? <li>… and {added.length - LISTED} more</li> : null}
            </ul>
          ) : null}
          {state.file.format === 'ics' && state.file.skipped.length > 0 ? (
            <div className={styles.skipped}>
              <p>
                Not imported: {state.file.skipped.length}{' '}
                {state.file.skipped.length === 1 ? 'event is' : 'events are'} not all-day holidays.
              </p>
              <ul aria-label="Events not imported">
                {state.file.skipped.slice(0, LISTED).map((event) => (
                  <li key={`${event.uid}:${event.start}`}>
                    {event.summary || event.uid} ({event.reason === 'timed' ? 'a timed event' : 'cancelled'},{' '}
                    {event.start})
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          <div className={styles.actions}>
            <Button
              variant="primary"
              disabled={added.length === 0}
              onClick={() => {
                onAdd(added);
                clear(added.length);
              }}
            >
              {added.length === 1 ? 'Add 1 holiday' : `Add ${added.length} holidays`}
            </Button>
            <Button variant="ghost" onClick={() => clear(null)}>
              Cancel import
            </Button>
          </div>
        </section>
      ) : null}
    </div>
  );
}
