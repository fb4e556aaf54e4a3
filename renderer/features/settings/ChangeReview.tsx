/**
 * The step between editing a policy or calendar and saving it: which open cases' deadlines would move (worked
 * out in chunks, with progress for a large store), then Save or back to editing. Saving refreshes every open
 * case's SLA, with progress too; a failure leaves the store as it was and the edit on screen.
 */
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { formatInZone } from '../../../shared/time';
import { useDeskTimeZone } from '../../case-store/desk-time-zone';
import type { CaseStore } from '../../db';
import { linkTo, path } from '../../shell-services/router';
import { Button } from '../../ui/Button';
import { cx } from '../../ui/cx';
import {
  type DeadlineMove,
  type DeadlinePreview,
  type DeskRules,
  type MoveDirection,
  previewDeadlineMoves,
} from './deadline-preview';
import styles from './Editor.module.css';

export type ReviewState =
  | { step: 'editing' }
  | { step: 'checking'; done: number; total: number }
  | { step: 'ready'; preview: DeadlinePreview }
  | { step: 'saving'; preview: DeadlinePreview; done: number; total: number }
  | { step: 'failed'; preview: DeadlinePreview; message: string };

export interface ChangeReview {
  state: ReviewState;
  /** Works out the preview of `edited` against `current`. */
  check(store: CaseStore, current: DeskRules, edited: DeskRules): void;
  /** Runs the save (reporting its progress); `onSaved` follows a save that succeeded. */
  save(run: (onProgress: (done: number, total: number) => void) => Promise<void>, onSaved: () => void): void;
  /** Back to editing: stops a check under way and forgets the preview (the edit changed, or the person asked). */
  reset(): void;
}

