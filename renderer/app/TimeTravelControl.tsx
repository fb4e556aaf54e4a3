/**
 * The visible app clock and its time-travel panel: a trainer (or a test) moves the clock an hour, a working day
 * or a day on, or to any date and time, and every countdown follows. Travelling is shown in its own colour so
 * nobody mistakes the app's time for the real one.
 */
import { type FormEvent, useState } from 'react';
import type { CompiledCalendar } from '../../shared/sla';
import {
  deviceTimeZone,
  formatInZone,
  fromWallClockInput,
  toWallClockInput,
  zoneName,
  zoneSuffix,
} from '../../shared/time';
import { useDeskTimeZone } from '../case-store/desk-time-zone';
import { TravelBeforeStoreError } from '../clock/app-clock';
import { useClock, useClockMode, useNow } from '../clock/ClockProvider';
import { formatClock } from '../clock/format';
import { describeTravel, HOUR_MS, nextWorkingDay } from '../clock/travel';
import { useAction } from '../shell-services/actions';
import { Badge } from '../ui/Badge';
import { Button } from '../ui/Button';
import { cx } from '../ui/cx';
import { Field, TextInput } from '../ui/Field';
import { ClockIcon, RewindIcon } from '../ui/icons';
import { Popover } from '../ui/Popover';
import { beforeStoreText, useFreshDemoDesk } from './fresh-demo';
import styles from './TimeTravelControl.module.css';

export interface TimeTravelControlProps {
  /** The desk calendar that "+1 working day" counts in (loaded on first use). */
  loadCalendar: () => Promise<CompiledCalendar>;
}

export function TimeTravelControl({ loadCalendar }: TimeTravelControlProps) {
  const { travelOff } = useClockMode();
  return travelOff ? <ServerClock reason={travelOff} /> : <TravelPanel loadCalendar={loadCalendar} />;
}

/** Synced with a team server: the clock shows the real (server-corrected) time and says why it cannot move. */
function ServerClock({ reason }: { reason: string }) {
  const now = useNow(60_000);
  const timeZone = useDeskTimeZone();
  const day = formatInZone(now, timeZone, 'day');
  const time = formatInZone(now, timeZone, 'time');
  return (
    <Popover
      label="App clock"
      trigger={
        <button type="button" className={styles.trigger} title={reason} data-testid="app-clock-button">
          <ClockIcon size={15} />
          <span className="visually-hidden">App clock: </span>
          <time dateTime={now.toISOString()} className={cx(styles.time, 'tabular')} data-testid="app-clock">
            <span className={styles.day}>{day}</span> <span className={styles.hm}>{time}</span>
          </time>
        </button>
      }
    >
      <div className={styles.panel}>
        <div className={styles.heading}>
          <h2 className={styles.title}>App clock</h2>
          <Badge tone="neutral">Server time</Badge>
        </div>
        <p className={cx(styles.now, 'tabular')}>{formatClock(now, timeZone)}</p>
        <p className={styles.meta}>Real time · {zoneWords(timeZone)}</p>
        <p className={styles.note} data-testid="time-travel-off">
          {reason}
        </p>
      </div>
    </Popover>
  );
}

