/** "Who I am": the name, role and team this desktop acts as, saved in the shell's settings file. */
import { type FormEvent, useEffect, useId, useState } from 'react';
import { Me } from '../../../shared/ipc/schemas';
import { useActorId, useCaseStore } from '../../case-store/case-store';
import { useStoreQuery } from '../../case-store/store-query';
import { DESK_ROLES, isDeskRole, ROLE_LABELS } from '../../desk-settings/roles';
import { saveMe, useSettings } from '../../desk-settings/settings-store';
import { Button } from '../../ui/Button';
import { Field, Select, TextInput } from '../../ui/Field';
import mailboxStyles from './Mailbox.module.css';
import styles from './Settings.module.css';
import { SettingsPanel } from './SettingsPanel';

type Errors = Partial<Record<'name' | 'role' | 'team' | 'form', string>>;

export function WhoIAm() {
  const { settings, loadError } = useSettings();
  const me = settings?.me ?? null;
  const [name, setName] = useState('');
  const [role, setRole] = useState('agent');
  const [team, setTeam] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [status, setStatus] = useState<'idle' | 'saving' | 'saved'>('idle');
  const headingId = useId();

  // Fill the form once the settings arrive (and again if another window changes them).
  useEffect(() => {
    if (!me) return;
    setName(me.name);
    setRole(me.role);
    setTeam(me.team);
  }, [me]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = Me.safeParse({ name, role, team });
    if (!parsed.success) {
      const next: Errors = {};
      for (const issue of parsed.error.issues) {
        const field = issue.path[0];
        if (field === 'name') next.name = 'Enter your name.';
        if (field === 'role') next.role = 'Choose a role.';
        if (field === 'team') next.team = 'Enter your team, for example "IT Service Desk".';
      }
      setErrors(next);
      setStatus('idle');
      return;
    }
    setErrors({});
    setStatus('saving');
    try {
      await saveMe(parsed.data);
      setStatus('saved');
    } catch (error) {
      setErrors({ form: `Not saved: ${error instanceof Error ? error.message : String(error)}` });
      setStatus('idle');
    }
  };

  return (
    <SettingsPanel
      title="Who I am"
      headingId={headingId}
      intro={
        <>
          Your name goes on the cases you touch, your team picks "my team's" queue, and your role decides
          which boards you see first.
        </>
      }
    >
      {loadError ? (
        <p className={styles.problem} role="alert">
          Settings could not be loaded: {loadError}
        </p>
      ) : null}
      {settings?.sync.serverUrl ? (
        <p className={styles.infoNote} role="note">
          This desk syncs with {settings.sync.serverUrl}: you act as the person you signed in as (
          {settings.sync.email}), as the server's directory has them. The name below is used only when this
          computer works on its own desk again, after signing out under Team server.
        </p>
      ) : null}
      <form className={styles.form} onSubmit={submit} noValidate aria-labelledby={headingId}>
        <Field label="Name" error={errors.name ?? null}>
          {(control) => (
            <TextInput
              {...control}
              value={name}
              autoComplete="name"
              onChange={(event) => {
                setName(event.target.value);
                setStatus('idle');
              }}
            />
          )}
        </Field>
        <Field label="Role" error={errors.role ?? null}>
          {(control) => (
            <Select
              {...control}
              value={role}
              onChange={(event) => {
                setRole(event.target.value);
                setStatus('idle');
              }}
            >
              {DESK_ROLES.map((r) => (
                <option key={r} value={r}>
                  {ROLE_LABELS[r]}
                </option>
              ))}
              {isDeskRole(role) ? null : <option value={role}>{role}</option>}
            </Select>
          )}
        </Field>
        <Field
          label="Team"
          hint="As your desk names it, for example IT Service Desk."
          error={errors.team ?? null}
        >
          {(control) => (
            <TextInput
              {...control}
              value={team}
              autoComplete="organization-title"
              onChange={(event) => {
                setTeam(event.target.value);
                setStatus('idle');
              }}
            />
          )}
        </Field>
        <div className={styles.formActions}>
          <Button type="submit" variant="primary" disabled={status === 'saving' || settings === null}>
            {status === 'saving' ? 'Saving…' : 'Save'}
          </Button>
          <span role="status" className={styles.saved}>
            {status === 'saved' ? 'Saved.' : ''}
          </span>
        </div>
        {errors.form ? (
          <p className={styles.problem} role="alert">
            {errors.form}
          </p>
        ) : null}
      </form>
      <EmailNotices />
    </SettingsPanel>
  );
}

/** Whether the escalation notices this person gets also come by email (their own directory row). */
function EmailNotices() {
  const { store } = useCaseStore();
  const actorId = useActorId();
  const [problem, setProblem] = useState<string | null>(null);
  const me = useStoreQuery(
    async (opened) => (actorId === null ? null : ((await opened.db.people.get(actorId)) ?? null)),
    [actorId],
    { tables: ['people'] },
  );
  if (store === null || me === undefined || me === null) return null;
  const change = async (notifyByEmail: boolean) => {
    setProblem(null);
    try {
      const { runMutation } = await import('../../db');
      await runMutation(store, 'setEmailNotices', { notifyByEmail });
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    }
  };
  return (
    <div className={styles.form}>
      <label className={mailboxStyles.check}>
        <input
          type="checkbox"
          checked={me.notifyByEmail === true}
          onChange={(event) => void change(event.target.checked)}
        />
        Also email me the escalation notices I get (to {me.email})
      </label>
      {problem === null ? null : (
        <p className={styles.problem} role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}
