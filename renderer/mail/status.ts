/** The mailbox's state for the status area: the main process's mail service reports it (`mailStatusChanged`). */
import { create } from 'zustand';
import type { MailStatus } from '../../shared/ipc/mail';
import { bridge, desk } from '../platform/bridge';

export const useMailStore = create<{ status: MailStatus | null }>(() => ({ status: null }));

let started = false;

/** Loads the mailbox status and keeps it current; safe to call many times. */
export function startMailStatus(): void {
  if (started) return;
  started = true;
  desk.onMailStatusChanged((status) => useMailStore.setState({ status }));
  bridge().onConnection((connection) => {
    if (connection === 'online') void loadMailStatus();
  });
  void loadMailStatus();
}

export async function loadMailStatus(): Promise<void> {
  try {
    useMailStore.setState({ status: await desk.mailStatus() });
  } catch (error) {
    console.warn('Desk could not read the mailbox status', error);
  }
}

export function useMailStatus(): MailStatus | null {
  return useMailStore((s) => s.status);
}

export type MailWord = 'not-set-up' | 'off' | 'connecting' | 'watching' | 'fetching' | 'offline' | 'failed';

/** What the status area says of the mailbox, and the sentence behind it. */
export function describeMail(status: MailStatus | null): { word: MailWord; label: string; title: string } {
  if (status === null || !status.configured) {
    return {
      word: 'not-set-up',
      label: 'Mail not set up',
      title: 'No desk mailbox is set up: replies by email wait until one is (Settings → Mailbox).',
    };
  }
  const waiting = status.waiting > 0 ? ` (${status.waiting} waiting)` : '';
  switch (status.state) {
    case 'off':
      return {
        word: 'off',
        label: 'Mail off',
        title: 'The desk mailbox is switched off in Settings → Mailbox: nothing is fetched or sent.',
      };
    case 'connecting':
      return { word: 'connecting', label: 'Mail connecting…', title: 'Connecting to the desk mailbox.' };
    case 'watching':
      return {
        word: 'watching',
        label: `Mail: watching${waiting}`,
        title: 'Connected to the desk mailbox: new mail becomes cases as it arrives.',
      };
    case 'fetching':
      return {
        word: 'fetching',
        label: `Fetching mail…${waiting}`,
        title: 'Fetching new mail from the desk mailbox.',
      };
    case 'offline':
      return {
        word: 'offline',
        label: `Mail offline${waiting}`,
        title: `The desk mailbox cannot be reached; Desk tries again by itself.${status.lastError ? ` ${status.lastError}` : ''}`,
      };
    case 'failed':
      return {
        word: 'failed',
        label: 'Mail failed',
        title: status.lastError ?? 'The desk mailbox refused Desk: check Settings → Mailbox.',
      };
  }
}