function TravelPanel({ loadCalendar }: TimeTravelControlProps) {
  const clock = useClock();
  const { realTime, frozen } = useClockMode();
  const now = useNow(60_000);
  const [open, setOpen] = useState(false);
  const [target, setTarget] = useState('');
  const [error, setError] = useState<string | null>(null);
  /** A jump refused because it was before the store's latest change: offer a fresh demo desk there. */
  const [refusedAt, setRefusedAt] = useState<number | null>(null);
  const freshDemo = useFreshDemoDesk();
  const timeZone = useDeskTimeZone();
  const travel = realTime
    ? null
    : (describeTravel(clock.now().getTime(), Date.now()) ??
      (frozen ? 'stopped at about the real time' : 'about the real time'));
  const day = formatInZone(now, timeZone, 'day');
  const time = formatInZone(now, timeZone, 'time');

  const plusHour = () => clock.advance(HOUR_MS);
  const plusWorkingDay = async () => clock.set(nextWorkingDay(await loadCalendar(), clock.now()));
  const plusDay = async () => clock.set((await loadCalendar()).addCalendarDays(clock.now(), 1));
  const backToRealTime = () => {
    try {
      clock.backToRealTime();
    } catch (refusal) {
      if (!(refusal instanceof TravelBeforeStoreError)) throw refusal;
      setError(beforeStoreText(refusal.askedMs, refusal.latestMs, timeZone));
      setOpen(true);
    }
  };

  useAction({
    id: 'time.plus-hour',
    label: 'Time travel: 1 hour on',
    group: 'Time travel',
    keywords: ['clock'],
    run: plusHour,
  });
  useAction({
    id: 'time.plus-working-day',
    label: 'Time travel: next working day',
    group: 'Time travel',
    keywords: ['clock', 'business'],
    run: plusWorkingDay,
  });
  useAction({
    id: 'time.plus-day',
    label: 'Time travel: 1 day on',
    group: 'Time travel',
    keywords: ['clock'],
    run: plusDay,
  });
  useAction({
    id: 'time.real',
    label: 'Time travel: back to real time',
    group: 'Time travel',
    keywords: ['clock', 'reset'],
    run: backToRealTime,
  });
  useAction({
    id: 'time.open',
    label: 'Time travel: jump to a date and time…',
    group: 'Time travel',
    keywords: ['clock', 'date'],
    run: () => setOpen(true),
  });

  const jump = (event: FormEvent) => {
    event.preventDefault();
    const instant = fromWallClockInput(target, timeZone);
    if (instant === null) {
      setError('Enter a date and a time.');
      return;
    }
    setError(null);
    setRefusedAt(null);
    try {
      clock.set(instant);
    } catch (refusal) {
      if (!(refusal instanceof TravelBeforeStoreError)) throw refusal;
      setError(`${beforeStoreText(refusal.askedMs, refusal.latestMs, timeZone)} Pick a later time.`);
      setRefusedAt(refusal.askedMs);
    }
  };

  return (
    <Popover
      label="Time travel"
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) setTarget(toWallClockInput(clock.now(), timeZone));
      }}
      trigger={
        <button
          type="button"
          className={cx(styles.trigger, travel && styles.travelling)}
          title={travel ? `Time travel: ${travel}` : 'App clock: real time'}
        >
          <ClockIcon size={15} />
          <span className="visually-hidden">App clock: </span>
          <time dateTime={now.toISOString()} className={cx(styles.time, 'tabular')} data-testid="app-clock">
            <span className={styles.day}>{day}</span> <span className={styles.hm}>{time}</span>
          </time>
          {travel ? <span className={styles.flag}>Time travel</span> : null}
        </button>
      }
    >
      <div className={styles.panel}>
        <div className={styles.heading}>
          <h2 className={styles.title}>App clock</h2>
          <Badge tone={travel ? 'travel' : 'neutral'}>{frozen ? 'Stopped' : 'Running'}</Badge>
        </div>
        <p className={cx(styles.now, 'tabular')} aria-live="polite">
          {formatClock(now, timeZone)}
        </p>
        <p className={styles.meta}>
          {travel ?? 'Real time'} · {zoneWords(timeZone)}
        </p>

        <fieldset className={styles.jumps}>
          <legend className="visually-hidden">Move the clock on</legend>
          <Button onClick={plusHour}>+1 hour</Button>
          <Button onClick={plusWorkingDay} title="The same time on the desk calendar's next working day">
            +1 working day
          </Button>
          <Button onClick={plusDay}>+1 day</Button>
        </fieldset>

        <form className={styles.form} onSubmit={jump} noValidate>
          <Field label={`Jump to (${zoneName(timeZone)})`} error={error}>
            {(control) => (
              <TextInput
                {...control}
                type="datetime-local"
                value={target}
                onChange={(event) => setTarget(event.target.value)}
                className={styles.input}
              />
            )}
          </Field>
          <Button type="submit" variant="primary" className={styles.go}>
            Go
          </Button>
        </form>
        {refusedAt !== null && freshDemo !== null ? (
          <Button onClick={() => void freshDemo(refusedAt)}>
            Start a fresh demo desk at {formatClock(new Date(refusedAt), timeZone)}
          </Button>
        ) : null}

        <Button
          variant="ghost"
          size="sm"
          onClick={backToRealTime}
          className={styles.reset}
          disabled={realTime}
        >
          <RewindIcon size={14} /> Back to real time
        </Button>
        <p className={styles.note}>
          Deadlines, countdowns and escalations all follow this clock. The address bar keeps it, so a reload
          stays here.
        </p>
      </div>
    </Popover>
  );
}

/** "London time", and this computer's zone when it is another ("London time · this computer: UTC"). */
function zoneWords(timeZone: string): string {
  return `${zoneName(timeZone)}${zoneSuffix(timeZone) ? ` · this computer: ${zoneName(deviceTimeZone())}` : ''}`;
}
