/**
 * Editing a business calendar: its name and time zone, weekly hours (several intervals a day, "24:00"
 * allowed), holidays (added by hand or imported), recurring holidays and closures. Preview shows which open
 * cases' deadlines would move; Save stores the calendar.
 */
import { useId, useMemo, useState } from 'react';
import type { Holiday } from '../../../shared/holidays';
import { type CalendarSpec, WEEKDAYS, type Weekday } from '../../../shared/sla';
import { useNow } from '../../clock';
import { type CaseStore, saveCalendar } from '../../db';
import { path } from '../../shell-services/router';
import { Button } from '../../ui/Button';
import { fieldClasses, Select, TextInput } from '../../ui/Field';
import { Section } from '../../ui/Section';
import {
  type CalendarDraft,
  calendarDraft,
  calendarFromDraft,
  isRealDate,
  timeZones,
} from './calendar-draft';
import { type DeskRules, withEdited } from './deadline-preview';
import { formatIsoDate, WEEKDAY_NAMES } from './describe';
import styles from './Editor.module.css';
import { FieldError } from './EditorParts';
import { EditorShell, useEditor } from './EditorShell';
import { HolidayImport } from './HolidayImport';
import type { FieldErrors } from './policy-draft';

export function CalendarEditor({
  calendar: stored,
  rules,
  store,
}: {
  /** The calendar as stored now (it may change in another window while this one edits). */
  calendar: CalendarSpec;
  rules: DeskRules;
  store: CaseStore;
}) {
  // What this edit started from: a save names it, so a change saved elsewhere is never overwritten.
  const [calendar] = useState(stored);
  const changedElsewhere = stored !== calendar && JSON.stringify(stored) !== JSON.stringify(calendar);
  const now = useNow(60_000);
  const detail = path('settings', 'calendars', calendar.id);
  const editor = useEditor({
    start: () => calendarDraft(calendar),
    parse: (draft: CalendarDraft) => {
      const result = calendarFromDraft(calendar, draft, now);
      return result.ok ? { ok: true, edited: result.calendar } : result;
    },
    rules,
    store,
    withEdited: (edited) => withEdited(rules, { calendar: edited }),
    persist: (edited, onProgress) => saveCalendar(store, edited, calendar, { onProgress }),
    savedTitle: (edited) => `Saved ${edited.name}`,
    detail,
  });
  const { draft, errors, change } = editor;

  return (
    <EditorShell
      editor={editor}
      trail={[
        { label: 'Calendars', to: path('settings', 'calendars') },
        { label: calendar.name, to: detail },
        { label: 'Edit' },
      ]}
      title={`Edit “${calendar.name}”`}
      intro="Nothing changes until you save. First Desk shows which open cases' deadlines would move."
      conflict={
        changedElsewhere
          ? 'This calendar was changed in another window while you were editing it, so this edit cannot be saved. Discard it and edit the calendar as it is now.'
          : null
      }
      saveLabel="Save calendar"
    >
      <Section level={3} title="Name and time zone">
        <NameField
          value={draft.name}
          error={errors.name}
          onChange={(name) => change((d) => ({ ...d, name }))}
        />
        <TimeZonePicker
          value={draft.timeZone}
          error={errors.timeZone}
          onChange={(timeZone) => change((d) => ({ ...d, timeZone }))}
        />
      </Section>

      <Section
        level={3}
        title="Opening hours"
        intro="Local times in the calendar's zone. A day can have several intervals; end the last one at 24:00 to work to midnight."
      >
        <WeeklyHours draft={draft} errors={errors} onChange={change} />
        <FieldError error={errors.hours} />
      </Section>

      <Section level={3} title="Holidays" intro="Whole local days when the desk is closed.">
        <Holidays draft={draft} errors={errors} today={now.toISOString().slice(0, 10)} onChange={change} />
        <HolidayImport
          listed={draft.holidays}
          onAdd={(holidays) => change((d) => ({ ...d, holidays: mergeInto(d.holidays, holidays) }))}
        />
      </Section>

      <Section
        level={3}
        title="Recurring holidays"
        intro="An RFC 5545 rule, such as FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=24 for every 24 December."
      >
        <RecurringHolidays draft={draft} errors={errors} onChange={change} />
      </Section>

      <Section
        level={3}
        title="Closures"
        intro="Stretches of local time when the desk is closed, such as an afternoon off."
      >
        <Closures draft={draft} errors={errors} onChange={change} />
      </Section>
    </EditorShell>
  );
}

