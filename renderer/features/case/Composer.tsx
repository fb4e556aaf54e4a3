/**
 * Reply to the requester (from a template, queued for the mail channel when by email) or add an internal note.
 * What was typed stays in the box until it is saved: a refused or failed save loses nothing.
 */
import {
  type FormEvent,
  type KeyboardEvent,
  type Ref,
  useEffect,
  useId,
  useImperativeHandle,
  useRef,
  useState,
} from 'react';
import { type Channel, REPLY_PURPOSES, type ReplyPurpose } from '../../../shared/domain';
import { FormAlert } from '../../case-kit/forms';
import { useChange } from '../../case-store/changes';
import type { CaseRow } from '../../db';
import { notify } from '../../shell-services/toasts';
import { Button } from '../../ui/Button';
import { cx } from '../../ui/cx';
import { Field, Select, TextArea } from '../../ui/Field';
import { Kbd } from '../../ui/Kbd';
import styles from './Case.module.css';
import type { ReplyTemplate } from './templates';

export interface ComposerHandle {
  open(mode: 'reply' | 'note'): void;
}

const REPLY_CHANNELS: readonly { value: Channel; label: string }[] = [
  { value: 'email', label: 'Email (queued for the mail channel)' },
  { value: 'phone', label: 'Phone call (record what was said)' },
  { value: 'letter', label: 'Letter' },
  { value: 'in-person', label: 'In person' },
];

const PURPOSE_LABELS: Readonly<Record<ReplyPurpose, string>> = {
  acknowledgement: 'Acknowledgement',
  update: 'Update',
  response: 'Written response (meets a response deadline)',
};

/** Drafts per case and mode, so leaving the case and coming back keeps what was typed. */
const drafts = new Map<string, string>();

