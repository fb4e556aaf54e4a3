/**
 * Every SLA clock of the case: its state, a live countdown and, on request, why the deadline is where it is
 * (what counted, what was paused, what was skipped as nights, weekends, holidays and closures).
 */
import type { ClockSpan, CompiledCalendar, SkipReason } from '../../../shared/sla';
import { DEFAULT_DESK_TIME_ZONE, formatDeskTime, formatInZone } from '../../../shared/time';
import { countdown, formatSpan, workingDayMinutes } from '../../case-kit/deadline';
import { useNow } from '../../clock';
import { cx } from '../../ui/cx';
import { SlaBadge, type SlaTone } from '../../ui/SlaBadge';
import styles from './Case.module.css';
import type { ClockSummary, ClockView } from './clocks';

const SKIP_WORDS: Readonly<Record<SkipReason, [string, string]>> = {
  night: ['night', 'nights'],
  weekend: ['weekend', 'weekends'],
  holiday: ['holiday', 'holidays'],
  closure: ['closure', 'closures'],
};

const CLOCK_WORDS: Partial<Record<ClockView['clock']['state'], string>> = {
  pending: 'Not started',
  met: '✓ Met',
  open: 'Window open',
  used: 'Used',
  closed: 'Window closed',
};

const TONES: Partial<Record<ClockView['clock']['state'], SlaTone>> = {
  running: 'on-track',
  'at-risk': 'at-risk',
  paused: 'paused',
  breached: 'breached',
};

/** Real (calendar) time as "2d 3h". */
function realSpan(ms: number): string {
  return formatSpan(ms / 60_000, 24 * 60);
}

export function Clocks({
  clocks,
  calendar,
}: {
  clocks: readonly ClockView[];
  calendar: CompiledCalendar | undefined;
}) {
  if (clocks.length === 0) {
    return <p className={styles.quiet}>This case's policy sets no deadlines.</p>;
  }
  return (
    <ul className={styles.clocks}>
      {clocks.map((view) => (
        <ClockItem
          key={view.clock.targetId}
          view={view}
          calendar={view.working ? calendar : undefined}
          timeZone={calendar?.spec.timeZone ?? DEFAULT_DESK_TIME_ZONE}
        />
      ))}
    </ul>
  );
}

function ClockItem({
  view,
  calendar,
  timeZone,
}: {
  view: ClockView;
  /** The case calendar for a working-time clock, undefined for a real-time one. */
  calendar: CompiledCalendar | undefined;
  /** The desk calendar's zone, for every instant shown. */
  timeZone: string;
}) {
  const now = useNow(1000).getTime();
  const at = (instant: Date | number) => formatDeskTime(instant, timeZone, 'dayTime');
  const { clock } = view;
  const tone = TONES[clock.state];
  const due = clock.dueAt?.getTime() ?? null;
  let headline: string;
  switch (clock.state) {
    case 'pending':
      headline = 'Not started';
      break;
    case 'met':
      headline = `Met ${clock.metAt ? at(clock.metAt) : ''}`;
      break;
    case 'breached':
      headline = clock.metAt
        ? `Met late, ${at(clock.metAt)}`
        : due === null
          ? 'Overdue'
          : countdown(due, now, calendar).words;
      break;
    case 'paused':
      headline = due === null ? 'Paused' : `${countdown(due, now, calendar).words} when it resumes`;
      break;
    case 'open':
      headline = due === null ? 'Open' : `Open until ${at(due)}`;
      break;
    case 'used':
      headline = 'Used';
      break;
    case 'closed':
      headline = 'Closed';
      break;
    default:
      headline = due === null ? '' : countdown(due, now, calendar).words;
  }
  return (
    <li
      className={cx(styles.clock, styles[`clock-${clock.state}`])}
      data-testid="sla-clock"
      data-state={clock.state}
    >
      <div className={styles.clockHead}>
        <span className={styles.clockName}>{view.name}</span>
        {tone ? (
          <SlaBadge tone={tone} compact />
        ) : (
          <span className={cx(styles.clockState, clock.state === 'met' && styles.clockMet)}>
            {CLOCK_WORDS[clock.state] ?? clock.state}
          </span>
        )}
      </div>
      <div className={cx(styles.clockCountdown, 'tabular')} data-testid="clock-countdown">
        {headline}
      </div>
      <div className={styles.clockMeta}>
        {due !== null && clock.state !== 'met' ? <>Due {at(due)} · </> : null}
        {view.budget}
        {clock.cycle > 1 ? ` · cycle ${clock.cycle}` : ''}
      </div>
      {view.explanation ? (
        <details className={styles.why}>
          <summary>Why this deadline?</summary>
          <Explanation
            summary={view.explanation}
            view={view}
            calendar={calendar}
            overdue={due === null ? '' : countdown(due, now, calendar).text.replace(/^overdue /, '')}
            timeZone={timeZone}
          />
        </details>
      ) : null}
    </li>
  );
}

