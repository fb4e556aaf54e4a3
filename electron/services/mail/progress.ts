/**
 * How far Desk has read each mailbox folder: its UIDVALIDITY and the highest UID below which every message is
 * processed (its case change committed and the message flagged or moved). Kept in the data folder, replaced
 * atomically, so a restart or a night offline catches up from there; a new UIDVALIDITY starts over.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { writeFileAtomic } from '../atomic-file';

export interface FolderProgress {
  /** As the server said it (a 32-bit number kept as text). */
  uidValidity: string;
  processedUid: number;
}

export interface ProgressStore {
  get(folderKey: string): FolderProgress | null;
  set(folderKey: string, progress: FolderProgress): void;
}

const ProgressFile = z.object({
  version: z.literal(1),
  folders: z.record(z.string(), z.object({ uidValidity: z.string(), processedUid: z.number().int().min(0) })),
});
type ProgressFile = z.infer<typeof ProgressFile>;

export function openProgressStore(file: string): ProgressStore {
  let contents = load(file);
  return {
    get: (folderKey) => contents.folders[folderKey] ?? null,
    set(folderKey, progress) {
      const current = contents.folders[folderKey];
      if (current?.uidValidity === progress.uidValidity && current.processedUid === progress.processedUid)
        return;
      contents = { ...contents, folders: { ...contents.folders, [folderKey]: progress } };
      writeFileAtomic(file, `${JSON.stringify(contents, null, 2)}\n`);
    },
  };
}

/** A missing or unreadable file is an empty one: the worst case is a re-scan of unflagged messages (no duplicates). */
function load(file: string): ProgressFile {
  try {
    return ProgressFile.parse(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    return { version: 1, folders: {} };
  }
}

/** One folder of one account on one server. */
export function folderKey(server: { host: string; port: number; user: string; folder: string }): string {
  return `${server.user}@${server.host}:${server.port}/${server.folder}`;
}