type Change = (update: (draft: CalendarDraft) => CalendarDraft) => void;

function mergeInto(listed: CalendarDraft['holidays'], added: readonly Holiday[]): CalendarDraft['holidays'] {
  return [...listed, ...added.map((h) => ({ date: h.date, name: h.name }))].sort((a, b) =>
    a.date.localeCompare(b.date),
  );
}

function NameField({
  value,
  error,
  onChange,
}: {
  value: string;
  error: string | undefined;
  onChange: (value: string) => void;
}) {
  const id = useId();
  return (
    <div className={fieldClasses.field}>
      <label htmlFor={id} className={fieldClasses.label}>
        Name
      </label>
      <TextInput
        id={id}
        className={styles.wide}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(event) => onChange(event.target.value)}
      />
      <FieldError id={`${id}-error`} error={error} />
    </div>
  );
}

/** An IANA zone from the browser's list, narrowed by what is typed in the search box above it. */
function TimeZonePicker({
  value,
  error,
  onChange,
}: {
  value: string;
  error: string | undefined;
  onChange: (value: string) => void;
}) {
  const id = useId();
  const searchId = useId();
  const [search, setSearch] = useState('');
  const all = useMemo(() => timeZones(), []);
  const words = search.trim().toLowerCase().replaceAll(' ', '_');
  const shown = all.filter((zone) => zone === value || zone.toLowerCase().includes(words));
  const options = all.includes(value) ? shown : [value, ...shown];
  return (
    <div className={fieldClasses.field}>
      <label htmlFor={id} className={fieldClasses.label}>
        Time zone
      </label>
      <div className={styles.inline}>
        <TextInput
          id={searchId}
          type="search"
          aria-label="Find a time zone"
          placeholder="Find: london, tokyo…"
          value={search}
          onChange={(event) => {
            const next = event.target.value;
            setSearch(next);
            // Pick the first match as the list narrows, so typing a city is enough.
            const match = all.find((zone) =>
              zone.toLowerCase().includes(next.trim().toLowerCase().replaceAll(' ', '_')),
            );
            if (next.trim() !== '' && match && match !== value) onChange(match);
          }}
        />
        <Select
          id={id}
          value={value}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(event) => onChange(event.target.value)}
        >
          {options.map((zone) => (
            <option key={zone} value={zone}>
              {zone.replaceAll('_', ' ')}
            </option>
          ))}
        </Select>
      </div>
      <p className={fieldClasses.hint}>
        {shown.length === 1 && search ? 'One zone matches.' : search ? `${shown.length} zones match.` : ''}
      </p>
      <FieldError id={`${id}-error`} error={error} />
    </div>
  );
}

