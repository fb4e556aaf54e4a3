/**
 * The queue book's reads off the UI thread: the rows of 100,000 cases take seconds to copy out of IndexedDB,
 * and the page needs only a few fields of each. Opens the store itself (a second connection) in dynamic mode.
 */
import { openStoreDynamic } from '../../db/open-dynamic';
import type { DeskDb } from '../../db/schema';
import { readBook, readBookEntries } from './book-entry';
import type { BookReply, BookRequest } from './book-protocol';

let opened: { name: string; db: Promise<DeskDb> } | null = null;

function storeNamed(name: string): Promise<DeskDb> {
  if (opened?.name !== name) opened = { name, db: openStoreDynamic(name) };
  return opened.db;
}

const reply = (message: BookReply) => self.postMessage(message);

/** Settles when the page lets the book's reading go on (see `pause` in book-protocol.ts). */
let paused: Promise<void> | null = null;
let resume = () => {};

self.onmessage = async (event: MessageEvent<BookRequest>) => {
  const request = event.data;
  if (request.type === 'pause') {
    paused ??= new Promise((resolve) => {
      resume = () => {
        paused = null;
        resolve();
      };
    });
    return;
  }
  if (request.type === 'resume') return resume();
  const { requestId } = request;
  try {
    const db = await storeNamed(request.dbName);
    if (request.type === 'all') {
      await readBook(
        db,
        (entries) => reply({ type: 'chunk', requestId, entries }),
        () => paused,
      );
      reply({ type: 'done', requestId });
    } else {
      const { entries, missing } = await readBookEntries(db, request.ids);
      reply({ type: 'entries', requestId, entries, missing });
    }
  } catch (error) {
    reply({ type: 'error', requestId, message: error instanceof Error ? error.message : String(error) });
  }
};
