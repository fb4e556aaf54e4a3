import type { BookEntry } from './book-entry';

/** Page -> the queue book's worker. */
export type BookRequest =
  | { type: 'all'; requestId: number; dbName: string }
  | { type: 'read'; requestId: number; dbName: string; ids: string[] }
  /** `all` stops between chunks until `resume` (a search is reading: IndexedDB answers one read at a time). */
  | { type: 'pause' }
  | { type: 'resume' };

/** The worker -> page: chunks of `all`, then `done`; `entries` answers `read`. */
export type BookReply =
  | { type: 'chunk'; requestId: number; entries: BookEntry[] }
  | { type: 'done'; requestId: number }
  | { type: 'entries'; requestId: number; entries: BookEntry[]; missing: string[] }
  | { type: 'error'; requestId: number; message: string };
