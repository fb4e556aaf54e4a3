/**
 * Short notices after an action ("Assigned Q-10428 to you", "Couldn't change the status: …"). Features call
 * `notify()`; the shell renders them (Radix toasts: announced politely, errors assertively, F8 focuses them).
 */
import * as Toast from '@radix-ui/react-toast';
import { create } from 'zustand';
import { cx } from '../ui/cx';
import { AlertOctagonIcon, CheckCircleIcon, CloseIcon } from '../ui/icons';
import styles from './Toasts.module.css';

export interface Notice {
  tone: 'success' | 'error';
  title: string;
  description?: string;
}

interface Shown extends Notice {
  id: number;
}

const useNotices = create<{ shown: Shown[] }>(() => ({ shown: [] }));
let nextId = 1;

/** Shows a notice; errors stay until dismissed, successes fade after a few seconds. */
export function notify(notice: Notice): void {
  const shown = { ...notice, id: nextId++ };
  useNotices.setState((s) => ({ shown: [...s.shown.slice(-3), shown] }));
}

function dismiss(id: number) {
  useNotices.setState((s) => ({ shown: s.shown.filter((n) => n.id !== id) }));
}

export function Toasts() {
  const shown = useNotices((s) => s.shown);
  return (
    <Toast.Provider swipeDirection="right" label="Notification">
      {shown.map((notice) => {
        const Icon = notice.tone === 'error' ? AlertOctagonIcon : CheckCircleIcon;
        return (
          <Toast.Root
            key={notice.id}
            className={cx(styles.toast, styles[notice.tone])}
            type={notice.tone === 'error' ? 'foreground' : 'background'}
            duration={notice.tone === 'error' ? 60_000 : 4000}
            onOpenChange={(open) => {
              if (!open) dismiss(notice.id);
            }}
          >
            <Icon size={16} className={styles.icon} />
            <div className={styles.text}>
              <Toast.Title className={styles.title}>{notice.title}</Toast.Title>
              {notice.description ? (
                <Toast.Description className={styles.description}>{notice.description}</Toast.Description>
              ) : null}
            </div>
            <Toast.Close className={styles.close} aria-label="Dismiss">
              <CloseIcon size={14} />
            </Toast.Close>
          </Toast.Root>
        );
      })}
      <Toast.Viewport className={styles.viewport} label="Notifications ({hotkey})" />
    </Toast.Provider>
  );
}
