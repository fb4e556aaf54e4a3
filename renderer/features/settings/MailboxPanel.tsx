/**
 * Settings → Mailbox: the desk mailbox Desk reads (IMAP) and sends from (SMTP). Passwords are write-only: the
 * shell keeps them in the system's secret store and this page only learns whether one is stored. "Test
 * connection" tries both sides with what is typed and says, for each, where it failed.
 */
import { type FormEvent, type ReactNode, useEffect, useState } from 'react';
import type { MailboxCheck, MailboxView } from '../../../shared/ipc/mail';
import type { MailSecurity } from '../../../shared/mail/schema';
import { loadMailStatus } from '../../mail/status';
import { desk } from '../../platform/bridge';
import { Button } from '../../ui/Button';
import { cx } from '../../ui/cx';
import { Field, Select, TextInput } from '../../ui/Field';
import styles from './Mailbox.module.css';
import {
  describeCheck,
  draftOf,
  type MailboxDraft,
  type MailboxErrors,
  type MailboxField,
  toSave,
  withSecurity,
} from './mailbox-form';
import settingsStyles from './Settings.module.css';
import { SettingsPanel } from './SettingsPanel';

const SECURITY_LABELS: Readonly<Record<MailSecurity, string>> = {
  tls: 'TLS from the start (993 / 465)',
  starttls: 'STARTTLS (143 / 587)',
  none: 'None (only on a trusted network)',
};

function problemOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function MailboxPanel() {
  const [view, setView] = useState<MailboxView | null>(null);
  const [loadProblem, setLoadProblem] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    desk.mailSettings().then(
      (loaded) => current && setView(loaded),
      (error: unknown) =>
        current &&
        setLoadProblem(
          `Desk could not read the mailbox settings (${problemOf(error)}). Reload to try again.`,
        ),
    );
    return () => {
      current = false;
    };
  }, []);
  return (
    <SettingsPanel
      title="Mailbox"
      testId="mailbox-settings"
      intro="The desk's shared mailbox: mail that arrives there becomes cases and replies on cases, and replies typed in Desk are sent from it. Desk flags or moves a message only once its case is saved, and never deletes mail."
    >
      {loadProblem ? (
        <p className={settingsStyles.problem} role="alert">
          {loadProblem}
        </p>
      ) : view === null ? (
        <p className={settingsStyles.muted}>Asking the desktop shell…</p>
      ) : (
        <MailboxForm view={view} onSaved={setView} />
      )}
    </SettingsPanel>
  );
}

