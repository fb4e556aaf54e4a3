import { describe, expect, it } from 'vitest';
import { createClockOffsetTracker } from './clock';

const at = (iso: string) => new Date(iso);

describe('clock offset', () => {
  it('reports no offset before the server has been reached', () => {
    expect(createClockOffsetTracker().current()).toEqual({
      offsetMs: 0,
      source: 'none',
      measuredAt: null,
      roundTripMs: null,
    });
  });

  it("measures the server's clock against the midpoint of the round trip", () => {
    const clock = createClockOffsetTracker();
    // The device is 5 minutes slow: it sent at 09:00:00.000 and heard back 400 ms later.
    clock.record({
      sentAt: at('2026-03-02T09:00:00.000Z'),
      receivedAt: at('2026-03-02T09:00:00.400Z'),
      serverTime: at('2026-03-02T09:05:00.200Z'),
    });
    expect(clock.current()).toEqual({
      offsetMs: 300_000,
      source: 'server',
      measuredAt: '2026-03-02T09:00:00.400Z',
      roundTripMs: 400,
    });
  });

  it('trusts the sample with the shortest round trip', () => {
    const clock = createClockOffsetTracker();
    clock.record({
      sentAt: at('2026-03-02T09:00:00Z'),
      receivedAt: at('2026-03-02T09:00:04Z'),
      serverTime: at('2026-03-02T09:00:05Z'),
    });
    clock.record({
      sentAt: at('2026-03-02T09:01:00Z'),
      receivedAt: at('2026-03-02T09:01:00.100Z'),
      serverTime: at('2026-03-02T09:01:01.050Z'),
    });
    expect(clock.current()).toMatchObject({ offsetMs: 1000, roundTripMs: 100 });
  });

  it('ignores samples whose device clock went backwards during the request', () => {
    const clock = createClockOffsetTracker();
    clock.record({
      sentAt: at('2026-03-02T09:00:01Z'),
      receivedAt: at('2026-03-02T09:00:00Z'),
      serverTime: at('2026-03-02T09:00:00Z'),
    });
    expect(clock.current().source).toBe('none');
  });
});
