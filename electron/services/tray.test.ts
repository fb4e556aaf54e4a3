import { describe, expect, it } from 'vitest';
import { createTrayBadge, describeCounts, type TrayPort, type TrayState, trayState } from './tray';

function fakeTray() {
  const calls: string[] = [];
  const port: TrayPort = {
    setState: (state: TrayState) => calls.push(`state ${state}`),
    setToolTip: (text) => calls.push(`tooltip ${text}`),
    setTitle: (text) => calls.push(`title ${text}`),
    setBadgeCount: (count) => calls.push(`badge ${count}`),
  };
  return { port, calls };
}

describe('tray badge', () => {
  it('starts calm with no badge', () => {
    const { port, calls } = fakeTray();
    createTrayBadge(port);
    expect(calls).toEqual([
      'state calm',
      'tooltip Desk: none of my cases are breached or at risk',
      'title ',
      'badge 0',
    ]);
  });

  it('shows breached and at-risk counts in the tooltip and their sum on the badge', () => {
    const { port, calls } = fakeTray();
    const badge = createTrayBadge(port);
    calls.length = 0;
    badge.update({ breached: 2, atRisk: 3 });
    expect(calls).toEqual(['state breached', 'tooltip Desk: 2 breached, 3 at risk', 'title 5', 'badge 5']);
    expect(badge.current()).toEqual({ breached: 2, atRisk: 3 });
  });

  it('redraws only when the counts change', () => {
    const { port, calls } = fakeTray();
    const badge = createTrayBadge(port);
    badge.update({ breached: 0, atRisk: 1 });
    const after = calls.length;
    badge.update({ breached: 0, atRisk: 1 });
    expect(calls).toHaveLength(after);
  });

  it('picks the icon by the worst case', () => {
    expect(trayState({ breached: 0, atRisk: 0 })).toBe('calm');
    expect(trayState({ breached: 0, atRisk: 4 })).toBe('atRisk');
    expect(trayState({ breached: 1, atRisk: 0 })).toBe('breached');
    expect(describeCounts({ breached: 0, atRisk: 4 })).toBe('Desk: 4 at risk');
  });
});