function MailboxForm({ view, onSaved }: { view: MailboxView; onSaved: (view: MailboxView) => void }) {
  const [draft, setDraft] = useState<MailboxDraft>(() => draftOf(view));
  const [errors, setErrors] = useState<MailboxErrors>({});
  const [state, setState] = useState<'idle' | 'saving' | 'saved' | 'testing'>('idle');
  const [check, setCheck] = useState<MailboxCheck | null>(null);

  const set = <K extends keyof MailboxDraft>(key: K, value: MailboxDraft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    if (state === 'saved') setState('idle');
  };
  const error = (field: MailboxField) => errors[field] ?? null;

  const checked = () => {
    const outcome = toSave(draft);
    setErrors(outcome.ok ? {} : outcome.errors);
    return outcome.ok ? outcome.save : null;
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const request = checked();
    if (request === null) return;
    setState('saving');
    try {
      const saved = await desk.mailSaveSettings(request);
      setDraft((d) => ({ ...d, imapPassword: '', smtpPassword: '' }));
      onSaved(saved);
      setState('saved');
      void loadMailStatus();
    } catch (failure) {
      setErrors({ form: `Desk could not save the mailbox (${problemOf(failure)}). Try again.` });
      setState('idle');
    }
  };

  const test = async () => {
    const request = checked();
    if (request === null) return;
    setState('testing');
    setCheck(null);
    try {
      setCheck(await desk.mailTestConnection(request));
    } catch (failure) {
      setErrors({ form: `Desk could not test the mailbox (${problemOf(failure)}). Try again.` });
    }
    setState('idle');
  };

  const text = (field: MailboxField, label: ReactNode, options: TextOptions = {}) => (
    <div className={options.wide ? styles.wide : undefined}>
      <Field label={label} hint={options.hint} error={error(field)}>
        {(control) => (
          <TextInput
            {...control}
            type={options.type ?? 'text'}
            value={String(draft[field])}
            spellCheck={false}
            autoComplete={options.autoComplete ?? 'off'}
            {...(options.inputMode ? { inputMode: options.inputMode } : {})}
            onChange={(event) => set(field, event.target.value as never)}
          />
        )}
      </Field>
    </div>
  );

  const security = (side: 'imap' | 'smtp') => {
    const field = side === 'imap' ? 'imapSecurity' : 'smtpSecurity';
    return (
      <Field label="Security" error={error(field)}>
        {(control) => (
          <Select
            {...control}
            value={draft[field]}
            onChange={(event) => {
              setDraft((d) => withSecurity(d, side, event.target.value as MailSecurity));
              if (state === 'saved') setState('idle');
            }}
          >
            {(Object.keys(SECURITY_LABELS) as MailSecurity[]).map((value) => (
              <option key={value} value={value}>
                {SECURITY_LABELS[value]}
              </option>
            ))}
          </Select>
        )}
      </Field>
    );
  };

  const passwordHint = (stored: boolean) =>
    stored
      ? 'A password is stored. Type a new one to replace it; leave empty to keep it.'
      : 'No password is stored yet.';

  return (
    <form className={styles.form} onSubmit={save} noValidate aria-label="Desk mailbox">
      <label className={styles.check}>
        <input
          type="checkbox"
          checked={draft.enabled}
          onChange={(event) => set('enabled', event.target.checked)}
        />
        Fetch and send mail with this mailbox
      </label>
      <fieldset className={styles.group}>
        <legend>The desk</legend>
        {text('deskAddress', "Desk's address", {
          type: 'email',
          hint: 'Everything Desk sends comes from this address; mail from it is never acknowledged.',
        })}
        {text('deskName', 'Name on outgoing mail')}
      </fieldset>
      <fieldset className={styles.group}>
        <legend>Incoming mail (IMAP)</legend>
        {text('imapHost', 'Server', { hint: 'For example imap.example.ac.uk.' })}
        {text('imapPort', 'Port', { inputMode: 'numeric' })}
        {security('imap')}
        {text('imapUser', 'User name', { autoComplete: 'username' })}
        {text('imapPassword', 'Password', {
          type: 'password',
          autoComplete: 'new-password',
          hint: passwordHint(view.imapPasswordSet),
        })}
        {text('imapFolder', 'Folder', { hint: 'The folder Desk reads new mail from.' })}
        <Field label="After a message is filed" error={error('afterIngest')}>
          {(control) => (
            <Select
              {...control}
              value={draft.afterIngest}
              onChange={(event) => set('afterIngest', event.target.value === 'move' ? 'move' : 'flag')}
            >
              <option value="flag">Flag it and leave it in the folder</option>
              <option value="move">Move it to another folder</option>
            </Select>
          )}
        </Field>
        {draft.afterIngest === 'move' ? text('processedFolder', 'Move processed mail to') : <span />}
        <label className={cx(styles.check, styles.wide)}>
          <input
            type="checkbox"
            checked={draft.bulkMakesCases}
            onChange={(event) => set('bulkMakesCases', event.target.checked)}
          />
          Make cases from list and bulk mail too (it is never acknowledged)
        </label>
      </fieldset>
      <fieldset className={styles.group}>
        <legend>Outgoing mail (SMTP)</legend>
        {text('smtpHost', 'Server', { hint: 'For example smtp.example.ac.uk.' })}
        {text('smtpPort', 'Port', { inputMode: 'numeric' })}
        {security('smtp')}
        {text('smtpUser', 'User name', {
          autoComplete: 'username',
          hint: 'Leave empty when the server accepts the desk’s mail without signing in.',
        })}
        {text('smtpPassword', 'Password', {
          type: 'password',
          autoComplete: 'new-password',
          hint: passwordHint(view.smtpPasswordSet),
        })}
        {text('sentFolder', 'Keep sent copies in', {
          hint: 'An IMAP folder of the desk mailbox; leave empty not to keep copies.',
        })}
      </fieldset>
      <div className={styles.actions}>
        <Button type="submit" variant="primary" disabled={state === 'saving' || state === 'testing'}>
          {state === 'saving' ? 'Saving…' : 'Save'}
        </Button>
        <Button onClick={test} disabled={state === 'saving' || state === 'testing'}>
          {state === 'testing' ? 'Testing…' : 'Test connection'}
        </Button>
        <span role="status" className={settingsStyles.saved}>
          {state === 'saved'
            ? 'Saved. Desk connects to the mailbox now.'
            : state === 'testing'
              ? 'Trying both servers…'
              : ''}
        </span>
      </div>
      {check ? (
        <ul className={styles.results} aria-label="Connection test" data-testid="mailbox-check">
          <CheckLine side="Incoming (IMAP)" check={check.imap} />
          <CheckLine side="Outgoing (SMTP)" check={check.smtp} />
        </ul>
      ) : null}
      {errors.form ? (
        <p className={settingsStyles.problem} role="alert">
          {errors.form}
        </p>
      ) : null}
    </form>
  );
}

interface TextOptions {
  hint?: string;
  type?: 'text' | 'email' | 'password';
  autoComplete?: string;
  inputMode?: 'numeric';
  wide?: boolean;
}

function CheckLine({ side, check }: { side: string; check: MailboxCheck['imap'] }) {
  return (
    <li className={cx(styles.result, check.ok ? styles.resultOk : styles.resultFailed)}>
      <strong>{side}:</strong> {describeCheck(check)}
    </li>
  );
}
