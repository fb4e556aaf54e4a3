import Dexie from 'dexie';
import type { CaseEvent } from '../../shared/domain';
import type { CaseRow, DeskDb } from '../db/schema';
import { timelinesOf } from '../db/timelines';

/** What search sees of a case: the fields people search by, and the text of its timeline. */
export interface SearchDocument {
  id: string;
  ref: string;
  subject: string;
  requester: string;
  email: string;
  description: string;
  /** Notes, replies and what the requester said, one after another. */
  bodies: string;
}

export function searchDocument(kase: CaseRow, events: readonly CaseEvent[]): SearchDocument {
  const bodies: string[] = [];
  for (const event of events) {
    if (event.type === 'note') bodies.push(event.text);
    else if ((event.type === 'reply-sent' || event.type === 'customer-contact') && event.summary) {
      // The first contact's summary is usually the description again: index it once.
      if (event.summary !== kase.description) bodies.push(event.summary);
    }
  }
  return {
    id: kase.id,
    ref: kase.ref,
    subject: kase.subject,
    requester: kase.requester.name,
    email: kase.requester.email ?? '',
    description: kase.description,
    bodies: bodies.join('\n'),
  };
}

/**
 * The documents of these cases as the store has them now; ids of cases no longer there come back in `gone`,
 * and `latest` is the latest `updatedAt` among those read.
 */
export async function documentsFor(
  db: DeskDb,
  ids: readonly string[],
): Promise<{ documents: SearchDocument[]; gone: string[]; latest: string }> {
  const [rows, timelines] = await db.transaction('r', [db.cases, db.events], () =>
    Promise.all([db.cases.bulkGet([...ids]), timelinesOf(db, ids)]),
  );
  const documents: SearchDocument[] = [];
  const gone: string[] = [];
  let latest = '';
  rows.forEach((row, i) => {
    if (row === undefined) gone.push(ids[i]!);
    else {
      documents.push(searchDocument(row, timelines.get(row.id) ?? []));
      if (row.updatedAt > latest) latest = row.updatedAt;
    }
  });
  return { documents, gone, latest };
}

/**
 * Every case's document (after the case id `from`, when given), `chunkSize` cases at a time in primary key
 * order, for building the index.
 */
export async function* allDocuments(
  db: DeskDb,
  chunkSize = 2000,
  from: string | null = null,
): AsyncGenerator<SearchDocument[]> {
  let after: string | null = from;
  for (;;) {
    const start: string | null = after;
    const rows: CaseRow[] = await (start === null
      ? db.cases.orderBy('id')
      : db.cases.where('id').above(start)
    )
      .limit(chunkSize)
      .toArray();
    if (rows.length === 0) return;
    const ids = rows.map((r) => r.id);
    const events = await db.events
      .where('[caseId+at]')
      .between([ids[0]!, Dexie.minKey], [ids.at(-1)!, Dexie.maxKey])
      .toArray();
    const timelines = groupByCase(events);
    yield rows.map((row) => searchDocument(row, timelines.get(row.id) ?? []));
    after = ids.at(-1)!;
  }
}

function groupByCase(events: readonly CaseEvent[]): Map<string, CaseEvent[]> {
  const timelines = new Map<string, CaseEvent[]>();
  for (const event of events) {
    const list = timelines.get(event.caseId);
    if (list === undefined) timelines.set(event.caseId, [event]);
    else list.push(event);
  }
  return timelines;
}
