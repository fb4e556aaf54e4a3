import { describe, expect, it } from 'vitest';
import { clockFromQuery, keepClockInUrl, TravelBeforeStoreError } from './app-clock';

function fakeWindow(href: string) {
  const location = { href };
  return {
    location,
    history: {
      state: null,
      replaceState(_state: unknown, _title: string, url?: string | URL | null) {
        location.href = String(url);
      },
    },
  } as unknown as Pick<Window, 'location' | 'history'>;
}

describe('the app clock from the address', () => {
  it('starts stopped at ?now=, or running with &clock=running', () => {
    const stopped = clockFromQuery('?now=2026-03-02T09:30:00Z').clock;
    expect(stopped.frozen).toBe(true);
    expect(stopped.realTime).toBe(false);
    expect(stopped.now().toISOString()).toBe('2026-03-02T09:30:00.000Z');
    expect(clockFromQuery('?now=2026-03-02T09:30:00Z&clock=running').clock.frozen).toBe(false);
  });

  it('follows this computer without ?now=, and explains a ?now= it cannot read', () => {
    const plain = clockFromQuery('');
    expect(plain.clock.realTime).toBe(true);
    expect(plain.problem).toBeNull();
    const bad = clockFromQuery('?now=tomorrow');
    expect(bad.clock.realTime).toBe(true);
    expect(bad.problem).toMatch(/\?now=tomorrow is not an ISO 8601 instant/);
  });

  it('writes every move into the address, and takes it out again back at real time', () => {
    const place = fakeWindow('http://127.0.0.1:5178/?now=2026-03-02T09:30:00Z#/queue');
    const { clock } = clockFromQuery('?now=2026-03-02T09:30:00Z');
    keepClockInUrl(clock, place);
    clock.advance(3_600_000);
    expect(place.location.href).toBe('http://127.0.0.1:5178/?now=2026-03-02T10%3A30%3A00.000Z#/queue');
    clock.backToRealTime();
    expect(clock.realTime).toBe(true);
    expect(clock.frozen).toBe(false);
    expect(Math.abs(clock.now().getTime() - Date.now())).toBeLessThan(1000);
    expect(place.location.href).toBe('http://127.0.0.1:5178/#/queue');
  });

  it('tells subscribers of every move, including going back to real time', () => {
    const { clock } = clockFromQuery('?now=2026-03-02T09:30:00Z');
    const seen: boolean[] = [];
    clock.subscribe(() => seen.push(clock.realTime));
    clock.set('2026-03-03T09:30:00Z');
    clock.backToRealTime();
    clock.advance(60_000);
    expect(seen).toEqual([false, true, false]);
  });
});

describe('the app clock while synced with a desk server', () => {
  it("follows the real time by the server's offset, and refuses time travel", () => {
    const { clock } = clockFromQuery('?now=2020-01-01T00:00:00Z');
    const moves: Date[] = [];
    clock.subscribe((now) => moves.push(now));
    clock.followServer(90_000);
    expect(clock.realTime).toBe(true);
    expect(clock.frozen).toBe(false);
    expect(Math.abs(clock.now().getTime() - (Date.now() + 90_000))).toBeLessThan(1000);
    expect(moves).toHaveLength(1);
    expect(clock.travelOff).toMatch(/Time travel is off while this desk syncs/);
    expect(() => clock.advance(3_600_000)).toThrow(/Time travel is off/);
    expect(() => clock.set('2020-01-01T00:00:00Z')).toThrow(/Time travel is off/);
    expect(() => clock.backToRealTime()).toThrow(/Time travel is off/);
  });
});

describe('time travel never shows the future', () => {
  const LATEST = Date.parse('2026-09-04T09:00:00Z');

  it('refuses to move earlier than the store’s latest change, saying when that was', () => {
    const { clock } = clockFromQuery('?now=2026-09-07T09:00:00Z');
    clock.holdAfter(LATEST);
    const refused = (() => {
      try {
        clock.set('2026-08-28T14:00:00Z');
      } catch (error) {
        return error;
      }
      return null;
    })();
    expect(refused).toBeInstanceOf(TravelBeforeStoreError);
    expect(refused).toMatchObject({ askedMs: Date.parse('2026-08-28T14:00:00Z'), latestMs: LATEST });
    expect(clock.now().toISOString()).toBe('2026-09-07T09:00:00.000Z');
    expect(() => clock.advance(-4 * 86_400_000)).toThrow(TravelBeforeStoreError);
    // Back to the latest change itself, and on from there, is fine.
    clock.set(new Date(LATEST));
    clock.advance(3_600_000);
    expect(clock.now().getTime()).toBe(LATEST + 3_600_000);
  });

  it('a ?now= earlier than the store starts at the latest change instead, and remembers what was asked', () => {
    const { clock } = clockFromQuery('?now=2026-08-28T14:00:00Z');
    clock.catchUpWithStore(LATEST);
    expect(clock.now().getTime()).toBe(LATEST);
    expect(clock.startedBehind).toEqual({ askedMs: Date.parse('2026-08-28T14:00:00Z'), latestMs: LATEST });
  });

  it('a ?now= after the store’s latest change (or a demo just seeded there) is left alone', () => {
    const { clock } = clockFromQuery('?now=2026-09-07T09:00:00Z');
    clock.catchUpWithStore(LATEST);
    expect(clock.now().toISOString()).toBe('2026-09-07T09:00:00.000Z');
    expect(clock.startedBehind).toBeNull();
  });
});
