import type { SearchHit } from './engine';
import type { SearchTiming } from './service';

/** Page -> search worker. */
export type SearchRequest =
  | { type: 'open'; dbName: string }
  | { type: 'refresh'; caseIds: readonly string[] }
  | { type: 'search'; requestId: number; query: string; limit: number };

/** Search worker -> page. */
export type SearchReply =
  | { type: 'progress'; indexed: number }
  | { type: 'ready'; from: 'saved' | 'build' }
  | { type: 'results'; requestId: number; hits: SearchHit[]; timing?: SearchTiming }
  /** A change announced with `refresh` is in the index, `ms` after it was announced. */
  | { type: 'indexed'; cases: number; ms: number }
  | { type: 'error'; message: string };
