/**
 * Parser for the gov.uk bank holidays data, in either of its two published shapes:
 *
 * - the API file, https://www.gov.uk/bank-holidays.json:
 *   `{ "england-and-wales": { division, events: [{ title, date: "YYYY-MM-DD", notes, bunting }] }, scotland, northern-ireland }`
 * - the GOV.UK source file it is generated from (alphagov/frontend lib/data/bank-holidays.json):
 *   `{ title, …, divisions: { "common.nations.scotland_slug": { slug, title, "2026": [{ title, date: "DD/MM/YYYY", notes, bunting }] } } }`
 *   where titles and notes are i18n keys ("bank_holidays.world_cup"); pass `titles` to turn them into English.
 *
 * The whole file is validated before anything is returned: a malformed file throws an Error naming the
 * path of the first problems ("gov.uk bank holidays: scotland.events[3].date must be YYYY-MM-DD").
 */
import { z } from 'zod';
import { type Holiday, isIsoDate, sortAndDedupe } from './dates';
import { UK_REGIONS, type UkRegion } from './uk';

export type GovUkBankHolidays = Record<UkRegion, Holiday[]>;

export interface GovUkParseOptions {
  /**
   * i18n key -> English text for the GOV.UK source format (e.g. `{ "bank_holidays.world_cup": "World Cup bank holiday",
   * "common.substitute_day": "Substitute day" }`). When given, every key used must be in it. Without it the
   * keys are kept as names. Ignored for the API format, whose titles are already English.
   */
  titles?: Readonly<Record<string, string>>;
}

const PREFIX = 'gov.uk bank holidays';
const MAX_LISTED_ISSUES = 5;

const title = z.string().refine((s) => s.trim() !== '', { error: 'must not be empty' });

const apiEvent = z.object({
  title,
  date: z.string().refine(isIsoDate, { error: 'must be YYYY-MM-DD (a real calendar date)' }),
  notes: z.string().optional(),
  bunting: z.boolean().optional(),
});

const apiDivision = (key: UkRegion) =>
  z.object({
    division: z.literal(key, { error: `must be "${key}"` }).optional(),
    events: z.array(apiEvent),
  });

const apiFile = z.object({
  'england-and-wales': apiDivision('england-and-wales'),
  scotland: apiDivision('scotland'),
  'northern-ireland': apiDivision('northern-ireland'),
});

const DMY = /^(\d{2})\/(\d{2})\/(\d{4})$/;

/** "DD/MM/YYYY" -> "YYYY-MM-DD", or undefined when it is not a real date in that form. */
function fromDmy(value: string): string | undefined {
  const m = DMY.exec(value);
  if (!m) return undefined;
  const iso = `${m[3]}-${m[2]}-${m[1]}`;
  return isIsoDate(iso) ? iso : undefined;
}

const sourceEvent = z.object({
  title,
  date: z
    .string()
    .refine((s) => fromDmy(s) !== undefined, { error: 'must be DD/MM/YYYY (a real calendar date)' }),
  notes: z.string().optional(),
  bunting: z.boolean().optional(),
});

const YEAR_KEY = /^\d{4}$/;

/** One division of the source file: a few descriptive strings, and one array of events per year key. */
const sourceDivision = z.record(z.string(), z.unknown()).superRefine((division, ctx) => {
  for (const [key, value] of Object.entries(division)) {
    if (YEAR_KEY.test(key)) {
      const parsed = z.array(sourceEvent).safeParse(value, { error: describeIssue });
      if (!parsed.success) {
        for (const issue of parsed.error.issues) {
          ctx.addIssue({ code: 'custom', message: issue.message, path: [key, ...issue.path], input: value });
        }
        continue;
      }
      parsed.data.forEach((event, i) => {
        if (fromDmy(event.date)?.slice(0, 4) !== key) {
          ctx.addIssue({
            code: 'custom',
            message: `is in another year than the list it is under (${key})`,
            path: [key, i, 'date'],
            input: event.date,
          });
        }
      });
    } else if (typeof value !== 'string') {
      ctx.addIssue({
        code: 'custom',
        message: 'must be a year ("2026") holding a list of events, or a string',
        path: [key],
        input: value,
      });
    }
  }
});

const sourceFile = z.object({
  divisions: z.record(z.string(), sourceDivision),
});

/** Per-parse error map: short messages that read after a path ("scotland.events[3].date must be …"). */
function describeIssue(issue: z.core.$ZodRawIssue): string | undefined {
  if (issue.code === 'invalid_type') {
    if (issue.input === undefined) return 'is missing';
    const article = /^[aeiou]/.test(issue.expected) ? 'an' : 'a';
    return `must be ${article} ${issue.expected === 'record' ? 'object' : issue.expected}, got ${kindOf(issue.input)}`;
  }
  return undefined;
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string')
    return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}

