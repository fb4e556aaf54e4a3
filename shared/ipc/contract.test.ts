import { describe, expect, it } from 'vitest';
import {
  EVENT_CHANNELS,
  EVENT_NAMES,
  eventSubscriberName,
  isMethodName,
  METHOD_CHANNELS,
  METHOD_NAMES,
} from './contract';
import { applySettingsPatch, DEFAULT_SETTINGS, Settings, SettingsPatch } from './schemas';
import { BridgeValidationError, dispatch, parseArgs } from './validate';

describe('bridge contract', () => {
  it('gives every method and event its own channel', () => {
    expect(METHOD_CHANNELS.getSettings).toBe('desk:getSettings');
    expect(EVENT_CHANNELS.menuCommand).toBe('desk:event:menuCommand');
    const channels = [...Object.values(METHOD_CHANNELS), ...Object.values(EVENT_CHANNELS)];
    expect(new Set(channels).size).toBe(METHOD_NAMES.length + EVENT_NAMES.length);
  });

  it('names event subscriptions on<Event>', () => {
    expect(eventSubscriberName('settingsChanged')).toBe('onSettingsChanged');
  });

  it('knows its methods, and nothing inherited', () => {
    expect(isMethodName('getSettings')).toBe(true);
    expect(isMethodName('toString')).toBe(false);
    expect(isMethodName('__proto__')).toBe(false);
  });

  it('explains bad arguments by method and field', () => {
    expect(() => parseArgs('updateTrayBadge', [{ breached: -1, atRisk: 0 }])).toThrow(BridgeValidationError);
    expect(() => parseArgs('updateTrayBadge', [{ breached: -1, atRisk: 0 }])).toThrow(
      /^desk\.updateTrayBadge: invalid arguments: .*at \[0\]\.breached/,
    );
    expect(() => parseArgs('showNotification', [{ title: '', body: 'x' }])).toThrow('[0].title');
  });

  it('parses what the handler returns too', async () => {
    const handlers = { getClockOffset: () => ({ offsetMs: 'soon' }) };
    // Only the one handler this call uses; a bug returning the wrong shape is what is being simulated.
    await expect(dispatch(handlers as never, 'getClockOffset', [])).rejects.toThrow(
      'desk.getClockOffset: the shell returned an invalid result',
    );
  });
});

describe('settings patches', () => {
  it('merge section by section and replace who I am whole', () => {
    const me = { name: 'Sam Okafor', role: 'manager', team: 'Complaints' };
    const next = applySettingsPatch(
      DEFAULT_SETTINGS,
      SettingsPatch.parse({ me, window: { maximized: true } }),
    );
    expect(Settings.parse(next)).toEqual({
      ...DEFAULT_SETTINGS,
      me,
      window: { bounds: null, maximized: true },
    });
    expect(applySettingsPatch(next, { me: null }).me).toBeNull();
  });

  it('refuse unknown keys at every level', () => {
    expect(SettingsPatch.safeParse({ theme: 'dark' }).success).toBe(false);
    expect(SettingsPatch.safeParse({ window: { zoom: 2 } }).success).toBe(false);
  });

  it('accept host patterns and refuse URLs in the link allowlist', () => {
    expect(SettingsPatch.parse({ links: { allowedHosts: ['*.Jisc.ac.uk'] } }).links?.allowedHosts).toEqual([
      '*.jisc.ac.uk',
    ]);
    for (const bad of ['https://jisc.ac.uk', 'jisc', '*', '*.', '10.0.0.1', 'a.*.uk']) {
      expect(SettingsPatch.safeParse({ links: { allowedHosts: [bad] } }).success).toBe(false);
    }
  });
});
