import { describe, expect, it } from 'vitest';
import { parseIcsHolidays } from './ics';

/** A calendar around the given VEVENT bodies, CRLF line ends as RFC 5545 wants. */
function calendar(...events: string[]): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Desk tests//EN'];
  events.forEach((body, i) => {
    lines.push(
      'BEGIN:VEVENT',
      `UID:e${i}@test`,
      'DTSTAMP:20250101T000000Z',
      ...body.trim().split('\n'),
      'END:VEVENT',
    );
  });
  lines.push('END:VCALENDAR');
  return `${lines.join('\r\n')}\r\n`;
}

describe('parseIcsHolidays', () => {
  it('reads one-day all-day events (DTEND exclusive), sorted', () => {
    const ics = calendar(
      'DTSTART;VALUE=DATE:20261228\nDTEND;VALUE=DATE:20261229\nSUMMARY:Boxing Day',
      'DTSTART;VALUE=DATE:20260101\nDTEND;VALUE=DATE:20260102\nSUMMARY:New Year’s Day',
      'DTSTART;VALUE=DATE:20260403\nSUMMARY:Good Friday', // no DTEND: one day
    );
    expect(parseIcsHolidays(ics)).toEqual({
      holidays: [
        { date: '2026-01-01', name: 'New Year’s Day' },
        { date: '2026-04-03', name: 'Good Friday' },
        { date: '2026-12-28', name: 'Boxing Day' },
      ],
      skipped: [],
    });
  });

  it('expands a multi-day event to each date, across a month end', () => {
    const ics = calendar('DTSTART;VALUE=DATE:20261230\nDTEND;VALUE=DATE:20270102\nSUMMARY:Office closed');
    expect(parseIcsHolidays(ics).holidays.map((h) => h.date)).toEqual([
      '2026-12-30',
      '2026-12-31',
      '2027-01-01',
    ]);
    const byDuration = calendar('DTSTART;VALUE=DATE:20260228\nDURATION:P2D\nSUMMARY:Closure');
    expect(parseIcsHolidays(byDuration).holidays.map((h) => h.date)).toEqual(['2026-02-28', '2026-03-01']);
  });

  it('expands yearly rules within the year range, minus EXDATE, with a moved occurrence', () => {
    const ics = calendar(
      'DTSTART;VALUE=DATE:20201225\nDTEND;VALUE=DATE:20201226\nRRULE:FREQ=YEARLY\nEXDATE;VALUE=DATE:20231225\nSUMMARY:Christmas',
      'DTSTART;VALUE=DATE:20240101\nRRULE:FREQ=YEARLY;COUNT=3\nSUMMARY:New Year',
    );
    // An override of the 2024 Christmas, moved to the 27th.
    const withOverride = ics.replace(
      'END:VCALENDAR',
      'BEGIN:VEVENT\r\nUID:e0@test\r\nDTSTAMP:20250101T000000Z\r\nRECURRENCE-ID;VALUE=DATE:20241225\r\n' +
        'DTSTART;VALUE=DATE:20241227\r\nSUMMARY:Christmas (moved)\r\nEND:VEVENT\r\nEND:VCALENDAR',
    );
    const { holidays } = parseIcsHolidays(withOverride, { fromYear: 2022, toYear: 2026 });
    expect(holidays).toEqual([
      { date: '2022-12-25', name: 'Christmas' },
      { date: '2024-01-01', name: 'New Year' },
      { date: '2024-12-27', name: 'Christmas (moved)' },
      { date: '2025-01-01', name: 'New Year' },
      { date: '2025-12-25', name: 'Christmas' },
      { date: '2026-01-01', name: 'New Year' },
      { date: '2026-12-25', name: 'Christmas' },
    ]);
  });

  it('defaults the recurrence range to 2000..2100', () => {
    const ics = calendar('DTSTART;VALUE=DATE:19900704\nRRULE:FREQ=YEARLY\nSUMMARY:Anniversary');
    const dates = parseIcsHolidays(ics).holidays.map((h) => h.date);
    expect(dates[0]).toBe('2000-07-04');
    expect(dates.at(-1)).toBe('2100-07-04');
    expect(dates).toHaveLength(101);
  });

  it('skips timed and cancelled events and says why', () => {
    const ics = calendar(
      'DTSTART:20260601T090000Z\nDTEND:20260601T100000Z\nSUMMARY:Staff meeting',
      'DTSTART;VALUE=DATE:20260602\nSTATUS:CANCELLED\nSUMMARY:Cancelled day off',
      'DTSTART;VALUE=DATE:20260603\nSUMMARY:Kept',
    );
    const { holidays, skipped } = parseIcsHolidays(ics);
    expect(holidays).toEqual([{ date: '2026-06-03', name: 'Kept' }]);
    expect(skipped).toEqual([
      { uid: 'e0@test', summary: 'Staff meeting', start: '20260601T090000Z', reason: 'timed' },
      { uid: 'e1@test', summary: 'Cancelled day off', start: '20260602', reason: 'cancelled' },
    ]);
  });

  it('accepts a bare YYYYMMDD DTSTART and LF line ends', () => {
    const ics = calendar('DTSTART:20260817\nSUMMARY:Local holiday').replaceAll('\r\n', '\n');
    expect(parseIcsHolidays(ics).holidays).toEqual([{ date: '2026-08-17', name: 'Local holiday' }]);
  });

  it('rejects malformed input with a clear message', () => {
    expect(() => parseIcsHolidays('')).toThrow('iCalendar: the text is empty');
    expect(() => parseIcsHolidays('hello')).toThrow(/^iCalendar: cannot parse: invalid line/);
    expect(() => parseIcsHolidays('BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nEND:VCALENDAR\r\n')).toThrow(
      /^iCalendar: cannot parse: .*component began but did not end/,
    );
    expect(() => parseIcsHolidays('BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20260101\r\nEND:VEVENT\r\n')).toThrow(
      'iCalendar: expected BEGIN:VCALENDAR, found BEGIN:VEVENT',
    );
    expect(() => parseIcsHolidays(calendar('SUMMARY:No start'))).toThrow(
      'iCalendar: VEVENT #1 UID e0@test "No start": has no DTSTART',
    );
    expect(() => parseIcsHolidays(calendar('DTSTART;VALUE=DATE:20261345\nSUMMARY:Bad'))).toThrow(
      'iCalendar: VEVENT #1 UID e0@test "Bad": DTSTART 20261345 is not a valid date',
    );
    expect(() =>
      parseIcsHolidays(calendar('DTSTART;VALUE=DATE:20260105\nDTEND;VALUE=DATE:20260101\nSUMMARY:Backwards')),
    ).toThrow(/"Backwards": ends \(2026-01-01\) before it starts \(2026-01-05\)/);
    expect(() =>
      parseIcsHolidays(calendar('DTSTART;VALUE=DATE:20260105\nDTEND:20260106T120000Z\nSUMMARY:Mixed')),
    ).toThrow(/"Mixed": DTEND must be a DATE when DTSTART is a DATE/);
    expect(() =>
      parseIcsHolidays(calendar('DTSTART;VALUE=DATE:20260101'), { fromYear: 2030, toYear: 2020 }),
    ).toThrow(/fromYear \(2030\) is after toYear \(2020\)/);
  });
});