export function Composer({
  kase,
  templates,
  pausesOnWaiting,
  ref,
}: {
  kase: CaseRow;
  templates: readonly ReplyTemplate[];
  /** Whether "waiting on the requester" pauses this case's clocks. */
  pausesOnWaiting: boolean;
  ref?: Ref<ComposerHandle>;
}) {
  const change = useChange();
  const [mode, setMode] = useState<'reply' | 'note'>('reply');
  const [body, setBody] = useState(() => drafts.get(`${kase.id}:reply`) ?? '');
  const [note, setNote] = useState(() => drafts.get(`${kase.id}:note`) ?? '');
  const [purpose, setPurpose] = useState<ReplyPurpose>('update');
  const [channel, setChannel] = useState<Channel>(kase.requester.email ? 'email' : 'phone');
  const [template, setTemplate] = useState('');
  const [thenWait, setThenWait] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const replyBox = useRef<HTMLTextAreaElement>(null);
  const noteBox = useRef<HTMLTextAreaElement>(null);
  const id = useId();

  useEffect(() => {
    drafts.set(`${kase.id}:reply`, body);
    drafts.set(`${kase.id}:note`, note);
  }, [kase.id, body, note]);

  useImperativeHandle(ref, () => ({
    open(next) {
      setMode(next);
      setProblem(null);
      requestAnimationFrame(() => (next === 'reply' ? replyBox : noteBox).current?.focus());
    },
  }));

  const applyTemplate = (templateId: string) => {
    setTemplate(templateId);
    const chosen = templates.find((t) => t.id === templateId);
    if (!chosen) return;
    setBody(chosen.body);
    setPurpose(chosen.purpose);
    setThenWait(chosen.waitsForRequester === true && pausesOnWaiting);
  };

  const send = async (event?: FormEvent) => {
    event?.preventDefault();
    setBusy(true);
    setProblem(null);
    if (mode === 'note') {
      const outcome = await change('addNote', { caseId: kase.id, text: note });
      setBusy(false);
      if (!outcome.ok) {
        setProblem(outcome.failure.message);
        return;
      }
      setNote('');
      notify({ tone: 'success', title: `Note added to ${kase.ref}` });
      return;
    }
    const outcome = await change('addReply', { caseId: kase.id, body, purpose, channel });
    if (!outcome.ok) {
      setBusy(false);
      setProblem(outcome.failure.message);
      return;
    }
    let waiting = '';
    if (thenWait && kase.status !== 'pending-requester') {
      const paused = await change('setStatus', {
        caseId: kase.id,
        status: 'pending-requester',
        reason: 'Waiting for the requester to send more information.',
      });
      waiting = paused.ok ? ' The case now waits on the requester (its clocks are paused).' : '';
      if (!paused.ok)
        setProblem(`The reply was saved, but the status was not changed: ${paused.failure.message}`);
    }
    setBusy(false);
    setBody('');
    setTemplate('');
    setThenWait(false);
    notify({
      tone: 'success',
      title: channel === 'email' ? `Reply queued for the mail channel` : `Reply recorded on ${kase.ref}`,
      description:
        `${channel === 'email' ? `It goes to ${kase.requester.email} when the mail channel runs.` : ''}${waiting}`.trim() ||
        undefined,
    });
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) void send();
  };

  return (
    <section className={styles.composer} aria-label="Reply or note">
      <div className={styles.tabs} role="tablist" aria-label="Write">
        <button
          type="button"
          role="tab"
          id={`${id}-reply-tab`}
          aria-selected={mode === 'reply'}
          aria-controls={`${id}-panel`}
          className={cx(styles.tab, mode === 'reply' && styles.tabActive)}
          onClick={() => setMode('reply')}
        >
          Reply to requester <Kbd keys={['r']} />
        </button>
        <button
          type="button"
          role="tab"
          id={`${id}-note-tab`}
          aria-selected={mode === 'note'}
          aria-controls={`${id}-panel`}
          className={cx(styles.tab, mode === 'note' && styles.tabActive)}
          onClick={() => setMode('note')}
        >
          Internal note <Kbd keys={['n']} />
        </button>
      </div>
      <form
        id={`${id}-panel`}
        role="tabpanel"
        aria-labelledby={`${id}-${mode}-tab`}
        className={cx(styles.composerPanel, mode === 'note' && styles.notePanel)}
        onSubmit={send}
      >
        {mode === 'reply' ? (
          <>
            <div className={styles.composerOptions}>
              <Field label="Template">
                {(control) => (
                  <Select {...control} value={template} onChange={(e) => applyTemplate(e.target.value)}>
                    <option value="">Write from scratch</option>
                    {templates.map((t) => (
                      <option key={t.id} value={t.id}>
                        {t.name}
                      </option>
                    ))}
                  </Select>
                )}
              </Field>
              <Field label="This reply is">
                {(control) => (
                  <Select
                    {...control}
                    value={purpose}
                    onChange={(e) => setPurpose(REPLY_PURPOSES.find((p) => p === e.target.value) ?? 'update')}
                  >
                    {REPLY_PURPOSES.map((p) => (
                      <option key={p} value={p}>
                        {PURPOSE_LABELS[p]}
                      </option>
                    ))}
                  </Select>
                )}
              </Field>
              <Field label="Sent by">
                {(control) => (
                  <Select
                    {...control}
                    value={channel}
                    onChange={(e) =>
                      setChannel(REPLY_CHANNELS.find((c) => c.value === e.target.value)?.value ?? 'email')
                    }
                  >
                    {REPLY_CHANNELS.map((c) => (
                      <option
                        key={c.value}
                        value={c.value}
                        disabled={c.value === 'email' && !kase.requester.email}
                      >
                        {c.label}
                      </option>
                    ))}
                  </Select>
                )}
              </Field>
            </div>
            <TextArea
              ref={replyBox}
              aria-label="Reply"
              rows={body.length > 200 ? 10 : 4}
              placeholder={`Write to ${kase.requester.name}…`}
              value={body}
              onChange={(e) => setBody(e.target.value)}
              onKeyDown={onKeyDown}
            />
          </>
        ) : (
          <TextArea
            ref={noteBox}
            aria-label="Internal note"
            rows={3}
            placeholder="Only the desk sees notes."
            value={note}
            onChange={(e) => setNote(e.target.value)}
            onKeyDown={onKeyDown}
          />
        )}
        {problem ? <FormAlert>{problem}</FormAlert> : null}
        <div className={styles.composerActions}>
          {mode === 'reply' && pausesOnWaiting ? (
            <label className={styles.checkbox}>
              <input type="checkbox" checked={thenWait} onChange={(e) => setThenWait(e.target.checked)} />
              Then wait on the requester (pauses the clocks)
            </label>
          ) : null}
          <span className={styles.grow} />
          <span className={styles.hint}>
            <Kbd keys={['Ctrl', 'Enter']} />
          </span>
          <Button variant="primary" type="submit" disabled={busy}>
            {mode === 'note' ? 'Add note' : channel === 'email' ? 'Queue reply' : 'Record reply'}
          </Button>
        </div>
      </form>
    </section>
  );
}
