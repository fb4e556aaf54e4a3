/**
 * The offset between the sync server's clock and this device's. Deadlines are computed against server time, so a
 * desktop with a wrong clock still counts SLAs down correctly. The sync client records a sample per exchange.
 */
import type { ClockOffset } from '../../shared/ipc/schemas';

export interface ClockSample {
  /** The server's clock when it answered (e.g. its Date header or a field in the response). */
  serverTime: Date;
  /** This device's clock when the request left and when the answer came back. */
  sentAt: Date;
  receivedAt: Date;
}

export interface ClockOffsetTracker {
  record(sample: ClockSample): void;
  current(): ClockOffset;
}

/** Keeps the sample with the shortest round trip among the recent ones: its midpoint estimate is the tightest. */
export function createClockOffsetTracker(options: { keep?: number } = {}): ClockOffsetTracker {
  const keep = options.keep ?? 8;
  const samples: { offsetMs: number; roundTripMs: number; measuredAt: Date }[] = [];

  return {
    record({ serverTime, sentAt, receivedAt }) {
      const roundTripMs = receivedAt.getTime() - sentAt.getTime();
      if (!(roundTripMs >= 0) || Number.isNaN(serverTime.getTime())) return;
      const midpoint = sentAt.getTime() + roundTripMs / 2;
      samples.push({ offsetMs: serverTime.getTime() - midpoint, roundTripMs, measuredAt: receivedAt });
      if (samples.length > keep) samples.shift();
    },
    current() {
      const best = samples.reduce<(typeof samples)[number] | undefined>(
        (a, b) => (a === undefined || b.roundTripMs < a.roundTripMs ? b : a),
        undefined,
      );
      if (!best) return { offsetMs: 0, source: 'none', measuredAt: null, roundTripMs: null };
      return {
        offsetMs: Math.round(best.offsetMs),
        source: 'server',
        measuredAt: best.measuredAt.toISOString(),
        roundTripMs: best.roundTripMs,
      };
    },
  };
}