export function useChangeReview(): ChangeReview {
  const [state, setState] = useState<ReviewState>({ step: 'editing' });
  const running = useRef<AbortController | null>(null);
  useEffect(() => () => running.current?.abort(), []);

  const reset = useCallback(() => {
    running.current?.abort();
    running.current = null;
    setState((current) => (current.step === 'saving' ? current : { step: 'editing' }));
  }, []);

  const check = useCallback((store: CaseStore, current: DeskRules, edited: DeskRules) => {
    running.current?.abort();
    const controller = new AbortController();
    running.current = controller;
    setState({ step: 'checking', done: 0, total: 0 });
    previewDeadlineMoves(store, current, edited, {
      signal: controller.signal,
      onProgress: (done, total) => {
        if (!controller.signal.aborted) setState({ step: 'checking', done, total });
      },
    }).then(
      (preview) => {
        if (!controller.signal.aborted) setState({ step: 'ready', preview });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        console.error('Desk could not work out which deadlines would move', error);
        setState({
          step: 'failed',
          preview: { checked: 0, cases: [] },
          message: `Desk could not work out which deadlines would move, so nothing was saved: ${messageOf(error)}`,
        });
      },
    );
  }, []);

  const save = useCallback<ChangeReview['save']>(
    (run, onSaved) => {
      if (state.step !== 'ready' && state.step !== 'failed') return;
      const { preview } = state;
      setState({ step: 'saving', preview, done: 0, total: 0 });
      run((done, total) => setState({ step: 'saving', preview, done, total })).then(
        () => {
          setState({ step: 'editing' });
          onSaved();
        },
        (error: unknown) => setState({ step: 'failed', preview, message: messageOf(error) }),
      );
    },
    [state],
  );

  return { state, check, save, reset };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

const count = new Intl.NumberFormat('en-GB');

/** The most deadlines listed at once; the count above the table says how many there are in all. */
const LISTED = 200;

export function ChangeReviewPanel({
  review,
  saveLabel,
  onSave,
  onDiscard,
}: {
  review: ChangeReview;
  /** "Save version 3", "Save calendar". */
  saveLabel: string;
  onSave: () => void;
  onDiscard: () => void;
}) {
  const { state } = review;
  const timeZone = useDeskTimeZone();
  const when = (at: Date | null) => (at === null ? '—' : formatInZone(at, timeZone, 'dayTime'));
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const checkingPanel = useRef<HTMLElement>(null);
  const ready = state.step === 'ready';
  const checking = state.step === 'checking';
  // The progress shows below a long form: bring it into view, then land keyboard and screen reader users on
  // the answer once it is there.
  useEffect(() => {
    if (checking) checkingPanel.current?.scrollIntoView({ block: 'nearest' });
  }, [checking]);
  useEffect(() => {
    if (ready) heading.current?.focus();
  }, [ready]);

  if (state.step === 'editing') return null;
  if (state.step === 'checking') {
    return (
      <section ref={checkingPanel} className={styles.review} aria-label="Checking open cases">
        <Progress label="Open cases checked" done={state.done} total={state.total}>
          Working out which open cases' deadlines would move…
        </Progress>
        <div className={styles.actions}>
          <Button onClick={review.reset}>Stop</Button>
        </div>
      </section>
    );
  }
  const { preview } = state;
  const moves = preview.cases.flatMap((c) => c.moves.map((move) => ({ kase: c, move })));
  const tally = tallyOf(moves.map((m) => m.move.direction));
  return (
    <section className={styles.review} aria-labelledby={headingId}>
      <h3 id={headingId} ref={heading} tabIndex={-1} className={styles.reviewTitle}>
        Deadlines that would move
      </h3>
      <p className={styles.reviewSummary} data-testid="preview-summary">
        {preview.cases.length === 0
          ? `No open case's deadline would move (${count.format(preview.checked)} open ${plural(preview.checked, 'case uses', 'cases use')} these rules).`
          : `${count.format(preview.cases.length)} of ${count.format(preview.checked)} open cases would have deadlines move (${plural(moves.length, 'one deadline', `${count.format(moves.length)} deadlines`)}: ${tally}).`}
      </p>
      {moves.length > 0 ? (
        <div className={styles.tableScroll}>
          <table className={styles.moves}>
            <thead>
              <tr>
                <th scope="col">Case</th>
                <th scope="col">Deadline</th>
                <th scope="col">Now</th>
                <th scope="col">After the change</th>
                <th scope="col">Moves</th>
              </tr>
            </thead>
            <tbody>
              {moves.slice(0, LISTED).map(({ kase, move }, i) => (
                <tr key={`${kase.caseId}:${move.name}:${move.after?.getTime()}`} data-testid="moved-deadline">
                  {i === 0 || moves[i - 1]!.kase !== kase ? (
                    <th scope="row" rowSpan={kase.moves.length} className={styles.caseCell}>
                      <a {...linkTo(path('queue', kase.caseId))} className={styles.ref}>
                        {kase.ref}
                      </a>
                      <span className={styles.subject}>{kase.subject}</span>
                    </th>
                  ) : null}
                  <td>{move.name}</td>
                  <td className={cx('tabular', styles.when)}>{when(move.before)}</td>
                  <td className={cx('tabular', styles.when)}>
                    {when(move.after)}
                    {becomesOverdue(move) ? <span className={styles.overdue}>overdue at once</span> : null}
                  </td>
                  <td>
                    <Direction move={move} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {moves.length > LISTED ? (
        <p className={styles.muted}>
          Showing the first {LISTED} of {count.format(moves.length)} deadlines, soonest first.
        </p>
      ) : null}
      {state.step === 'saving' ? (
        <Progress label="Open cases updated" done={state.done} total={state.total}>
          Saving, and updating the open cases' deadlines…
        </Progress>
      ) : null}
      {state.step === 'failed' ? (
        <p className={styles.problem} role="alert">
          {state.message}
        </p>
      ) : null}
      <div className={styles.actions}>
        <Button variant="primary" onClick={onSave} disabled={state.step === 'saving'}>
          {saveLabel}
        </Button>
        <Button onClick={review.reset} disabled={state.step === 'saving'}>
          Keep editing
        </Button>
        <Button variant="ghost" onClick={onDiscard} disabled={state.step === 'saving'}>
          Discard changes
        </Button>
      </div>
    </section>
  );
}

function Progress({
  label,
  done,
  total,
  children,
}: {
  label: string;
  done: number;
  total: number;
  children: string;
}) {
  return (
    <div className={styles.progress}>
      <p>{children}</p>
      <progress max={Math.max(total, 1)} value={done} aria-label={label} />
      <p className={cx(styles.muted, 'tabular')} aria-live="polite">
        {total > 0 ? `${count.format(done)} of ${count.format(total)} open cases` : ''}
      </p>
    </div>
  );
}

const DIRECTION_WORDS: Readonly<Record<MoveDirection, string>> = {
  earlier: 'earlier',
  later: 'later',
  added: 'New deadline',
  removed: 'No longer due',
  'due-now': 'Due at once',
};

function Direction({ move }: { move: DeadlineMove }) {
  const { direction, before, after } = move;
  const delta = before !== null && after !== null ? span(Math.abs(after.getTime() - before.getTime())) : '';
  return (
    <span className={cx(styles.direction, styles[direction])}>
      {direction === 'earlier' ? '▲ ' : direction === 'later' ? '▼ ' : ''}
      {delta ? `${delta} ${DIRECTION_WORDS[direction]}` : DIRECTION_WORDS[direction]}
    </span>
  );
}

function becomesOverdue(move: DeadlineMove): boolean {
  return move.stateAfter === 'breached' && move.stateBefore !== 'breached';
}

/** Real time as "3d 4h", "2h 30m", "45m". */
function span(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  if (days > 0) return hours > 0 ? `${days}d ${hours}h` : `${days}d`;
  if (hours > 0) return mins > 0 ? `${hours}h ${mins}m` : `${hours}h`;
  return `${mins}m`;
}

function tallyOf(directions: readonly MoveDirection[]): string {
  const counts = new Map<MoveDirection, number>();
  for (const d of directions) counts.set(d, (counts.get(d) ?? 0) + 1);
  const words: Readonly<Record<MoveDirection, string>> = {
    earlier: 'earlier',
    later: 'later',
    added: 'new',
    removed: 'no longer due',
    'due-now': 'due at once',
  };
  return [...counts].map(([d, n]) => `${count.format(n)} ${words[d]}`).join(', ');
}

function plural(n: number, one: string, many: string): string {
  return n === 1 ? one : many;
}
