import { describe, expect, it } from 'vitest';
import { parseGovUkBankHolidays } from './govuk';

// Small hand-written files in the two shapes gov.uk publishes (see the module comment).
const event = (title: string, date: string, notes = '') => ({ title, date, notes, bunting: true });

function apiFile() {
  return {
    'england-and-wales': {
      division: 'england-and-wales',
      events: [event('Christmas Day', '2026-12-25'), event('Boxing Day', '2026-12-28', 'Substitute day')],
    },
    scotland: {
      division: 'scotland',
      events: [
        event('St Andrew’s Day', '2026-11-30'),
        event('2nd January', '2026-01-02'),
        event('World Cup bank holiday', '2026-06-15'),
        event('New Year’s Day', '2026-01-01'),
      ],
    },
    'northern-ireland': {
      division: 'northern-ireland',
      events: [event('Battle of the Boyne (Orangemen’s Day)', '2026-07-13', 'Substitute day')],
    },
  };
}

function sourceFile() {
  return {
    title: 'bank_holidays.calendar.title',
    last_updated: '24/11/2025',
    divisions: {
      'common.nations.england-and-wales_slug': {
        slug: 'common.nations.england-and-wales_slug',
        title: 'common.nations.england-and-wales',
        '2026': [event('bank_holidays.boxing_day', '28/12/2026', 'common.substitute_day')],
      },
      'common.nations.scotland_slug': {
        slug: 'common.nations.scotland_slug',
        '2026': [event('bank_holidays.world_cup', '15/06/2026')],
        '2027': [event('bank_holidays.new_year', '01/01/2027')],
      },
      'common.nations.northern-ireland_slug': { '2026': [] },
    },
  };
}

const titles = {
  'bank_holidays.boxing_day': 'Boxing Day',
  'bank_holidays.world_cup': 'World Cup bank holiday',
  'bank_holidays.new_year': 'New Year’s Day',
  'common.substitute_day': 'Substitute day',
};

describe('parseGovUkBankHolidays: API format', () => {
  it('returns each division sorted, with notes in the name', () => {
    const parsed = parseGovUkBankHolidays(apiFile());
    expect(parsed.scotland.map((h) => h.date)).toEqual([
      '2026-01-01',
      '2026-01-02',
      '2026-06-15',
      '2026-11-30',
    ]);
    expect(parsed['england-and-wales']).toEqual([
      { date: '2026-12-25', name: 'Christmas Day' },
      { date: '2026-12-28', name: 'Boxing Day (Substitute day)' },
    ]);
    expect(parsed['northern-ireland']).toEqual([
      { date: '2026-07-13', name: 'Battle of the Boyne (Orangemen’s Day) (Substitute day)' },
    ]);
  });

  it('accepts the JSON text too, and deduplicates a repeated date', () => {
    const file = apiFile();
    file.scotland.events.push(event('2nd January', '2026-01-02'));
    const parsed = parseGovUkBankHolidays(JSON.stringify(file));
    expect(parsed.scotland.filter((h) => h.date === '2026-01-02')).toHaveLength(1);
  });

  it('names the path of a bad date', () => {
    const file = apiFile();
    file.scotland.events[3]!.date = '01/01/2026';
    expect(() => parseGovUkBankHolidays(file)).toThrow(
      'gov.uk bank holidays: scotland.events[3].date must be YYYY-MM-DD (a real calendar date)',
    );
    file.scotland.events[3]!.date = '2026-02-29';
    expect(() => parseGovUkBankHolidays(file)).toThrow(/scotland\.events\[3\]\.date must be YYYY-MM-DD/);
  });

  it('reports missing divisions, wrong types and empty titles; never a partial result', () => {
    const { scotland: _dropped, ...noScotland } = apiFile();
    expect(() => parseGovUkBankHolidays(noScotland)).toThrow('gov.uk bank holidays: scotland is missing');

    const file = apiFile() as unknown as { 'northern-ireland': { events: unknown } };
    file['northern-ireland'].events = 'none';
    expect(() => parseGovUkBankHolidays(file)).toThrow(
      /northern-ireland\.events must be an array, got the string "none"/,
    );

    const blank = apiFile();
    blank['england-and-wales'].events[0]!.title = '  ';
    expect(() => parseGovUkBankHolidays(blank)).toThrow(
      /england-and-wales\.events\[0\]\.title must not be empty/,
    );

    const wrongDivision = apiFile();
    wrongDivision.scotland.division = 'england-and-wales';
    expect(() => parseGovUkBankHolidays(wrongDivision)).toThrow(/scotland\.division must be "scotland"/);
  });

  it('rejects what is not a bank holidays file', () => {
    expect(() => parseGovUkBankHolidays('{"england-and-wales": ')).toThrow(
      /gov.uk bank holidays: not valid JSON/,
    );
    expect(() => parseGovUkBankHolidays([])).toThrow(
      'gov.uk bank holidays: expected a JSON object, got an array',
    );
    expect(() => parseGovUkBankHolidays(null)).toThrow(/expected a JSON object, got null/);
    expect(() => parseGovUkBankHolidays({ titles_and_notes: {} })).toThrow(
      /expected the https:\/\/www\.gov\.uk\/bank-holidays\.json format .* found keys titles_and_notes/,
    );
  });
});