function WeeklyHours({
  draft,
  errors,
  onChange,
}: {
  draft: CalendarDraft;
  errors: FieldErrors;
  onChange: Change;
}) {
  const setDay = (
    day: Weekday,
    update: (hours: CalendarDraft['hours'][Weekday]) => CalendarDraft['hours'][Weekday],
  ) => onChange((d) => ({ ...d, hours: { ...d.hours, [day]: update(d.hours[day]) } }));
  return (
    <table className={styles.hours}>
      <tbody>
        {WEEKDAYS.map((day) => {
          const intervals = draft.hours[day];
          return (
            <tr key={day}>
              <th scope="row">{WEEKDAY_NAMES[day]}</th>
              <td>
                {intervals.length === 0 ? <span className={styles.muted}>Closed</span> : null}
                {intervals.map((interval, i) => {
                  const error = errors[`hours.${day}.${i}`];
                  const label = `${WEEKDAY_NAMES[day]} hours${intervals.length > 1 ? ` ${i + 1}` : ''}`;
                  const errorId = `hours-${day}-${i}-error`;
                  const described = error ? { 'aria-invalid': true, 'aria-describedby': errorId } : {};
                  return (
                    // biome-ignore lint/suspicious/noArrayIndexKey: intervals have no identity but their place in the day.
                    <div key={i} className={styles.interval}>
                      <div className={styles.inline}>
                        <TextInput
                          className={styles.time}
                          aria-label={`${label}: from`}
                          placeholder="09:00"
                          value={interval.start}
                          onChange={(event) =>
                            setDay(day, (list) =>
                              list.map((h, j) => (j === i ? { ...h, start: event.target.value } : h)),
                            )
                          }
                          {...described}
                        />
                        <span aria-hidden="true">–</span>
                        <TextInput
                          className={styles.time}
                          aria-label={`${label}: to`}
                          placeholder="17:00"
                          value={interval.end}
                          onChange={(event) =>
                            setDay(day, (list) =>
                              list.map((h, j) => (j === i ? { ...h, end: event.target.value } : h)),
                            )
                          }
                          {...described}
                        />
                        <Button
                          size="sm"
                          variant="ghost"
                          aria-label={`Remove ${label}`}
                          onClick={() => setDay(day, (list) => list.filter((_, j) => j !== i))}
                        >
                          Remove
                        </Button>
                      </div>
                      <FieldError id={errorId} error={error} />
                    </div>
                  );
                })}
              </td>
              <td className={styles.addCell}>
                <Button
                  size="sm"
                  aria-label={`Add hours on ${WEEKDAY_NAMES[day]}`}
                  onClick={() =>
                    setDay(day, (list) => [
                      ...list,
                      list.length === 0 ? { start: '09:00', end: '17:00' } : { start: '', end: '' },
                    ])
                  }
                >
                  Add hours
                </Button>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function Holidays({
  draft,
  errors,
  today,
  onChange,
}: {
  draft: CalendarDraft;
  errors: FieldErrors;
  today: string;
  onChange: Change;
}) {
  const dateId = useId();
  const nameId = useId();
  const [date, setDate] = useState('');
  const [name, setName] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [showPast, setShowPast] = useState(false);
  const indexed = draft.holidays.map((holiday, index) => ({ holiday, index }));
  const past = indexed.filter(({ holiday }) => holiday.date < today);
  const shown = showPast ? indexed : indexed.filter(({ holiday }) => holiday.date >= today);

  const add = () => {
    if (!isRealDate(date)) {
      setProblem('Choose the date of the holiday.');
      return;
    }
    const listed = draft.holidays.find((h) => h.date === date);
    if (listed) {
      setProblem(`${formatIsoDate(date)} is already listed${listed.name ? ` as ${listed.name}` : ''}.`);
      return;
    }
    setProblem(null);
    onChange((d) => ({ ...d, holidays: mergeInto(d.holidays, [{ date, name: name.trim() || 'Holiday' }]) }));
    setDate('');
    setName('');
  };

  return (
    <>
      {past.length > 0 ? (
        <label className={styles.check}>
          <input type="checkbox" checked={showPast} onChange={(event) => setShowPast(event.target.checked)} />
          Show {past.length} past {past.length === 1 ? 'holiday' : 'holidays'}
        </label>
      ) : null}
      {shown.length > 0 ? (
        <table className={styles.holidays} aria-label="Holidays">
          <tbody>
            {shown.map(({ holiday, index }) => (
              <tr key={holiday.date}>
                <th scope="row" className="tabular">
                  {formatIsoDate(holiday.date)}
                </th>
                <td>
                  {holiday.name || 'Holiday'}
                  <FieldError error={errors[`holidays.${index}`]} />
                </td>
                <td className={styles.addCell}>
                  <Button
                    size="sm"
                    variant="ghost"
                    aria-label={`Remove ${holiday.name || 'holiday'} on ${formatIsoDate(holiday.date)}`}
                    onClick={() =>
                      onChange((d) => ({ ...d, holidays: d.holidays.filter((h) => h.date !== holiday.date) }))
                    }
                  >
                    Remove
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className={styles.muted}>No holidays listed from today on.</p>
      )}
      <div className={styles.addRow}>
        <div className={fieldClasses.field}>
          <label htmlFor={dateId} className={fieldClasses.label}>
            Holiday date
          </label>
          <TextInput
            id={dateId}
            type="date"
            value={date}
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? `${dateId}-error` : undefined}
            onChange={(event) => setDate(event.target.value)}
          />
        </div>
        <div className={fieldClasses.field}>
          <label htmlFor={nameId} className={fieldClasses.label}>
            Holiday name
          </label>
          <TextInput
            id={nameId}
            value={name}
            placeholder="Desk away day"
            onChange={(event) => setName(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter') {
                event.preventDefault();
                add();
              }
            }}
          />
        </div>
        <Button onClick={add}>Add holiday</Button>
      </div>
      <FieldError id={`${dateId}-error`} error={problem ?? undefined} />
    </>
  );
}

function RecurringHolidays({
  draft,
  errors,
  onChange,
}: {
  draft: CalendarDraft;
  errors: FieldErrors;
  onChange: Change;
}) {
  const set = (i: number, field: 'rrule' | 'from' | 'name', value: string) =>
    onChange((d) => ({
      ...d,
      recurringHolidays: d.recurringHolidays.map((r, j) => (j === i ? { ...r, [field]: value } : r)),
    }));
  return (
    <>
      {draft.recurringHolidays.length === 0 ? <p className={styles.muted}>None.</p> : null}
      {draft.recurringHolidays.map((rule, i) => {
        const error = errors[`recurring.${i}`];
        const errorId = `recurring-${i}-error`;
        const which = `recurring holiday ${i + 1}`;
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: a rule being typed has no identity but its place.
          <div key={i} className={styles.rowGroup}>
            <div className={styles.inline}>
              <TextInput
                aria-label={`Name of ${which}`}
                placeholder="Christmas Eve"
                value={rule.name}
                onChange={(event) => set(i, 'name', event.target.value)}
              />
              <TextInput
                className={styles.rule}
                aria-label={`Rule of ${which}`}
                placeholder="FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=24"
                value={rule.rrule}
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? errorId : undefined}
                onChange={(event) => set(i, 'rrule', event.target.value)}
              />
              <TextInput
                type="date"
                aria-label={`First date of ${which} (optional)`}
                value={rule.from}
                onChange={(event) => set(i, 'from', event.target.value)}
              />
              <Button
                size="sm"
                variant="ghost"
                aria-label={`Remove ${which}`}
                onClick={() =>
                  onChange((d) => ({
                    ...d,
                    recurringHolidays: d.recurringHolidays.filter((_, j) => j !== i),
                  }))
                }
              >
                Remove
              </Button>
            </div>
            <FieldError id={errorId} error={error} />
          </div>
        );
      })}
      <div>
        <Button
          size="sm"
          onClick={() =>
            onChange((d) => ({
              ...d,
              recurringHolidays: [...d.recurringHolidays, { rrule: '', from: '', name: '' }],
            }))
          }
        >
          Add a recurring holiday
        </Button>
      </div>
    </>
  );
}

function Closures({
  draft,
  errors,
  onChange,
}: {
  draft: CalendarDraft;
  errors: FieldErrors;
  onChange: Change;
}) {
  const set = (i: number, field: 'start' | 'end', value: string) =>
    onChange((d) => ({ ...d, closures: d.closures.map((c, j) => (j === i ? { ...c, [field]: value } : c)) }));
  return (
    <>
      {draft.closures.length === 0 ? <p className={styles.muted}>None.</p> : null}
      {draft.closures.map((closure, i) => {
        const error = errors[`closures.${i}`];
        const errorId = `closure-${i}-error`;
        const which = `closure ${i + 1}`;
        const described = error ? { 'aria-invalid': true, 'aria-describedby': errorId } : {};
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: a closure being typed has no identity but its place.
          <div key={i} className={styles.rowGroup}>
            <div className={styles.inline}>
              <TextInput
                type="datetime-local"
                aria-label={`Start of ${which}`}
                value={closure.start}
                onChange={(event) => set(i, 'start', event.target.value)}
                {...described}
              />
              <span aria-hidden="true">–</span>
              <TextInput
                type="datetime-local"
                aria-label={`End of ${which}`}
                value={closure.end}
                onChange={(event) => set(i, 'end', event.target.value)}
                {...described}
              />
              <Button
                size="sm"
                variant="ghost"
                aria-label={`Remove ${which}`}
                onClick={() => onChange((d) => ({ ...d, closures: d.closures.filter((_, j) => j !== i) }))}
              >
                Remove
              </Button>
            </div>
            <FieldError id={errorId} error={error} />
          </div>
        );
      })}
      <div>
        <Button
          size="sm"
          onClick={() => onChange((d) => ({ ...d, closures: [...d.closures, { start: '', end: '' }] }))}
        >
          Add a closure
        </Button>
      </div>
    </>
  );
}
