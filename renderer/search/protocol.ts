import type { SearchHit } from './engine';

/** Page -> search worker. */
export type SearchRequest =
  | { type: 'open'; dbName: string }
  | { type: 'refresh'; caseIds: readonly string[] }
  | { type: 'search'; requestId: number; query: string; limit: number };

/** Search worker -> page. */
export type SearchReply =
  | { type: 'progress'; indexed: number }
  | { type: 'ready'; from: 'saved' | 'build' }
  | { type: 'results'; requestId: number; hits: SearchHit[] }
  | { type: 'error'; message: string };