describe('parseGovUkBankHolidays: GOV.UK source format', () => {
  it('converts DD/MM/YYYY dates and translates i18n keys', () => {
    const parsed = parseGovUkBankHolidays(sourceFile(), { titles });
    expect(parsed.scotland).toEqual([
      { date: '2026-06-15', name: 'World Cup bank holiday' },
      { date: '2027-01-01', name: 'New Year’s Day' },
    ]);
    expect(parsed['england-and-wales']).toEqual([
      { date: '2026-12-28', name: 'Boxing Day (Substitute day)' },
    ]);
    expect(parsed['northern-ireland']).toEqual([]);
  });

  it('keeps the keys as names without a lookup, and names a key the lookup lacks', () => {
    expect(parseGovUkBankHolidays(sourceFile()).scotland[0]!.name).toBe('bank_holidays.world_cup');
    const { 'bank_holidays.world_cup': _missing, ...partial } = titles;
    expect(() => parseGovUkBankHolidays(sourceFile(), { titles: partial })).toThrow(
      'gov.uk bank holidays: divisions.common.nations.scotland_slug.2026[0].title uses key "bank_holidays.world_cup", which has no English text in the titles given',
    );
  });

  it('checks dates, years and divisions', () => {
    const badDate = sourceFile();
    badDate.divisions['common.nations.scotland_slug']['2026'][0]!.date = '2026-06-15';
    expect(() => parseGovUkBankHolidays(badDate, { titles })).toThrow(
      /divisions\.common\.nations\.scotland_slug\.2026\[0\]\.date must be DD\/MM\/YYYY/,
    );

    const wrongYear = sourceFile();
    wrongYear.divisions['common.nations.scotland_slug']['2027'][0]!.date = '01/01/2028';
    expect(() => parseGovUkBankHolidays(wrongYear, { titles })).toThrow(
      /scotland_slug\.2027\[0\]\.date is in another year than the list it is under \(2027\)/,
    );

    const missing = sourceFile() as { divisions: Record<string, unknown> };
    delete missing.divisions['common.nations.northern-ireland_slug'];
    expect(() => parseGovUkBankHolidays(missing, { titles })).toThrow(
      /divisions has no northern-ireland division/,
    );

    const unknown = sourceFile() as { divisions: Record<string, unknown> };
    unknown.divisions['common.nations.wales_slug'] = {};
    expect(() => parseGovUkBankHolidays(unknown, { titles })).toThrow(
      /divisions\.common\.nations\.wales_slug is not a known division/,
    );
  });
});
