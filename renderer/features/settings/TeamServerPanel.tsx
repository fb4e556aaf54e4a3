/**
 * Settings → Team server: connect this desk to the team's desk server (address, email, password), see how it
 * syncs, sign in again after a sign-out, and sign out (keeping or removing this computer's copy). The session
 * token never reaches this page: the shell keeps it. Connecting or signing out switches the local store (one
 * per server and person), which the app does by reloading the window.
 */
import { type FormEvent, useId, useState } from 'react';
import type { SyncServiceStatus } from '../../../shared/ipc/sync';
import { useCloseStore, useStoreTarget } from '../../case-store/case-store';
import { useDeskTimeZone } from '../../case-store/desk-time-zone';
import { removeLocalStore } from '../../case-store/local-stores';
import { useOutboxCount } from '../../case-store/outbox';
import { useStoreQuery } from '../../case-store/store-query';
import {
  describeLastSynced,
  type SyncMode,
  useSyncEngine,
  useSyncService,
  useSyncStatus,
} from '../../case-store/sync-status';
import { useNow } from '../../clock';
import { desk } from '../../platform/bridge';
import { Button } from '../../ui/Button';
import { cx } from '../../ui/cx';
import { Dialog } from '../../ui/Dialog';
import { Field, TextInput } from '../../ui/Field';
import { ImportOffer } from './ImportOffer';
import styles from './Settings.module.css';
import { SettingsPanel } from './SettingsPanel';

type FieldName = 'serverUrl' | 'email' | 'password';
type Errors = Partial<Record<FieldName | 'form', string>>;

const MODE_WORDS: Record<SyncMode, string> = {
  'local-only': 'Not connected',
  online: 'Online: changes are shared as they are made',
  syncing: 'Syncing',
  offline: 'Offline: changes wait on this computer until the server is back',
  'signed-out': 'Signed out: changes wait on this computer until you sign in again',
};

export function TeamServerPanel() {
  const service = useSyncService();
  return (
    <SettingsPanel
      title="Team server"
      testId="team-server"
      intro="Connect this desk to your team's desk server and everyone sees the same cases, assignments and escalations within a second or two. Desk keeps a full copy on this computer and keeps working when the server cannot be reached."
    >
      {service === null ? (
        <p className={styles.muted}>Asking the desktop shell…</p>
      ) : service.configured ? (
        <Connected service={service} />
      ) : (
        <ConnectForm serverUrl="" email="" intro={null} />
      )}
    </SettingsPanel>
  );
}

