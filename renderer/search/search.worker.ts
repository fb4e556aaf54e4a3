/**
 * The search index off the UI thread: building it for 100,000 cases takes seconds of CPU, and each change
 * rewrites parts of posting lists. The worker opens the store itself (a second connection to the same IndexedDB
 * database) and reads the cases the page tells it changed.
 */
import { openStoreDynamic } from '../db/open-dynamic';
import type { SearchReply, SearchRequest } from './protocol';
import { createSearchService, type SearchService } from './service';

/** The service once the store is open; requests that come before wait for it. */
let service: Promise<SearchService> | null = null;

const reply = (message: SearchReply) => self.postMessage(message);
const failed = (error: unknown) =>
  reply({ type: 'error', message: error instanceof Error ? error.message : String(error) });

self.onmessage = (event: MessageEvent<SearchRequest>) => {
  const request = event.data;
  switch (request.type) {
    case 'open': {
      const opening = openStoreDynamic(request.dbName).then(createSearchService);
      service = opening;
      opening
        .then((opened) => opened.open((indexed) => reply({ type: 'progress', indexed })))
        .then(({ from }) => reply({ type: 'ready', from }), failed);
      break;
    }
    case 'refresh': {
      const announced = performance.now();
      service
        ?.then((opened) => opened.refresh(request.caseIds))
        .then(
          () => reply({ type: 'indexed', cases: request.caseIds.length, ms: performance.now() - announced }),
          failed,
        );
      break;
    }
    case 'search': {
      const { requestId } = request;
      const { query, limit } = request;
      (
        service?.then(async (opened) => ({
          hits: await opened.search(query, limit),
          timing: opened.lastTiming,
        })) ?? Promise.resolve({ hits: [], timing: undefined })
      ).then(
        ({ hits, timing }) => reply({ type: 'results', requestId, hits, timing: timing && { ...timing } }),
        (error: unknown) => {
          reply({ type: 'results', requestId, hits: [] });
          failed(error);
        },
      );
      break;
    }
  }
};
