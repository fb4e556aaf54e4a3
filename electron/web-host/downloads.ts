/**
 * Finished exports waiting for the browser to fetch them: each under a random 128-bit id at /exports/<id>,
 * served once (then forgotten) and only for a few minutes. The id is the only key, like the host's token: it
 * reaches only the page that asked for the export (in the `exportFinished` event), over the token-checked
 * socket, and the host answers only on 127.0.0.1 with its own Host header.
 */
import { randomBytes } from 'node:crypto';
import type { DeliverPdf } from '../services/pdf';

export const DOWNLOAD_PATH_PREFIX = '/exports/';

export interface Download {
  fileName: string;
  contentType: string;
  bytes: Uint8Array;
}

export interface DownloadShelf {
  /** Keeps the file; returns the path the browser fetches it from. */
  offer(download: Download): string;
  /** The file for a request path, once; null for an unknown, taken or expired id. */
  take(path: string): Download | null;
}

export function createDownloadShelf(
  options: { ttlMs?: number; maxBytes?: number; now?: () => number } = {},
): DownloadShelf {
  const ttlMs = options.ttlMs ?? 5 * 60_000;
  const maxBytes = options.maxBytes ?? 256 * 1024 * 1024;
  const now = options.now ?? Date.now;
  const shelf = new Map<string, { download: Download; until: number }>();

  const prune = () => {
    for (const [id, entry] of shelf) if (entry.until <= now()) shelf.delete(id);
    let total = 0;
    for (const entry of shelf.values()) total += entry.download.bytes.length;
    // Oldest first (Map order) until the shelf fits.
    for (const [id, entry] of shelf) {
      if (total <= maxBytes) break;
      shelf.delete(id);
      total -= entry.download.bytes.length;
    }
  };

  return {
    offer(download) {
      const id = randomBytes(16).toString('hex');
      shelf.set(id, { download, until: now() + ttlMs });
      prune();
      return `${DOWNLOAD_PATH_PREFIX}${id}`;
    },
    take(path) {
      prune();
      const id = path.startsWith(DOWNLOAD_PATH_PREFIX) ? path.slice(DOWNLOAD_PATH_PREFIX.length) : '';
      if (!/^[0-9a-f]{32}$/.test(id)) return null;
      const entry = shelf.get(id);
      shelf.delete(id);
      return entry?.download ?? null;
    },
  };
}

/** The browser host's `deliver`: the PDF waits on the shelf for the page to download it. */
export function downloadDelivery(shelf: DownloadShelf): DeliverPdf {
  return async ({ fileName, bytes, pages }) => {
    const url = shelf.offer({ fileName, contentType: 'application/pdf', bytes });
    return { status: 'download', fileName, url, pages, bytes: bytes.length };
  };
}

/** `attachment; filename="…"; filename*=UTF-8''…`: a plain ASCII name for old clients, the real one for the rest. */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
