/**
 * The mail blob store: raw messages and attachments as files named by the sha256 of their bytes, under
 * <data>/mail-blobs/ab/cdef…. The same bytes are kept once however often they arrive; a file is written beside
 * its final name and renamed into place, so a crash never leaves half a blob under a real id.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { BlobSink } from './types';

export interface BlobStore extends BlobSink {
  /** The file of a blob (it may not exist). */
  path(blobId: string): string;
  /** The bytes, or null when this computer does not have them. */
  read(blobId: string): Promise<Uint8Array | null>;
  /** The first `limit` bytes and the whole size, or null. */
  readHead(blobId: string, limit: number): Promise<{ bytes: Uint8Array; size: number } | null>;
  has(blobId: string): Promise<boolean>;
}

const BLOB_ID = /^[0-9a-f]{64}$/;

export function createBlobStore(root: string): BlobStore {
  const path = (blobId: string) => {
    if (!BLOB_ID.test(blobId)) throw new Error(`"${blobId}" is not a blob id.`);
    return join(root, blobId.slice(0, 2), blobId.slice(2));
  };
  const has = async (blobId: string) => {
    try {
      await stat(path(blobId));
      return true;
    } catch {
      return false;
    }
  };

  return {
    path,
    has,
    async put(bytes) {
      const blobId = createHash('sha256').update(bytes).digest('hex');
      const file = path(blobId);
      if (await has(blobId)) return blobId;
      await mkdir(join(root, blobId.slice(0, 2)), { recursive: true });
      const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
      try {
        const handle = await open(temp, 'w', 0o600);
        try {
          await handle.writeFile(bytes);
          await handle.sync();
        } finally {
          await handle.close();
        }
        await rename(temp, file);
      } catch (error) {
        await rm(temp, { force: true });
        throw error;
      }
      return blobId;
    },
    async read(blobId) {
      try {
        return new Uint8Array(await readFile(path(blobId)));
      } catch (error) {
        if (isMissing(error)) return null;
        throw error;
      }
    },
    async readHead(blobId, limit) {
      let handle: Awaited<ReturnType<typeof open>>;
      try {
        handle = await open(path(blobId), 'r');
      } catch (error) {
        if (isMissing(error)) return null;
        throw error;
      }
      try {
        const { size } = await handle.stat();
        const buffer = Buffer.alloc(Math.min(size, limit));
        await handle.read(buffer, 0, buffer.length, 0);
        return { bytes: new Uint8Array(buffer), size };
      } finally {
        await handle.close();
      }
    },
  };
}

function isMissing(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'ENOENT';
}
