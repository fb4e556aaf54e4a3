/**
 * The status area: where changes go (local only / online / syncing / offline / signed out), how many wait, when
 * this desk last synced, the sync problems to look at, the desk mailbox, and the shell's health.
 */
import { useEffect, useState } from 'react';
import { formatDeskTime } from '../../shared/time';
import { useCaseStore } from '../case-store/case-store';
import { useDeskTimeZone } from '../case-store/desk-time-zone';
import { useOutboxCount } from '../case-store/outbox';
import { describeLastSynced, type SyncMode, useSyncEngine, useSyncStatus } from '../case-store/sync-status';
import { useNow } from '../clock';
import { describeMail, startMailStatus, useMailStatus } from '../mail/status';
import { useHostConnection } from '../platform/bridge';
import { cx } from '../ui/cx';
import {
  CloudIcon,
  CloudOffIcon,
  InboxIcon,
  icon,
  LaptopIcon,
  OutboxIcon,
  PlugOffIcon,
  UserIcon,
} from '../ui/icons';
import { Kbd } from '../ui/Kbd';
import styles from './App.module.css';
import { SyncProblemsDialog } from './SyncProblemsDialog';

const SyncingIcon = icon(
  <>
    <path d="M20 11a8 8 0 0 0-14.3-4.9L4 8" />
    <path d="M4 4v4h4" />
    <path d="M4 13a8 8 0 0 0 14.3 4.9L20 16" />
    <path d="M20 20v-4h-4" />
  </>,
);

const SYNC: Record<SyncMode, { label: string; icon: typeof CloudIcon; title: string }> = {
  'local-only': {
    label: 'Local only',
    icon: LaptopIcon,
    title: 'No team server is set up: changes stay on this computer.',
  },
  online: {
    label: 'Online',
    icon: CloudIcon,
    title: 'Connected to the desk server: changes are shared at once.',
  },
  syncing: {
    label: 'Syncing…',
    icon: SyncingIcon,
    title: 'Sending and fetching changes with the desk server.',
  },
  offline: {
    label: 'Offline',
    icon: CloudOffIcon,
    title: 'The desk server cannot be reached: changes wait on this computer and go out when it is back.',
  },
  'signed-out': {
    label: 'Signed out',
    icon: UserIcon,
    title:
      'Signed out of the desk server: sign in again under Settings → Team server. Changes wait until then.',
  },
};

export function StatusBar() {
  const sync = useSyncStatus();
  const engine = useSyncEngine();
  const outbox = useOutboxCount();
  const store = useCaseStore();
  const host = useHostConnection();
  const [problemsOpen, setProblemsOpen] = useState(false);
  const { label, icon: Icon, title } = SYNC[sync];
  const problems = engine?.problems ?? 0;
  return (
    <footer className={styles.statusBar}>
      <span
        className={cx(styles.statusItem, styles[`sync-${sync}`])}
        title={engine?.lastError && sync !== 'online' ? `${title} ${engine.lastError}` : title}
        data-testid="sync-status"
      >
        <Icon size={13} />
        {label}
      </span>
      <span className={styles.statusItem} data-testid="outbox-count">
        <OutboxIcon size={13} />
        {store.status === 'failed'
          ? 'Case store unavailable'
          : outbox === undefined
            ? 'Opening the case store…'
            : `${outbox} ${outbox === 1 ? 'change' : 'changes'} waiting`}
      </span>
      {sync !== 'local-only' && engine?.lastSyncedAt ? <LastSynced at={engine.lastSyncedAt} /> : null}
      {problems > 0 ? (
        <button
          type="button"
          className={cx(styles.statusItem, styles.statusButton, styles.statusProblem)}
          onClick={() => setProblemsOpen(true)}
          data-testid="sync-problems"
        >
          Sync problems ({problems})
        </button>
      ) : null}
      <MailItem />
      {host === 'offline' || host === 'refused' ? (
        <span className={cx(styles.statusItem, styles.statusProblem)} role="status">
          <PlugOffIcon size={13} />
          {host === 'offline' ? 'Desk host unreachable, reconnecting…' : 'Desk host refused this page'}
        </span>
      ) : null}
      <span className={styles.statusSpacer} />
      <span className={styles.statusItem}>
        <Kbd keys={['?']} /> shortcuts
      </span>
      <SyncProblemsDialog open={problemsOpen} onOpenChange={setProblemsOpen} />
    </footer>
  );
}

function LastSynced({ at }: { at: string }) {
  const now = useNow(1000);
  const timeZone = useDeskTimeZone();
  const date = new Date(at);
  return (
    <span
      className={styles.statusItem}
      data-testid="last-synced"
      title={formatDeskTime(date, timeZone, 'dateTimeSeconds')}
    >
      {describeLastSynced(date, now, timeZone)}
    </span>
  );
}

/** The desk mailbox: watching, fetching, offline, failed (with why), not set up; and how many messages wait. */
function MailItem() {
  useEffect(startMailStatus, []);
  const status = useMailStatus();
  const { word, label, title } = describeMail(status);
  const problem = word === 'failed';
  return (
    <span
      className={cx(
        styles.statusItem,
        problem && styles.statusProblem,
        word === 'offline' && styles['sync-offline'],
      )}
      title={title}
      data-testid="mail-status"
      data-state={word}
      {...(problem ? { role: 'status' } : {})}
    >
      <InboxIcon size={13} />
      {label}
    </span>
  );
}
