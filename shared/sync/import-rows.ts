/**
 * Bringing a standalone desk's store into an empty server: its rows travel as `importRows` mutations of a few
 * hundred rows each (IMPORT_BATCH_ROWS; small enough for the request-size limit and one server transaction,
 * large enough that 100,000 cases need a few thousand mutations, not a million). A row whose id the server
 * already has is left alone, so an import sent twice (or into a desk that has since gained rows) adds only
 * what is missing and never overwrites anyone's work.
 */
import { z } from 'zod';
import type { RowsByTable } from './define';
import { defineMutator } from './define';
import { requireManager } from './permissions';
import { type RowChange, RowChangeSchema, type WritableTable } from './rows';

/** Rows per importRows mutation. */
export const IMPORT_BATCH_ROWS = 300;

export const ImportRowsArgs = z.object({
  // Taken as unknown first so a caller may pass its stored rows (RowChange[]) as they are; each is then
  // parsed with its table's schema.
  changes: z
    .array(z.unknown())
    .min(1, 'Say which rows to import.')
    .max(IMPORT_BATCH_ROWS * 4, `Import at most ${IMPORT_BATCH_ROWS * 4} rows at a time.`)
    .pipe(z.array(RowChangeSchema))
    .refine(
      (changes) => changes.every((c) => c.op === 'put'),
      'An import only adds rows; it never removes any.',
    ),
});
export type ImportRowsArgs = z.input<typeof ImportRowsArgs>;

type IdsByTable = { [T in WritableTable]?: string[] };

function idsByTable(changes: readonly RowChange[]): IdsByTable {
  const ids: IdsByTable = {};
  for (const change of changes) {
    if (change.op !== 'put') continue;
    const list = ids[change.table] ?? [];
    list.push(change.row.id);
    ids[change.table] = list;
  }
  return ids;
}

function existing(rows: RowsByTable | undefined): Set<string> {
  const keys = new Set<string>();
  for (const [table, list] of Object.entries(rows ?? {})) {
    for (const row of list ?? []) keys.add(`${table}:${row.id}`);
  }
  return keys;
}

/** Puts the rows whose ids the store does not have yet (managers and admins). */
export const importRows = defineMutator({
  args: ImportRowsArgs,
  action: 'import the desk',
  reads: (args) => ({ rowsById: idsByTable(args.changes) }),
  run(rows, args) {
    requireManager(rows.actor ?? null, "the desk's data by importing it");
    const present = existing(rows.rowsById);
    const changes: RowChange[] = [];
    for (const change of args.changes) {
      if (change.op !== 'put') continue;
      const key = `${change.table}:${change.row.id}`;
      if (present.has(key)) continue;
      present.add(key);
      changes.push(change);
    }
    return changes;
  },
});
