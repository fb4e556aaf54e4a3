/**
 * A standalone desk joining an empty desk server: everything its store holds travels as `importRows`
 * mutations, queued in the outbox of the store that syncs with the server (a store is one per person and
 * server, so that one is new and numbers its mutations from 1). The rows are not written into it here: the
 * server echoes them back through the first pull, so nothing the server refused can linger on this desktop.
 */
import { IMPORT_BATCH_ROWS, type Mutation, type RowChange, type WritableTable } from '../../shared/sync';
import { toStoreError } from './errors';
import { notify } from './mutate';
import { type CaseRow, fromCaseRow, type MetaRow } from './schema';
import { type CaseStore, META, metaNumber } from './store';
import { timelinesOf } from './timelines';
import { syncedTable } from './write';

export interface ExportOptions {
  /** Rows per batch (default IMPORT_BATCH_ROWS). */
  batchRows?: number;
  /** JSON characters per batch at most (default 256 KiB), so a push of a few batches stays under the size limit. */
  batchChars?: number;
  /** Cases read per step (default 500). */
  chunkCases?: number;
}

// Settings first (cases need their policies and calendars), then requesters, then each case with its timeline.
const SETTINGS_ORDER: readonly WritableTable[] = [
  'calendars',
  'policies',
  'teams',
  'people',
  'savedViews',
  'contacts',
];

/**
 * Everything the store holds as batches of `put` row changes, for `importRows` mutations: settings, the
 * directory, saved views and contacts, then cases (without their derived fields) each followed by its events,
 * then outbound mail. Reads a chunk of cases at a time; inside a transaction over the store's tables it reads
 * a consistent store.
 */
export async function* exportForImport(
  store: CaseStore,
  options: ExportOptions = {},
): AsyncGenerator<RowChange[]> {
  const { db } = store;
  const batches = batcher(options.batchRows ?? IMPORT_BATCH_ROWS, options.batchChars ?? 256 * 1024);
  for (const table of SETTINGS_ORDER) {
    for (const row of await syncedTable(db, table).toArray()) {
      // The row was read from `table`.
      yield* batches.add({ op: 'put', table, row } as RowChange);
    }
  }
  const chunk = options.chunkCases ?? 500;
  let after: string | null = null;
  for (;;) {
    const rows: CaseRow[] =
      after === null
        ? await db.cases.orderBy(':id').limit(chunk).toArray()
        : await db.cases.where(':id').above(after).limit(chunk).toArray();
    if (rows.length === 0) break;
    const timelines = await timelinesOf(
      db,
      rows.map((r) => r.id),
    );
    for (const row of rows) {
      yield* batches.add({ op: 'put', table: 'cases', row: fromCaseRow(row) });
      for (const event of timelines.get(row.id) ?? [])
        yield* batches.add({ op: 'put', table: 'events', row: event });
    }
    after = rows.at(-1)!.id;
  }
  for (const message of await db.outboundMessages.toArray()) {
    yield* batches.add({ op: 'put', table: 'outboundMessages', row: message });
  }
  yield* batches.flush();
}

function batcher(maxRows: number, maxChars: number) {
  let batch: RowChange[] = [];
  let chars = 0;
  return {
    *add(change: RowChange): Generator<RowChange[]> {
      const size = JSON.stringify(change).length;
      if (batch.length > 0 && (batch.length >= maxRows || chars + size > maxChars)) yield* this.flush();
      batch.push(change);
      chars += size;
    },
    *flush(): Generator<RowChange[]> {
      if (batch.length > 0) yield batch;
      batch = [];
      chars = 0;
    },
  };
}

export interface ImportState {
  /** `queueing` while batches are being queued (an import cut short is queued again from the start). */
  readonly status: 'queueing' | 'queued';
  /** Import mutations queued so far. */
  readonly queued: number;
  /** The store the rows came from. */
  readonly source: string;
}

const IMPORT_META = 'import';

/** Whether (and how far) an import was queued into this store. */
export async function importStateOf(store: CaseStore): Promise<ImportState | null> {
  const row = await store.db.meta.get(IMPORT_META);
  return (row?.value as ImportState | undefined) ?? null;
}

export interface QueueImportOptions extends ExportOptions {
  onProgress?: (queuedMutations: number) => void;
  /** Batches queued per transaction (default 20). */
  batchesPerCommit?: number;
}

/**
 * Queues everything `source` holds as `importRows` mutations in `target`'s outbox, made by `target.actorId`
 * (the signed-in person, whom the server checks is a manager or an admin). Resumable by running it again:
 * the server keeps only rows it does not have yet, so rows sent twice change nothing. Returns how many
 * mutations it queued.
 */
export async function queueImport(
  target: CaseStore,
  source: CaseStore,
  options: QueueImportOptions = {},
): Promise<number> {
  const { db } = target;
  const perCommit = options.batchesPerCommit ?? 20;
  const createdAt = target.clock.now().toISOString();
  let queued = 0;
  const state = (status: ImportState['status']): MetaRow => ({
    key: IMPORT_META,
    value: { status, queued, source: source.db.name } satisfies ImportState,
  });
  const commit = async (batches: RowChange[][]) => {
    const mutations = await db.transaction('rw', db.outbox, db.meta, async () => {
      const first = (await metaNumber(db, META.lastMutationId)) + 1;
      const made = batches.map(
        (changes, i): Mutation => ({
          clientId: target.clientId,
          id: first + i,
          name: 'importRows',
          args: { changes },
          createdAt,
          actorId: target.actorId,
        }),
      );
      queued += made.length;
      await db.outbox.bulkAdd(made);
      await db.meta.bulkPut([
        { key: META.lastMutationId, value: first + made.length - 1 },
        state('queueing'),
      ]);
      return made;
    });
    notify(target, { mutation: mutations.at(-1) ?? null, changes: [] });
    options.onProgress?.(queued);
  };
  try {
    await db.meta.put(state('queueing'));
    let pending: RowChange[][] = [];
    for await (const batch of exportForImport(source, options)) {
      pending.push(batch);
      if (pending.length >= perCommit) {
        await commit(pending);
        pending = [];
      }
    }
    if (pending.length > 0) await commit(pending);
    await db.meta.put(state('queued'));
  } catch (error) {
    throw toStoreError(error);
  }
  return queued;
}
