import { describe, expect, it } from 'vitest';
import { bestHits, FIELD, rankCases } from './engine';

const posting = (entries: [id: string, mask: number][]) => ({
  ids: entries.map(([id]) => id),
  fields: Uint8Array.from(entries.map(([, mask]) => mask)),
});

describe('ranking', () => {
  it('keeps only the cases every word matched, a subject match above a message match', () => {
    const ranked = rankCases(
      [
        [
          {
            term: 'printer',
            quality: 1,
            postings: [
              posting([
                ['a', FIELD.subject],
                ['b', FIELD.text],
                ['c', FIELD.text],
              ]),
            ],
          },
        ],
        [
          {
            term: 'jam',
            quality: 1,
            postings: [
              posting([
                ['a', FIELD.text],
                ['b', FIELD.text],
              ]),
            ],
          },
        ],
      ],
      100,
    );
    expect([...ranked.scores.keys()].sort()).toEqual(['a', 'b']);
    expect(ranked.scores.get('a')!).toBeGreaterThan(ranked.scores.get('b')!);
  });

  it('gives the best few of thousands, reference matches first however low they score', () => {
    const entries: [string, number][] = Array.from({ length: 5000 }, (_, i) => [`case-${i}`, FIELD.text]);
    const scores = new Map(entries.map(([id], i) => [id, i % 1000]));
    // Three cases share the top score: a limit that cuts through a tie still gives exactly `limit`.
    scores.set('case-1', 5000).set('case-2', 5000).set('case-3', 5000);
    const hits = bestHits({ scores, byRef: new Set(['case-0']) }, 3);
    expect(hits.map((hit) => hit.id)).toEqual([
      'case-0',
      expect.stringMatching(/^case-[123]$/),
      expect.stringMatching(/^case-[123]$/),
    ]);
    expect(hits[0]).toMatchObject({ byRef: true, score: 0 });
    expect(hits[1]!.score).toBe(5000);
  });

  it('gives every match, best first, when there are fewer than the limit', () => {
    const hits = bestHits(
      {
        scores: new Map([
          ['x', 1],
          ['y', 3],
          ['z', 2],
        ]),
        byRef: new Set(),
      },
      50,
    );
    expect(hits.map((hit) => hit.id)).toEqual(['y', 'z', 'x']);
  });
});
