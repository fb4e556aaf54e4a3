import type { CaseEvent } from '../../shared/domain';
import { instantMs, toInstant } from '../../shared/time';
import { toStoreError } from './errors';
import { type CaseRow, toCaseRow } from './schema';
import { type CaseStore, reloadPolicies } from './store';

/** How many cases a new standalone install starts with. */
export const DEFAULT_DEMO_CASES = 500;
/** The most `?demo-cases=N` will generate. */
export const MAX_DEMO_CASES = 200_000;

export interface SeedOptions {
  cases: number;
  /** The demo's present (default: the store's clock). */
  now?: Date | string;
  seed?: number;
  /** Cases per transaction (default 2000). */
  chunkSize?: number;
  onProgress?: (done: number, total: number) => void;
}

interface DemoMeta {
  status: 'seeding' | 'done';
  cases: number;
  seed: number;
  now: string;
}

/**
 * Fills an empty store with the demo desk: the four preset policies and the UK calendar (unless the store has
 * policies already), the demo's people and teams, then the cases with their timelines in chunks, each chunk
 * one transaction with its SLA summaries computed. Seeding is local data, not a change anyone made, so it
 * does not go through the outbox. A seeding cut short (the window closed) starts again on the next call.
 * Returns whether it seeded.
 */
export async function seedIfEmpty(store: CaseStore, options: SeedOptions): Promise<boolean> {
  const { db } = store;
  const now = toInstant(options.now ?? store.clock.now(), 'demo now');
  const seed = options.seed ?? 1;
  const total = Math.min(MAX_DEMO_CASES, Math.max(0, Math.floor(options.cases)));
  try {
    const [count, previous] = await Promise.all([db.cases.count(), db.meta.get('demo')]);
    const interrupted = (previous?.value as DemoMeta | undefined)?.status === 'seeding';
    if (count > 0 && !interrupted) return false;

    // Loaded only to seed: the generator and the presets' holiday rules are ~1.5 MB an opening store never needs.
    const { demoChunks, demoPeople, demoSettings } = await import('../../shared/demo');
    const settings = demoSettings(now);
    const directory = demoPeople();
    await db.transaction('rw', [db.policies, db.calendars, db.people, db.teams, db.meta], async () => {
      if ((await db.policies.count()) === 0) {
        await db.policies.bulkPut(settings.policies);
        await db.calendars.bulkPut(settings.calendars);
      }
      await db.people.bulkPut(directory.people);
      await db.teams.bulkPut(directory.teams);
      const meta: DemoMeta = { status: 'seeding', cases: total, seed, now: now.toISOString() };
      await db.meta.put({ key: 'demo', value: meta });
    });
    await reloadPolicies(store);

    let done = 0;
    // Requesters raise several cases: write each contact once, not once per chunk that names it.
    const written = new Set<string>();
    for (const chunk of demoChunks({ cases: total, now, seed }, options.chunkSize ?? 2000)) {
      const timelines = new Map<string, CaseEvent[]>();
      for (const event of chunk.events) {
        const list = timelines.get(event.caseId);
        if (list === undefined) timelines.set(event.caseId, [event]);
        else list.push(event);
      }
      const rows: CaseRow[] = chunk.cases.map((kase) =>
        toCaseRow(kase, store.slaOf(kase, timelines.get(kase.id) ?? [], now)),
      );
      const contacts = chunk.contacts.filter((c) => !written.has(c.id));
      for (const contact of contacts) written.add(contact.id);
      await db.transaction('rw', [db.cases, db.events, db.contacts], async () => {
        await Promise.all([
          db.cases.bulkPut(rows),
          db.events.bulkPut(chunk.events),
          db.contacts.bulkPut(contacts),
        ]);
      });
      done += chunk.cases.length;
      options.onProgress?.(done, total);
    }
    const meta: DemoMeta = { status: 'done', cases: total, seed, now: now.toISOString() };
    await db.meta.put({ key: 'demo', value: meta });
    return true;
  } catch (error) {
    throw toStoreError(error);
  }
}

export interface DemoRequest {
  /** `?demo-cases=N`: seed N cases into an empty store (capped at MAX_DEMO_CASES). */
  cases: number | null;
  /** `?now=<ISO instant>`: where the app clock starts. */
  now: string | null;
}

/** Reads `?demo-cases=N` and `?now=<ISO>` from the page's query string; ignores values that don't parse. */
export function demoRequest(search: string): DemoRequest {
  const params = new URLSearchParams(search);
  const rawCases = params.get('demo-cases');
  const cases =
    rawCases !== null && /^\d+$/.test(rawCases) ? Math.min(MAX_DEMO_CASES, Number(rawCases)) : null;
  const rawNow = params.get('now');
  const now = rawNow !== null && !Number.isNaN(instantMs(rawNow)) ? rawNow : null;
  return { cases, now };
}