/** Address, email and password; on success the app reopens on the server's store. */
function ConnectForm({
  serverUrl: initialUrl,
  email: initialEmail,
  intro,
  urlLocked = false,
}: {
  serverUrl: string;
  email: string;
  intro: string | null;
  urlLocked?: boolean;
}) {
  const [serverUrl, setServerUrl] = useState(initialUrl);
  const [email, setEmail] = useState(initialEmail);
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [state, setState] = useState<'idle' | 'connecting' | 'connected'>('idle');
  const target = useStoreTarget();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const missing: Errors = {};
    if (serverUrl.trim() === '') missing.serverUrl = "Enter the desk server's address.";
    if (email.trim() === '') missing.email = 'Enter the email address you sign in with.';
    if (password === '') missing.password = 'Enter your password.';
    if (Object.keys(missing).length > 0) {
      setErrors(missing);
      return;
    }
    setErrors({});
    setState('connecting');
    try {
      const outcome = await desk.syncConnect({ serverUrl, email, password });
      if (!outcome.ok) {
        setErrors({ [outcome.field ?? 'form']: outcome.message });
        setState('idle');
        return;
      }
      setPassword('');
      const { serverUrl: server, personId } = outcome.status;
      if (target?.serverUrl === server && target.personId === personId) {
        // Signed in again as the same person: the same store carries on, and syncs again at once.
        setState('idle');
        return;
      }
      setState('connected');
      // This desk is now one person's copy of the server's desk: reopen the app on that store.
      window.location.reload();
    } catch (error) {
      setErrors({
        form: `Desk could not ask the desktop shell to connect (${error instanceof Error ? error.message : String(error)}). Try again.`,
      });
      setState('idle');
    }
  };

  return (
    <form className={styles.form} onSubmit={submit} noValidate aria-label="Connect to a desk server">
      {intro ? <p className={styles.sectionIntro}>{intro}</p> : null}
      <Field
        label="Server address"
        hint="As your desk's administrator gave it, for example https://desk.example.org."
        error={errors.serverUrl ?? null}
      >
        {(control) => (
          <TextInput
            {...control}
            type="url"
            value={serverUrl}
            readOnly={urlLocked}
            autoComplete="url"
            spellCheck={false}
            onChange={(event) => setServerUrl(event.target.value)}
          />
        )}
      </Field>
      <Field label="Email" error={errors.email ?? null}>
        {(control) => (
          <TextInput
            {...control}
            type="email"
            value={email}
            autoComplete="username"
            onChange={(event) => setEmail(event.target.value)}
          />
        )}
      </Field>
      <Field label="Password" error={errors.password ?? null}>
        {(control) => (
          <TextInput
            {...control}
            type="password"
            value={password}
            autoComplete="current-password"
            onChange={(event) => setPassword(event.target.value)}
          />
        )}
      </Field>
      <div className={styles.formActions}>
        <Button type="submit" variant="primary" disabled={state !== 'idle'}>
          {state === 'connecting' ? 'Connecting…' : urlLocked ? 'Sign in' : 'Connect'}
        </Button>
        <span role="status" className={styles.saved}>
          {state === 'connecting'
            ? 'Checking the server and signing in…'
            : state === 'connected'
              ? 'Connected. Opening your desk from the server…'
              : ''}
        </span>
      </div>
      {errors.form ? (
        <p className={styles.problem} role="alert">
          {errors.form}
        </p>
      ) : null}
    </form>
  );
}

function Connected({ service }: { service: SyncServiceStatus }) {
  const mode = useSyncStatus();
  const engine = useSyncEngine();
  const outbox = useOutboxCount();
  const target = useStoreTarget();
  const now = useNow(1000);
  const timeZone = useDeskTimeZone();
  const [signingOut, setSigningOut] = useState(false);
  const personName = useStoreQuery(
    async (store) =>
      service.personId ? ((await store.db.people.get(service.personId))?.name ?? null) : null,
    [service.personId],
    { tables: ['people'] },
  );
  const initial = engine?.initialSync ?? null;

  return (
    <>
      <dl className={styles.facts}>
        <dt>Server</dt>
        <dd data-testid="team-server-url">{service.serverUrl}</dd>
        <dt>Signed in as</dt>
        <dd>
          {personName ? `${personName} (${service.email})` : service.email}
          {service.signedIn ? null : ' — signed out'}
        </dd>
        <dt>Status</dt>
        <dd data-testid="team-server-status">{MODE_WORDS[mode]}</dd>
        <dt>Changes waiting</dt>
        <dd>{outbox ?? '…'}</dd>
        <dt>Last synced</dt>
        <dd>
          {engine?.lastSyncedAt
            ? describeLastSynced(new Date(engine.lastSyncedAt), now, timeZone)
            : 'not yet'}
        </dd>
      </dl>
      {service.lastError && mode !== 'online' ? (
        <p className={styles.warningNote} role="status">
          {service.lastError}
        </p>
      ) : null}
      {initial ? (
        <div role="status" data-testid="first-sync">
          <p>
            First sync: {initial.done.toLocaleString('en-GB')}
            {initial.total === null ? '' : ` of ${initial.total.toLocaleString('en-GB')}`} cases received from
            the server. The queue is usable as they arrive.
          </p>
          <progress
            {...(initial.total === null ? {} : { max: Math.max(1, initial.total), value: initial.done })}
            aria-label="First sync"
          />
        </div>
      ) : null}
      {service.signedIn ? null : (
        <ConnectForm
          serverUrl={service.serverUrl ?? ''}
          email={service.email ?? ''}
          urlLocked
          intro="You were signed out of the desk server: sign in again. Your cases and the changes waiting on this computer are kept."
        />
      )}
      {service.signedIn && target?.personId ? <ImportOffer /> : null}
      <div className={styles.formActions}>
        <Button variant="danger" onClick={() => setSigningOut(true)}>
          Sign out…
        </Button>
      </div>
      <SignOutDialog
        open={signingOut}
        onOpenChange={setSigningOut}
        serverUrl={service.serverUrl ?? ''}
        waiting={outbox ?? 0}
      />
    </>
  );
}