function fail(issues: readonly { path: PropertyKey[]; message: string }[]): never {
  const listed = issues.slice(0, MAX_LISTED_ISSUES).map((i) => {
    const path = formatPath(i.path);
    return path === '' ? i.message : `${path} ${i.message}`;
  });
  const more =
    issues.length > MAX_LISTED_ISSUES ? ` (and ${issues.length - MAX_LISTED_ISSUES} more problems)` : '';
  throw new Error(`${PREFIX}: ${listed.join('; ')}${more}`);
}

function nameOf(titleText: string, notes: string | undefined): string {
  const t = titleText.trim();
  const n = notes?.trim() ?? '';
  return n === '' ? t : `${t} (${n})`;
}

function parseApi(json: unknown): GovUkBankHolidays {
  const parsed = apiFile.safeParse(json, { error: describeIssue });
  if (!parsed.success) fail(parsed.error.issues);
  const out = {} as GovUkBankHolidays;
  for (const region of UK_REGIONS) {
    out[region] = sortAndDedupe(
      parsed.data[region].events.map((e) => ({ date: e.date, name: nameOf(e.title, e.notes) })),
    );
  }
  return out;
}

/** "common.nations.england-and-wales_slug" (or plain "england-and-wales") -> the division. */
function regionOfSourceKey(key: string): UkRegion | undefined {
  const m = /^(?:common\.nations\.)?(england-and-wales|scotland|northern-ireland)(?:_slug)?$/.exec(key);
  return m ? (m[1] as UkRegion) : undefined;
}

function parseSource(json: unknown, titles: Readonly<Record<string, string>> | undefined): GovUkBankHolidays {
  const parsed = sourceFile.safeParse(json, { error: describeIssue });
  if (!parsed.success) fail(parsed.error.issues);
  const issues: { path: PropertyKey[]; message: string }[] = [];
  const found = new Map<UkRegion, string>();
  for (const key of Object.keys(parsed.data.divisions)) {
    const region = regionOfSourceKey(key);
    if (!region) {
      issues.push({
        path: ['divisions', key],
        message: `is not a known division (expected ${UK_REGIONS.join(', ')})`,
      });
    } else if (found.has(region)) {
      issues.push({
        path: ['divisions', key],
        message: `repeats the division of divisions.${found.get(region)}`,
      });
    } else {
      found.set(region, key);
    }
  }
  for (const region of UK_REGIONS) {
    if (!found.has(region)) issues.push({ path: ['divisions'], message: `has no ${region} division` });
  }
  const untranslated = new Map<string, PropertyKey[]>(); // key -> where it is first used
  const translate = (text: string | undefined, path: PropertyKey[]): string | undefined => {
    if (text === undefined || text.trim() === '' || titles === undefined) return text;
    const english = Object.hasOwn(titles, text) ? titles[text] : undefined;
    if (typeof english !== 'string') {
      if (!untranslated.has(text)) untranslated.set(text, path);
      return text;
    }
    return english;
  };
  const out = {} as GovUkBankHolidays;
  for (const [region, key] of found) {
    const list: Holiday[] = [];
    for (const [year, events] of Object.entries(parsed.data.divisions[key]!)) {
      if (!YEAR_KEY.test(year)) continue;
      (events as z.infer<typeof sourceEvent>[]).forEach((e, i) => {
        const at = ['divisions', key, year, i];
        const name = nameOf(translate(e.title, [...at, 'title'])!, translate(e.notes, [...at, 'notes']));
        list.push({ date: fromDmy(e.date)!, name });
      });
    }
    out[region] = sortAndDedupe(list);
  }
  for (const [key, path] of untranslated) {
    issues.push({
      path,
      message: `uses key ${JSON.stringify(key)}, which has no English text in the titles given`,
    });
  }
  if (issues.length > 0) fail(issues);
  return out;
}

/**
 * Parse gov.uk bank holidays (the parsed JSON value, or its text) into one sorted, deduplicated list per
 * division. Each name is the title, with the notes in brackets when there are any ("Boxing Day (Substitute day)").
 * Throws an Error describing what is wrong for anything else; never returns a partial result.
 */
export function parseGovUkBankHolidays(json: unknown, options: GovUkParseOptions = {}): GovUkBankHolidays {
  let value = json;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch (e) {
      throw new Error(`${PREFIX}: not valid JSON (${e instanceof Error ? e.message : String(e)})`);
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`${PREFIX}: expected a JSON object, got ${kindOf(value)}`);
  }
  if ('divisions' in value) return parseSource(value, options.titles);
  if (UK_REGIONS.some((r) => r in value)) return parseApi(value);
  const keys = Object.keys(value);
  throw new Error(
    `${PREFIX}: expected the https://www.gov.uk/bank-holidays.json format (keys ${UK_REGIONS.join(', ')}) ` +
      `or the GOV.UK source format (a "divisions" key); found ${keys.length === 0 ? 'no keys' : `keys ${keys.slice(0, 8).join(', ')}`}`,
  );
}
