/**
 * corpora/holidays: every gov.uk JSON and iCalendar file parses; the newer gov.uk file has Scotland's
 * 2026-06-15 World Cup bank holiday; the gov.uk files agree with each other; and, for every year a file
 * fully covers, ukBankHolidays() (the date-holidays rules) gives exactly the file's dates, except the
 * one-off holidays listed in ONE_OFFS, which the product imports from gov.uk instead.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  type Holiday,
  parseGovUkBankHolidays,
  parseIcsHolidays,
  UK_REGIONS,
  type UkRegion,
  ukBankHolidays,
} from '../../../shared/holidays';
import { CheckError, type CorporaCase, check, defineSuite, listFiles } from '../harness';

/**
 * Dates gov.uk has and the library may lack: days proclaimed once, not rules. `replaces` is the rule date
 * the library gives instead when a proclamation moved a regular holiday. Any other difference (a regular or
 * substitute holiday missing or extra) is a failure.
 */
const ONE_OFFS: readonly { date: string; regions: readonly UkRegion[]; reason: string; replaces?: string }[] =
  [
    {
      date: '2012-06-04',
      replaces: '2012-05-28',
      regions: UK_REGIONS,
      reason:
        'one-off move: the 2012 Spring bank holiday was moved to 4 June for the Diamond Jubilee; ' +
        'date-holidays 3.37.0 keeps the rule date (last Monday of May, 28 May)',
    },
    { date: '2012-06-05', regions: UK_REGIONS, reason: 'one-off: Queen’s Diamond Jubilee' },
    { date: '2022-06-03', regions: UK_REGIONS, reason: 'one-off: Platinum Jubilee bank holiday' },
    { date: '2022-09-19', regions: UK_REGIONS, reason: 'one-off: State Funeral of Queen Elizabeth II' },
    { date: '2023-05-08', regions: UK_REGIONS, reason: 'one-off: coronation of King Charles III' },
    { date: '2026-06-15', regions: ['scotland'], reason: 'one-off: World Cup bank holiday (Scotland only)' },
  ];

/** A parsed holiday source: what it covers, per division. */
interface Source {
  file: string;
  kind: 'gov.uk JSON' | 'iCalendar';
  byRegion: Partial<Record<UkRegion, Holiday[]>>;
}

const byDate = (list: readonly Holiday[]) => new Map(list.map((h) => [h.date, h.name]));
const span = (list: readonly Holiday[]) =>
  list.length === 0 ? 'empty' : `${list[0]!.date}..${list.at(-1)!.date}`;

/**
 * Years the list covers completely: a bank holiday list always has one in January (New Year) and one in
 * December (Christmas) of each year, so a year with both is taken as fully listed.
 */
function fullYears(list: readonly Holiday[]): number[] {
  const jan = new Set<number>();
  const dec = new Set<number>();
  for (const h of list) {
    const year = Number(h.date.slice(0, 4));
    if (h.date.slice(5, 7) === '01') jan.add(year);
    if (h.date.slice(5, 7) === '12') dec.add(year);
  }
  return [...jan].filter((y) => dec.has(y)).sort((a, b) => a - b);
}

function yearRanges(years: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < years.length; ) {
    let j = i;
    while (j + 1 < years.length && years[j + 1] === years[j]! + 1) j++;
    parts.push(i === j ? `${years[i]}` : `${years[i]}–${years[j]}`);
    i = j + 1;
  }
  return parts.join(', ');
}

/** The division an .ics file is for, from its name ("england-and-wales.govuk.2012-2019.ics"). */
function regionOfFile(file: string): UkRegion | undefined {
  return UK_REGIONS.find((r) => file.startsWith(`${r}.`) || file.startsWith(`${r}-`));
}

function compareWithLibrary(
  source: Source,
  region: UkRegion,
  list: Holiday[],
  note: (m: string) => void,
): void {
  const years = fullYears(list);
  check(years.length > 0, `${source.file} ${region}: no fully covered year (${span(list)})`);
  const problems: string[] = [];
  let compared = 0;
  for (const year of years) {
    const gov = byDate(list.filter((h) => h.date.startsWith(`${year}-`)));
    const lib = byDate(ukBankHolidays(region, year, year));
    compared += gov.size;
    for (const [date, name] of gov) {
      if (lib.has(date)) continue;
      const oneOff = ONE_OFFS.find((o) => o.date === date && o.regions.includes(region));
      if (oneOff) note(`allowed: ${date} "${name}" is in gov.uk but not in the library (${oneOff.reason})`);
      else
        problems.push(
          `${date} "${name}" is in ${source.file} but missing from ukBankHolidays (a regular holiday)`,
        );
    }
    for (const [date, name] of lib) {
      if (gov.has(date)) continue;
      const moved = ONE_OFFS.find(
        (o) => o.replaces === date && o.regions.includes(region) && gov.has(o.date),
      );
      if (moved)
        note(
          `allowed: ${date} "${name}" is in the library, gov.uk has ${moved.date} instead (${moved.reason})`,
        );
      else problems.push(`${date} "${name}" is in ukBankHolidays but not in ${source.file}`);
    }
  }
  note(`${compared} dates compared over ${yearRanges(years)}`);
  if (problems.length > 0) {
    throw new CheckError(`${problems.length} difference(s) for ${region}:\n${problems.join('\n')}`);
  }
}