/** Sign out, keeping this computer's copy (signing in again picks it up) or removing it. */
function SignOutDialog({
  open,
  onOpenChange,
  serverUrl,
  waiting,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  serverUrl: string;
  waiting: number;
}) {
  const target = useStoreTarget();
  const closeStore = useCloseStore();
  const [keep, setKeep] = useState(true);
  const [state, setState] = useState<'idle' | 'working'>('idle');
  const [problem, setProblem] = useState<string | null>(null);
  const groupId = useId();

  const signOut = async () => {
    setState('working');
    setProblem(null);
    try {
      const name = target?.personId ? target.name : null;
      // Signed out first: the engine's next exchange stops at "signed out" instead of meeting a closed store.
      await desk.syncSignOut();
      if (!keep && name) {
        closeStore();
        await removeLocalStore(name);
      }
      // Back to the standalone store on this computer.
      window.location.reload();
    } catch (error) {
      setProblem(
        `Signing out did not finish (${error instanceof Error ? error.message : String(error)}). Try again; your data is still on this computer.`,
      );
      setState('idle');
    }
  };

  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title="Sign out of the desk server"
      description={`This desk stops syncing with ${serverUrl} and goes back to this computer's own desk.`}
      width="sm"
    >
      <div className={styles.dialogBody}>
        <fieldset
          className={styles.choices}
          aria-describedby={waiting > 0 ? `${groupId}-waiting` : undefined}
        >
          <legend className={styles.choicesLegend}>This desk's data on this computer</legend>
          <label className={cx(styles.choice, keep && styles.choiceChosen)}>
            <input type="radio" name={groupId} checked={keep} onChange={() => setKeep(true)} />
            <span>
              <span className={styles.choiceLabel}>Keep this desk's data on this computer</span>
              <span className={styles.choiceHint}>Signing in again carries on from it.</span>
            </span>
          </label>
          <label className={cx(styles.choice, !keep && styles.choiceChosen)}>
            <input type="radio" name={groupId} checked={!keep} onChange={() => setKeep(false)} />
            <span>
              <span className={styles.choiceLabel}>Remove it</span>
              <span className={styles.choiceHint}>
                This server's cases are deleted from this computer; they stay on the server.
              </span>
            </span>
          </label>
        </fieldset>
        {waiting > 0 ? (
          <p id={`${groupId}-waiting`} className={styles.warningNote}>
            {waiting === 1 ? '1 change has' : `${waiting} changes have`} not reached the server yet.{' '}
            {keep ? 'They are sent when you sign in again.' : 'Removing the data loses them.'}
          </p>
        ) : null}
        {problem ? (
          <p className={styles.problem} role="alert">
            {problem}
          </p>
        ) : null}
        <div className={styles.dialogButtons}>
          <Button variant="ghost" onClick={() => onOpenChange(false)} disabled={state === 'working'}>
            Cancel
          </Button>
          <Button variant="danger" onClick={signOut} disabled={state === 'working'}>
            {state === 'working' ? 'Signing out…' : 'Sign out'}
          </Button>
        </div>
      </div>
    </Dialog>
  );
}
