/**
 * The tray icon and the dock/taskbar badge say how many of my cases are past their deadline (breached) or close to
 * it (at risk), so a person sees it without opening the window. The platform comes in through `TrayPort`.
 */
import type { TrayCounts } from '../../shared/ipc/schemas';

export type TrayState = 'calm' | 'atRisk' | 'breached';

export interface TrayPort {
  setState(state: TrayState): void;
  setToolTip(text: string): void;
  /** Text beside the icon in the macOS menu bar; other platforms ignore it. */
  setTitle(text: string): void;
  setBadgeCount(count: number): void;
}

export interface TrayBadge {
  update(counts: TrayCounts): void;
  current(): TrayCounts;
}

export function trayState({ breached, atRisk }: TrayCounts): TrayState {
  if (breached > 0) return 'breached';
  return atRisk > 0 ? 'atRisk' : 'calm';
}

export function describeCounts({ breached, atRisk }: TrayCounts, appName = 'Desk'): string {
  if (breached === 0 && atRisk === 0) return `${appName}: none of my cases are breached or at risk`;
  const parts = [];
  if (breached > 0) parts.push(`${breached} breached`);
  if (atRisk > 0) parts.push(`${atRisk} at risk`);
  return `${appName}: ${parts.join(', ')}`;
}

export function createTrayBadge(port: TrayPort, appName = 'Desk'): TrayBadge {
  let counts: TrayCounts = { breached: 0, atRisk: 0 };
  const render = () => {
    const total = counts.breached + counts.atRisk;
    port.setState(trayState(counts));
    port.setToolTip(describeCounts(counts, appName));
    port.setTitle(total > 0 ? String(total) : '');
    port.setBadgeCount(total);
  };
  render();

  return {
    update(next) {
      if (next.breached === counts.breached && next.atRisk === counts.atRisk) return;
      counts = { breached: next.breached, atRisk: next.atRisk };
      render();
    },
    current: () => counts,
  };
}
