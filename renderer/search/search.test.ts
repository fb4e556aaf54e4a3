import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClock } from '../../shared/time';
import { type CaseStore, openCaseStore, runMutation, seedIfEmpty } from '../db';
import { type CaseSearch, openSearch, touchedCases } from './index';

const NOW = '2026-03-02T10:00:00.000Z';
let store: CaseStore;
let search: CaseSearch;

beforeAll(async () => {
  store = await openCaseStore({ name: 'desk-search-test', clock: createClock({ now: NOW }), actorId: null });
  await seedIfEmpty(store, { cases: 400 });
  const progress: number[] = [];
  search = openSearch(store, { worker: false, onProgress: (n) => progress.push(n) });
  await search.ready;
  expect(progress.at(-1)).toBe(400);
});

afterAll(() => {
  search.close();
  store.db.close();
});

const refsOf = async (query: string) => {
  const hits = await search.search(query);
  const rows = await store.db.cases.bulkGet(hits.map((hit) => hit.id));
  return rows.map((row) => row?.ref);
};

describe('searching cases', () => {
  it('finds a case by its reference however it is typed, first', async () => {
    const kase = (await store.db.cases.toArray())[123]!;
    for (const typed of [kase.ref, kase.ref.toLowerCase().replace('-', ''), kase.ref.slice(2)]) {
      expect((await refsOf(typed))[0], typed).toBe(kase.ref);
    }
  });

  it('finds words by prefix and with a typo, requiring every word', async () => {
    const eduroam = await refsOf('Edur');
    expect(eduroam.length).toBeGreaterThan(0);
    expect(await refsOf('Eduraom')).toEqual(expect.arrayContaining(eduroam.slice(0, 5)));
    const both = await search.search('eduroam laptop');
    const cases = await store.db.cases.bulkGet(both.map((h) => h.id));
    expect(cases.every((c) => /eduroam/i.test(`${c!.subject} ${c!.description}`))).toBe(true);
  });

  it('tries typos only when the query as typed finds nothing', async () => {
    const logged = async (subject: string) =>
      (
        await runMutation(store, 'createCase', {
          kind: 'query',
          subject,
          requester: { name: 'Iris Vance', email: 'iris.vance@example.ac.uk' },
          channel: 'email',
          priority: 'normal',
        })
      ).cases[0]!.ref;
    const right = await logged('Laminator overheating in the porters lodge');
    const wrong = await logged('Laminater overheating in the porters lodge');
    await expect.poll(() => refsOf('laminator overheating')).toContain(right);
    // Spelt as a case spells it: that case, not the near-miss.
    expect(await refsOf('laminator overheating')).not.toContain(wrong);
    // Spelt as no case spells it: both near-misses.
    expect(await refsOf('laminatro overheating')).toEqual(expect.arrayContaining([right, wrong]));
    // Each word finds cases as typed, but no case has both: near-misses of both are tried.
    expect(await refsOf('laminator overheatin porters')).toContain(right);
    // Fewest typos first: a word found as typed stays as typed while the word that found nothing is widened…
    expect(await refsOf('laminater overheaing')).toEqual([wrong]);
    // …and words that both found nothing are both widened.
    expect(await refsOf('laminatro overheaing')).toEqual(expect.arrayContaining([right, wrong]));
  });

  it('finds a case by requester name and email, and by what its notes and replies say', async () => {
    const kase = (await store.db.cases.toArray()).find((c) => c.requester.email?.includes('@example.ac.uk'))!;
    expect(await refsOf(kase.requester.name)).toContain(kase.ref);
    expect(await refsOf(kase.requester.email!)).toContain(kase.ref);
    const noted = await store.db.events.filter((e) => e.type === 'note').first();
    const text = noted!.type === 'note' ? noted!.text : '';
    const owner = await store.db.cases.get(noted!.caseId);
    expect(await refsOf(text.split(' ').slice(0, 4).join(' '))).toContain(owner!.ref);
  });

  it('ranks the case whose reference matches before cases that only mention it', async () => {
    const [target, other] = await store.db.cases.limit(2).toArray();
    await runMutation(store, 'addNote', {
      caseId: other!.id,
      text: `Same fault as ${target!.ref}, see there.`,
    });
    await expect.poll(async () => (await refsOf(target!.ref)).slice(0, 2)).toEqual([target!.ref, other!.ref]);
  });

  it('indexes new cases and new notes as mutations land', async () => {
    const created = await runMutation(store, 'createCase', {
      kind: 'query',
      subject: 'Zebra printer in the vet school offline',
      requester: { name: 'Fenella Quirke', email: 'fenella.quirke@example.ac.uk' },
    });
    const ref = created.cases[0]!.ref;
    await expect.poll(async () => (await refsOf('zebra vet'))[0]).toBe(ref);
    await expect.poll(async () => (await refsOf('Quirke'))[0]).toBe(ref);
    await runMutation(store, 'addNote', {
      caseId: created.cases[0]!.id,
      text: 'Thermal head replaced (xylophone)',
    });
    await expect.poll(async () => (await refsOf('xylophone'))[0]).toBe(ref);
  });
});

describe('touchedCases', () => {
  it('names the cases a change wrote, through their rows or their events', () => {
    const ids = touchedCases({
      mutation: { clientId: 'c', id: 1, name: 'addNote', args: {}, createdAt: NOW },
      changes: [
        {
          op: 'put',
          table: 'events',
          row: { id: 'e', caseId: 'a', at: NOW, actorId: null, type: 'note', text: 'x' },
        },
        { op: 'del', table: 'cases', id: 'b' },
        { op: 'del', table: 'contacts', id: 'c' },
      ],
    });
    expect(ids.sort()).toEqual(['a', 'b']);
  });
});

describe('changes to a case', () => {
  it('are found by what the case says now, and not by what it said before', async () => {
    const created = await runMutation(store, 'createCase', {
      kind: 'query',
      subject: 'Moodle course hidden from the students',
      requester: { name: 'Tamsin Oyelaran', email: 'tamsin.oyelaran@example.ac.uk' },
    });
    const kase = created.cases[0]!;
    await expect.poll(async () => refsOf('moodle hidden')).toContain(kase.ref);
    await runMutation(store, 'editFields', {
      caseId: kase.id,
      subject: 'Plotter jammed in the drawing office',
    });
    await expect.poll(async () => refsOf('plotter jammed')).toEqual([kase.ref]);
    expect(await refsOf('moodle hidden')).not.toContain(kase.ref);
  });
});
