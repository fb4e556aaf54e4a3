import { describe, expect, it } from 'vitest';
import {
  formatDeskTime,
  formatForRequester,
  formatInZone,
  fromWallClockInput,
  sameTimeZone,
  toWallClockInput,
  zoneName,
  zoneSuffix,
} from './format';

// 15:00 BST on Tuesday 1 September 2026 is 14:00 UTC.
const AT = '2026-09-01T14:00:00Z';

describe('times in the desk zone', () => {
  it('writes the wall-clock time in the desk zone, not the UTC one', () => {
    expect(formatInZone(AT, 'Europe/London', 'time')).toBe('15:00');
    expect(formatInZone(AT, 'UTC', 'time')).toBe('14:00');
    expect(formatInZone(AT, 'Europe/London', 'longDayTime')).toBe('Tuesday 1 September at 15:00');
    expect(formatInZone(AT, 'Europe/London', 'dayTime')).toMatch(/^Tue 1 Sept?, 15:00$/);
    // The date is the desk's too: 23:30 UTC on 31 August is already 1 September in London.
    expect(formatInZone('2026-08-31T23:30:00Z', 'Europe/London', 'longDay')).toBe('Tuesday 1 September');
  });

  it('names the zone only where the device is in another', () => {
    expect(formatDeskTime(AT, 'Europe/London', 'time', 'UTC')).toBe('15:00 London time');
    expect(formatDeskTime(AT, 'Europe/London', 'time', 'Europe/London')).toBe('15:00');
    expect(zoneSuffix('UTC', 'Etc/UTC')).toBe('');
    expect(zoneSuffix('America/New_York', 'Europe/London')).toBe(' New York time');
  });

  it('always names the zone to a requester, whose zone the desk cannot know', () => {
    expect(formatForRequester(AT, 'Europe/London', 'longDayTime')).toBe(
      'Tuesday 1 September at 15:00 London time',
    );
  });

  it('says zones the way people do', () => {
    expect(zoneName('Europe/London')).toBe('London time');
    expect(zoneName('Etc/UTC')).toBe('UTC');
    expect(zoneName('America/Argentina/Buenos_Aires')).toBe('Buenos Aires time');
    expect(sameTimeZone('UTC', 'Etc/UTC')).toBe(true);
    expect(sameTimeZone('Europe/London', 'UTC')).toBe(false);
  });
});

describe('wall-clock input in the desk zone', () => {
  it('reads and writes a datetime-local value as London time, whatever the device', () => {
    expect(toWallClockInput(Date.parse(AT), 'Europe/London')).toBe('2026-09-01T15:00');
    expect(fromWallClockInput('2026-09-01T15:00', 'Europe/London')?.toISOString()).toBe(
      '2026-09-01T14:00:00.000Z',
    );
    expect(fromWallClockInput('not a date', 'Europe/London')).toBeNull();
  });
});
