import { describe, expect, it } from 'vitest';
import { bestHits, FIELD, rankCases, warmUpRanking } from './engine';

/** A term matched in these cases, written "doc mask, doc mask". */
const term = (name: string, cases: string, quality = 1) => {
  const entries = cases.split(',').map((entry) => entry.trim().split(' ').map(Number));
  return {
    term: name,
    quality,
    postings: [
      {
        docs: Uint32Array.from(entries.map(([doc]) => doc!)),
        fields: Uint8Array.from(entries.map(([, mask]) => mask!)),
      },
    ],
  };
};

describe('ranking', () => {
  it('keeps only the cases every word matched, a subject match above a message match', () => {
    const ranked = rankCases(
      [
        [term('printer', `0 ${FIELD.subject}, 1 ${FIELD.text}, 2 ${FIELD.text}`)],
        [term('jam', `0 ${FIELD.text}, 1 ${FIELD.text}`)],
      ],
      100,
    );
    expect(ranked.docs).toEqual([0, 1]);
    expect(ranked.scores[0]!).toBeGreaterThan(ranked.scores[1]!);
  });

  it('scores a case by its best-matching term of a word, not the sum of them', () => {
    const word = [term('print', `0 ${FIELD.text}`), term('printer', `0 ${FIELD.text}, 1 ${FIELD.text}`, 0.5)];
    const alone = rankCases([[word[0]!]], 100);
    expect(rankCases([word], 100).scores[0]).toBe(alone.scores[0]);
  });

  it('ranks each query afresh: nothing of the rankings before carries over', () => {
    const printer = term('printer', `0 ${FIELD.subject}, 1 ${FIELD.subject}, 2 ${FIELD.text}`);
    const jam = term('jam', `1 ${FIELD.text}, 2 ${FIELD.text}`);
    const toner = term('toner', `3 ${FIELD.text}`);
    expect(rankCases([[term('q1', `1 ${FIELD.ref}`)]], 100).byRef[0]).toBe(1);
    const first = rankCases([[printer], [jam]], 100);
    expect(first.docs).toEqual([1, 2]);
    // Case 1's reference matched the query before, not this one.
    expect([...first.byRef]).toEqual([0, 0]);
    // Cases 1 and 2 matched the last word of the ranking before; here the word before "jam" matched neither.
    expect(rankCases([[toner], [jam]], 100).docs).toEqual([]);
    const again = rankCases([[printer], [jam]], 100);
    expect(again.docs).toEqual([1, 2]);
    expect([...again.scores]).toEqual([...first.scores]);
  });

  it('ranks the same after warming up as before', () => {
    const printer = term('printer', `0 ${FIELD.ref}, 1 ${FIELD.subject}, 5 ${FIELD.text}`);
    const jam = term('jam', `1 ${FIELD.text}, 5 ${FIELD.who}`);
    const before = rankCases([[printer], [jam]], 100);
    warmUpRanking(100);
    warmUpRanking(100_000);
    const after = rankCases([[printer], [jam]], 100);
    expect(after.docs).toEqual(before.docs);
    expect([...after.scores]).toEqual([...before.scores]);
    expect(rankCases([[printer]], 100).byRef[0]).toBe(1);
  });

  it('gives the best few of thousands, reference matches first however low they score', () => {
    const scores = Float64Array.from({ length: 5000 }, (_, doc) => 1 + (doc % 1000));
    // Three cases share the top score: a limit that cuts through a tie still gives exactly `limit`.
    scores[1] = 5000;
    scores[2] = 5000;
    scores[3] = 5000;
    const byRef = new Uint8Array(5000);
    byRef[4000] = 1;
    const hits = bestHits({ docs: Array.from(scores.keys(), (i) => i + 7), scores, byRef }, 3);
    expect(hits.map((hit) => hit.doc)).toEqual([4007, expect.any(Number), expect.any(Number)]);
    expect(hits[0]).toMatchObject({ byRef: true, score: 1 });
    expect([8, 9, 10]).toContain(hits[1]!.doc);
    expect(hits[2]!.score).toBe(5000);
  });

  it('gives every match, best first, when there are fewer than the limit', () => {
    const hits = bestHits(
      { docs: [10, 11, 12], scores: Float64Array.from([1, 3, 2]), byRef: new Uint8Array(3) },
      50,
    );
    expect(hits.map((hit) => hit.doc)).toEqual([11, 12, 10]);
  });
});
