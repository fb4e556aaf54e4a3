import { describe, expect, it } from 'vitest';
import { clockFromEnv, createClock } from './clock';

describe('createClock', () => {
  it('stands still at the given instant until moved', () => {
    const clock = createClock({ now: '2026-03-02T09:30:00Z' });
    expect(clock.frozen).toBe(true);
    expect(clock.now().toISOString()).toBe('2026-03-02T09:30:00.000Z');
    clock.advance(90 * 60_000);
    expect(clock.now().toISOString()).toBe('2026-03-02T11:00:00.000Z');
    clock.set(new Date('2026-03-09T17:00:00Z'));
    expect(clock.now().toISOString()).toBe('2026-03-09T17:00:00.000Z');
  });

  it('keeps ticking from a set instant when running', () => {
    let device = Date.parse('2030-01-01T00:00:00Z');
    const clock = createClock({ now: '2026-03-02T09:30:00Z', frozen: false, source: () => device });
    device += 5_000;
    expect(clock.now().toISOString()).toBe('2026-03-02T09:30:05.000Z');
    clock.set('2026-08-28T14:00:00Z');
    device += 60_000;
    expect(clock.now().toISOString()).toBe('2026-08-28T14:01:00.000Z');
  });

  it('follows the device time when given no instant', () => {
    let device = 1_000_000;
    const clock = createClock({ source: () => device });
    device = 2_000_000;
    expect(clock.now().getTime()).toBe(2_000_000);
    clock.advance(500);
    expect(clock.now().getTime()).toBe(2_000_500);
  });

  it('tells subscribers the new time after every move, until they unsubscribe', () => {
    const clock = createClock({ now: '2026-03-02T09:30:00Z' });
    const seen: string[] = [];
    const stop = clock.subscribe((now) => seen.push(now.toISOString()));
    clock.advance(60_000);
    clock.set('2026-03-03T00:00:00Z');
    stop();
    clock.advance(1);
    expect(seen).toEqual(['2026-03-02T09:31:00.000Z', '2026-03-03T00:00:00.000Z']);
  });

  it('refuses instants without a zone and impossible dates', () => {
    expect(() => createClock({ now: '2026-03-02T09:30:00' })).toThrow(/ISO 8601 instant/);
    expect(() => createClock({ now: '2026-02-30T09:30:00Z' })).toThrow(/ISO 8601 instant/);
    expect(() => createClock().advance(Number.NaN)).toThrow(/finite/);
  });

  it('hands out copies, so a caller mutating a Date cannot move the clock', () => {
    const clock = createClock({ now: '2026-03-02T09:30:00Z' });
    clock.now().setTime(0);
    expect(clock.now().toISOString()).toBe('2026-03-02T09:30:00.000Z');
  });
});

describe('clockFromEnv', () => {
  it('freezes at DESK_NOW', () => {
    const clock = clockFromEnv({ DESK_NOW: '2026-08-28T15:00:00+01:00' });
    expect(clock.frozen).toBe(true);
    expect(clock.now().toISOString()).toBe('2026-08-28T14:00:00.000Z');
  });

  it('runs from DESK_NOW when DESK_CLOCK=running', () => {
    const clock = clockFromEnv({ DESK_NOW: '2026-08-28T14:00:00Z', DESK_CLOCK: 'running' });
    expect(clock.frozen).toBe(false);
    expect(Math.abs(clock.now().getTime() - Date.parse('2026-08-28T14:00:00Z'))).toBeLessThan(5_000);
  });

  it('follows the device time without DESK_NOW', () => {
    const clock = clockFromEnv({});
    expect(clock.frozen).toBe(false);
    expect(Math.abs(clock.now().getTime() - Date.now())).toBeLessThan(5_000);
  });

  it('rejects an invalid DESK_NOW with a message naming the variable and the value', () => {
    expect(() => clockFromEnv({ DESK_NOW: 'next tuesday' })).toThrow(/DESK_NOW.*"next tuesday"/);
    expect(() => clockFromEnv({ DESK_NOW: '2026-03-02' })).toThrow(/DESK_NOW/);
    expect(() => clockFromEnv({ DESK_NOW: '2026-03-02T09:30:00Z', DESK_CLOCK: 'fast' })).toThrow(
      /DESK_CLOCK/,
    );
  });
});
