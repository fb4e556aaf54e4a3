import { describe, expect, it } from 'vitest';
import { contentDisposition, createDownloadShelf } from './downloads';

const file = { fileName: 'Outstanding cases.pdf', contentType: 'application/pdf', bytes: new Uint8Array(10) };

describe('download shelf', () => {
  it('serves an export once, at an unguessable path', () => {
    const shelf = createDownloadShelf();
    const path = shelf.offer(file);
    expect(path).toMatch(/^\/exports\/[0-9a-f]{32}$/);
    expect(shelf.offer(file)).not.toBe(path);
    expect(shelf.take(path)).toEqual(file);
    expect(shelf.take(path)).toBeNull();
    expect(shelf.take('/exports/../settings.json')).toBeNull();
  });

  it('forgets exports nobody fetched in time, and the oldest when it is full', () => {
    let now = 0;
    const shelf = createDownloadShelf({ ttlMs: 1000, maxBytes: 25, now: () => now });
    const old = shelf.offer(file);
    now = 1000;
    expect(shelf.take(old)).toBeNull();
    const first = shelf.offer(file);
    const second = shelf.offer(file);
    const third = shelf.offer(file);
    expect(shelf.take(first)).toBeNull();
    expect(shelf.take(second)).not.toBeNull();
    expect(shelf.take(third)).not.toBeNull();
  });
});

describe('contentDisposition', () => {
  it('names the file for every browser, without letting the name break the header', () => {
    expect(contentDisposition('Register – März "1".pdf')).toBe(
      `attachment; filename="Register _ M_rz _1_.pdf"; filename*=UTF-8''Register%20%E2%80%93%20M%C3%A4rz%20%221%22.pdf`,
    );
  });
});
