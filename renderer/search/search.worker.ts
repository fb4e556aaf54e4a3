/**
 * The search index off the UI thread: building it for 100,000 cases takes seconds of CPU, and each change
 * rewrites parts of posting lists. The worker opens the store itself (a second connection to the same IndexedDB
 * database) and reads the cases the page tells it changed.
 */
import { createDeskDb } from '../db/schema';
import type { SearchReply, SearchRequest } from './protocol';
import { createSearchService, type SearchService } from './service';

let service: SearchService | null = null;

const reply = (message: SearchReply) => self.postMessage(message);
const failed = (error: unknown) =>
  reply({ type: 'error', message: error instanceof Error ? error.message : String(error) });

self.onmessage = (event: MessageEvent<SearchRequest>) => {
  const request = event.data;
  switch (request.type) {
    case 'open': {
      const db = createDeskDb(request.dbName);
      db.on('versionchange', () => {
        db.close();
        return false;
      });
      const opened = createSearchService(db);
      service = opened;
      opened
        .open((indexed) => reply({ type: 'progress', indexed }))
        .then(({ from }) => reply({ type: 'ready', from }), failed);
      break;
    }
    case 'refresh': {
      const announced = performance.now();
      service
        ?.refresh(request.caseIds)
        .then(
          () => reply({ type: 'indexed', cases: request.caseIds.length, ms: performance.now() - announced }),
          failed,
        );
      break;
    }
    case 'search': {
      const { requestId } = request;
      (service?.search(request.query, request.limit) ?? Promise.resolve([])).then(
        (hits) => reply({ type: 'results', requestId, hits }),
        (error: unknown) => {
          reply({ type: 'results', requestId, hits: [] });
          failed(error);
        },
      );
      break;
    }
  }
};
