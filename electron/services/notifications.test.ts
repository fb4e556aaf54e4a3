import { describe, expect, it, vi } from 'vitest';
import { createNotifier, type NotificationPort } from './notifications';

function setup(options: { supported?: boolean; enabled?: boolean } = {}) {
  let clock = Date.parse('2026-03-02T09:00:00Z');
  const shown: { title: string; body: string; click: () => void }[] = [];
  const port: NotificationPort = {
    isSupported: () => options.supported ?? true,
    show: (notification, click) => shown.push({ ...notification, click }),
  };
  const onClick = vi.fn();
  const notifier = createNotifier({
    port,
    isEnabled: () => options.enabled ?? true,
    onClick,
    now: () => clock,
    dedupeMs: 60_000,
    maxTags: 3,
  });
  return { notifier, shown, onClick, advance: (ms: number) => (clock += ms) };
}

const breach = {
  title: 'Case DESK-42 breached',
  body: 'First response was due at 09:00',
  tag: 'breach:42:first-response',
};

describe('notifications', () => {
  it('shows a notification once per tag, however often it is asked for', () => {
    const { notifier, shown } = setup();
    expect(notifier.show(breach)).toEqual({ status: 'shown' });
    expect(notifier.show(breach)).toEqual({ status: 'duplicate' });
    expect(notifier.show({ ...breach, body: 'reworded' })).toEqual({ status: 'duplicate' });
    expect(shown).toHaveLength(1);
    expect(shown[0]).toMatchObject({
      title: 'Case DESK-42 breached',
      body: 'First response was due at 09:00',
    });
  });

  it('shows a tag again once the de-duplication window has passed', () => {
    const { notifier, shown, advance } = setup();
    notifier.show(breach);
    advance(59_999);
    expect(notifier.show(breach).status).toBe('duplicate');
    advance(1);
    expect(notifier.show(breach).status).toBe('shown');
    expect(shown).toHaveLength(2);
  });

  it('never de-duplicates notifications without a tag', () => {
    const { notifier, shown } = setup();
    notifier.show({ title: 'Sync finished', body: '' });
    notifier.show({ title: 'Sync finished', body: '' });
    expect(shown).toHaveLength(2);
  });

  it('forgets the oldest tags past its limit', () => {
    const { notifier } = setup();
    for (const n of [1, 2, 3, 4]) notifier.show({ ...breach, tag: `t${n}` });
    expect(notifier.show({ ...breach, tag: 't1' }).status).toBe('shown');
    expect(notifier.show({ ...breach, tag: 't4' }).status).toBe('duplicate');
  });

  it('passes the tag to the click handler so the renderer can open the case', () => {
    const { notifier, shown, onClick } = setup();
    notifier.show(breach);
    notifier.show({ title: 'No tag', body: '' });
    shown[0]!.click();
    shown[1]!.click();
    expect(onClick.mock.calls).toEqual([['breach:42:first-response'], [null]]);
  });

  it('shows nothing, and remembers nothing, while notifications are turned off or unsupported', () => {
    const off = setup({ enabled: false });
    expect(off.notifier.show(breach)).toEqual({ status: 'disabled' });
    expect(off.shown).toHaveLength(0);
    const unsupported = setup({ supported: false });
    expect(unsupported.notifier.show(breach)).toEqual({ status: 'unsupported' });
  });
});