function Explanation({
  summary,
  view,
  calendar,
  overdue,
  timeZone,
}: {
  summary: ClockSummary;
  view: ClockView;
  calendar: CompiledCalendar | undefined;
  /** "33d 6h" when the clock is past its deadline. */
  overdue: string;
  timeZone: string;
}) {
  const day = calendar ? workingDayMinutes(calendar) : 24 * 60;
  return (
    <div className={styles.explain}>
      <dl className={styles.explainFigures}>
        <div>
          <dt>Counted</dt>
          <dd>
            {view.clock.state === 'breached' && view.clock.metAt === null
              ? `all of ${view.budget}, then ${overdue} past the deadline`
              : `${formatSpan(summary.countedMinutes, day)} of ${view.budget}`}
          </dd>
        </div>
        <div>
          <dt>Paused</dt>
          <dd>
            {summary.pauses === 0
              ? 'never'
              : `${realSpan(summary.pausedMs)} (${summary.pauses} ${summary.pauses === 1 ? 'pause' : 'pauses'}, waiting on someone)`}
          </dd>
        </div>
        <div>
          <dt>Skipped</dt>
          <dd>
            {summary.skipped.length === 0
              ? view.working
                ? 'nothing yet'
                : 'nothing: this target counts calendar time'
              : summary.skipped
                  .map(
                    (s) =>
                      `${s.stretches} ${SKIP_WORDS[s.reason][s.stretches === 1 ? 0 : 1]}${
                        s.labels.length > 0 ? ` (${s.labels.join(', ')})` : ''
                      }`,
                  )
                  .join(' · ')}
          </dd>
        </div>
      </dl>
      <ol className={styles.spans} aria-label="How the time was counted">
        {[...summary.past, ...summary.projected].slice(0, 40).map((span) => (
          <SpanRow key={`${span.start.getTime()}-${span.kind}`} span={span} timeZone={timeZone} />
        ))}
      </ol>
    </div>
  );
}

const SPAN_WORDS: Readonly<Record<ClockSpan['kind'], string>> = {
  counted: 'counted',
  paused: 'paused',
  night: 'night',
  weekend: 'weekend',
  holiday: 'holiday',
  closure: 'closure',
};

function SpanRow({ span, timeZone }: { span: ClockSpan; timeZone: string }) {
  const day = (at: Date) => formatInZone(at, timeZone, 'day');
  const time = (at: Date) => formatInZone(at, timeZone, 'time');
  const sameDay = day(span.start) === day(span.end);
  return (
    <li className={cx(styles.span, styles[`span-${span.kind}`], span.projected && styles.projected)}>
      <span className={styles.spanKind}>
        {SPAN_WORDS[span.kind]}
        {span.label ? `: ${span.label}` : ''}
        {span.projected ? ' (to come)' : ''}
      </span>
      <span className={cx(styles.spanWhen, 'tabular')}>
        {day(span.start)} {time(span.start)} – {sameDay ? '' : `${day(span.end)} `}
        {time(span.end)}
      </span>
    </li>
  );
}
