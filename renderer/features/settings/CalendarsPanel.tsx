/**
 * Business calendars as the store holds them: opening hours, holidays and closures, with "Edit calendar"
 * opening the editor (#/settings/calendars/<id>/edit), which previews before it saves.
 */
import { useId } from 'react';
import { type CalendarSpec, WEEKDAYS } from '../../../shared/sla';
import { useNow } from '../../clock';
import { linkTo, path } from '../../shell-services/router';
import { Badge } from '../../ui/Badge';
import { ChevronRightIcon } from '../../ui/icons';
import { CalendarEditor } from './CalendarEditor';
import { formatIsoDate, WEEKDAY_NAMES } from './describe';
import { type DeskRulesState, useDeskRules } from './desk-rules';
import { EditingNote, NotFound } from './PoliciesPanel';
import styles from './Settings.module.css';
import { SettingsPanel } from './SettingsPanel';

export function CalendarsPanel({
  selectedId,
  editing,
}: {
  selectedId: string | undefined;
  editing: boolean;
}) {
  const now = useNow(86_400_000);
  const desk = useDeskRules(now.getUTCFullYear());
  const headingId = useId();
  if (desk.status === 'loading') return <p className={styles.muted}>Loading…</p>;
  const { calendars } = desk.rules;
  const selected = calendars.find((c) => c.id === selectedId);
  if (selectedId !== undefined) {
    if (!selected) return <NotFound what="calendar" id={selectedId} back={path('settings', 'calendars')} />;
    if (editing && desk.status === 'stored') {
      return <CalendarEditor key={selected.id} calendar={selected} rules={desk.rules} store={desk.store} />;
    }
    return <CalendarDetail calendar={selected} today={now.toISOString().slice(0, 10)} desk={desk} />;
  }
  return (
    <SettingsPanel
      title="Calendars"
      headingId={headingId}
      intro={<>Working time that deadlines count in: nights, weekends, holidays and closures are skipped.</>}
    >
      <ul className={styles.list} aria-labelledby={headingId}>
        {calendars.map((calendar) => (
          <li key={calendar.id}>
            <a className={styles.listItem} {...linkTo(path('settings', 'calendars', calendar.id))}>
              <span className={styles.listMain}>
                <span className={styles.listTitle}>{calendar.name}</span>
                <span className={styles.listMeta}>{summariseHours(calendar)}</span>
              </span>
              <span className={styles.listFacts}>
                <Badge>{calendar.timeZone}</Badge>
                <span>{calendar.holidays.length} holidays listed</span>
              </span>
              <ChevronRightIcon className={styles.chevron} />
            </a>
          </li>
        ))}
      </ul>
      <EditingNote desk={desk} />
    </SettingsPanel>
  );
}

function CalendarDetail({
  calendar,
  today,
  desk,
}: {
  calendar: CalendarSpec;
  today: string;
  desk: DeskRulesState;
}) {
  const upcoming = calendar.holidays.filter((h) => h.date >= today).slice(0, 12);
  return (
    <SettingsPanel
      trail={[{ label: 'Calendars', to: path('settings', 'calendars') }, { label: calendar.name }]}
      title={calendar.name}
      action={
        desk.status === 'stored' ? (
          <a className={styles.editLink} {...linkTo(path('settings', 'calendars', calendar.id, 'edit'))}>
            Edit calendar
          </a>
        ) : null
      }
      intro={
        <>
          Time zone {calendar.timeZone}. Id <code className={styles.code}>{calendar.id}</code>.
        </>
      }
    >
      <h3 className={styles.subTitle}>Opening hours</h3>
      <table className={`${styles.table} ${styles.compactTable}`}>
        <tbody>
          {WEEKDAYS.map((day) => {
            const hours = calendar.hours[day] ?? [];
            return (
              <tr key={day}>
                <th scope="row">{WEEKDAY_NAMES[day]}</th>
                <td className="tabular">
                  {hours.length ? (
                    hours.map((h) => `${h.start}–${h.end}`).join(', ')
                  ) : (
                    <span className={styles.muted}>Closed</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>

      <h3 className={styles.subTitle}>Coming holidays</h3>
      {upcoming.length ? (
        <table className={`${styles.table} ${styles.compactTable}`}>
          <tbody>
            {upcoming.map((holiday) => (
              <tr key={holiday.date}>
                <th scope="row" className="tabular">
                  {formatIsoDate(holiday.date)}
                </th>
                <td>{holiday.name ?? 'Holiday'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className={styles.muted}>No holidays listed from today on.</p>
      )}

      {calendar.recurringHolidays.length > 0 ? (
        <>
          <h3 className={styles.subTitle}>Recurring holidays</h3>
          <ul className={styles.plainList}>
            {calendar.recurringHolidays.map((r) => (
              <li key={r.rrule}>
                {r.name ?? 'Holiday'} <code className={styles.code}>{r.rrule}</code>
              </li>
            ))}
          </ul>
        </>
      ) : null}

      {calendar.closures.length > 0 ? (
        <>
          <h3 className={styles.subTitle}>Closures</h3>
          <ul className={styles.plainList}>
            {calendar.closures.map((c) => (
              <li key={c.start} className="tabular">
                {c.start.replace('T', ' ')} – {c.end.replace('T', ' ')}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </SettingsPanel>
  );
}

function summariseHours(calendar: CalendarSpec): string {
  const open = WEEKDAYS.filter((d) => (calendar.hours[d] ?? []).length > 0);
  const first = open[0];
  if (!first) return 'No working hours';
  const hours = (calendar.hours[first] ?? []).map((h) => `${h.start}–${h.end}`).join(', ');
  const days =
    open.length === 5 && open.every((d) => ['MO', 'TU', 'WE', 'TH', 'FR'].includes(d))
      ? 'Monday to Friday'
      : open.map((d) => WEEKDAY_NAMES[d]).join(', ');
  return `${days}, ${hours}`;
}
