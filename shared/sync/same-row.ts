/**
 * Whether two rows hold the same data, whatever order their keys were written in (a row that went through
 * zod, IndexedDB or PostgreSQL's jsonb comes back with its keys reordered). A key whose value is undefined
 * counts as absent, as it does once the row is sent as JSON.
 */
export function sameRow(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => sameRow(item, b[i]));
  }
  const left = definedKeys(a as Record<string, unknown>);
  const right = definedKeys(b as Record<string, unknown>);
  if (left.length !== right.length) return false;
  return left.every(
    (key) =>
      Object.hasOwn(b, key) &&
      sameRow((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]),
  );
}

function definedKeys(row: Record<string, unknown>): string[] {
  return Object.keys(row).filter((key) => row[key] !== undefined);
}