export default defineSuite({
  name: 'holidays',
  folder: 'holidays',
  async cases({ dir }) {
    const files = await listFiles(dir);
    const sources: Source[] = [];
    const cases: CorporaCase[] = [];

    // i18n lookups (key -> English) for the GOV.UK source format travel as separate JSON files.
    const titles: Record<string, string> = {};
    const holidayJson: { file: string; json: unknown }[] = [];
    for (const file of files.filter((f) => f.endsWith('.json'))) {
      const json: unknown = JSON.parse(await readFile(join(dir, file), 'utf8'));
      const lookup = (json as { titles_and_notes?: unknown }).titles_and_notes;
      if (typeof lookup === 'object' && lookup !== null) Object.assign(titles, lookup);
      else holidayJson.push({ file, json });
    }
    check(holidayJson.length > 0, 'no gov.uk bank holidays JSON file found');

    for (const { file, json } of holidayJson) {
      cases.push({
        name: `parse gov.uk JSON ${file}`,
        run({ note }) {
          const parsed = parseGovUkBankHolidays(json, { titles });
          for (const region of UK_REGIONS) {
            const list = parsed[region];
            check(list.length > 0, `${region} has no events`);
            note(`${region}: ${list.length} dates, ${span(list)}`);
          }
          sources.push({ file, kind: 'gov.uk JSON', byRegion: parsed });
        },
      });
    }

    for (const file of files.filter((f) => f.endsWith('.ics'))) {
      cases.push({
        name: `parse iCalendar ${file}`,
        async run({ note }) {
          const { holidays, skipped } = parseIcsHolidays(await readFile(join(dir, file), 'utf8'));
          check(holidays.length > 0, 'no all-day events');
          note(`${holidays.length} dates, ${span(holidays)}; ${skipped.length} events skipped`);
          const region = regionOfFile(file);
          if (region) sources.push({ file, kind: 'iCalendar', byRegion: { [region]: holidays } });
          else note('division unknown from the file name: not compared with the library');
        },
      });
    }

    const govFiles = () => sources.filter((s) => s.kind === 'gov.uk JSON');
    const lastDate = (s: Source) =>
      UK_REGIONS.map((r) => s.byRegion[r]?.at(-1)?.date ?? '')
        .sort()
        .at(-1)!;

    cases.push({
      name: 'Scotland 2026-06-15 is a bank holiday in the newer gov.uk file',
      run({ note }) {
        const gov = govFiles();
        check(gov.length === holidayJson.length, 'not every gov.uk file parsed (see above)');
        const newest = [...gov].sort((a, b) => (lastDate(a) < lastDate(b) ? 1 : -1))[0]!;
        note(`newer file (data up to ${lastDate(newest)}): ${newest.file}`);
        const name = byDate(newest.byRegion.scotland ?? []).get('2026-06-15');
        check(name !== undefined, `${newest.file} has no Scotland bank holiday on 2026-06-15`);
        note(`2026-06-15 "${name}"`);
        for (const other of gov.filter((s) => s !== newest)) {
          const has = byDate(other.byRegion.scotland ?? []).has('2026-06-15');
          note(`${other.file} (data up to ${lastDate(other)}) ${has ? 'also has it' : 'does not have it'}`);
        }
      },
    });

    cases.push({
      name: 'the gov.uk files agree on the years they share',
      run({ note }) {
        const gov = [...govFiles()].sort((a, b) => (lastDate(a) < lastDate(b) ? -1 : 1));
        check(gov.length === holidayJson.length, 'not every gov.uk file parsed (see above)');
        if (gov.length < 2) return note('only one gov.uk file: nothing to compare');
        const problems: string[] = [];
        for (let i = 0; i < gov.length; i++) {
          for (let j = i + 1; j < gov.length; j++) {
            const [older, newer] = [gov[i]!, gov[j]!];
            for (const region of UK_REGIONS) {
              const a = older.byRegion[region]!;
              const b = newer.byRegion[region]!;
              const shared = fullYears(a).filter((y) => fullYears(b).includes(y));
              const inShared = (h: Holiday) => shared.includes(Number(h.date.slice(0, 4)));
              const oldDates = byDate(a.filter(inShared));
              const newDates = byDate(b.filter(inShared));
              for (const [date, name] of newDates) {
                if (!oldDates.has(date)) note(`${region} ${date} "${name}": only in the newer ${newer.file}`);
              }
              for (const [date, name] of oldDates) {
                if (!newDates.has(date)) {
                  problems.push(
                    `${region} ${date} "${name}" is in ${older.file} but not in the newer ${newer.file}`,
                  );
                }
              }
            }
          }
        }
        if (problems.length > 0) throw new CheckError(problems.join('\n'));
      },
    });

    for (const { file, kind } of [
      ...holidayJson.map((h) => ({ file: h.file, kind: 'gov.uk JSON' })),
      ...files
        .filter((f) => f.endsWith('.ics') && regionOfFile(f))
        .map((file) => ({ file, kind: 'iCalendar' })),
    ]) {
      const regions = kind === 'iCalendar' ? [regionOfFile(file)!] : UK_REGIONS;
      for (const region of regions) {
        cases.push({
          name: `ukBankHolidays agrees with ${file}: ${region}`,
          run({ note }) {
            const source = sources.find((s) => s.file === file);
            check(source !== undefined, `${file} did not parse (see above)`);
            compareWithLibrary(source, region, source.byRegion[region]!, note);
          },
        });
      }
    }

    const others = files.filter((f) => !f.endsWith('.json') && !f.endsWith('.ics'));
    if (others.length > 0) {
      cases.push({
        name: 'other files',
        run: ({ note }) => note(`not holiday data, ignored: ${others.join(', ')}`),
      });
    }
    return cases;
  },
});
