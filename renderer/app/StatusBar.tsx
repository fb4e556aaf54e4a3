/** The status area: where changes go (local only / online / offline), how many wait, and the shell's health. */
import { useHostConnection } from '../platform/bridge';
import { cx } from '../ui/cx';
import { CloudIcon, CloudOffIcon, LaptopIcon, OutboxIcon, PlugOffIcon } from '../ui/icons';
import { Kbd } from '../ui/Kbd';
import styles from './App.module.css';
import { useCaseStore } from './case-store';
import { useOutboxCount } from './outbox';
import { useSyncStatus } from './sync-status';

const SYNC = {
  'local-only': {
    label: 'Local only',
    icon: LaptopIcon,
    title: 'No sync server is set up: changes stay on this computer.',
  },
  online: { label: 'Online', icon: CloudIcon, title: 'Connected to the sync server.' },
  offline: {
    label: 'Offline',
    icon: CloudOffIcon,
    title: 'The sync server cannot be reached: changes wait in the outbox.',
  },
} as const;

export function StatusBar() {
  const sync = useSyncStatus();
  const outbox = useOutboxCount();
  const store = useCaseStore();
  const host = useHostConnection();
  const { label, icon: Icon, title } = SYNC[sync];
  return (
    <footer className={styles.statusBar}>
      <span className={cx(styles.statusItem, styles[`sync-${sync}`])} title={title} data-testid="sync-status">
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
    </footer>
  );
}
