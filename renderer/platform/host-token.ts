/**
 * The browser host's per-run token arrives in the address the host printed (`?token=…`). It is kept for this tab
 * only (sessionStorage survives a reload, not a new tab) and removed from the address bar at once, so it does not
 * end up in bookmarks, history or screenshots.
 */
const STORAGE_KEY = 'desk.hostToken';
const TOKEN = /^[0-9a-f]{16,128}$/;

export interface TokenPlace {
  location: Pick<Location, 'href'>;
  history: Pick<History, 'replaceState' | 'state'>;
  storage: Pick<Storage, 'getItem' | 'setItem'>;
}

export function takeHostToken({ location, history, storage }: TokenPlace): string | null {
  const url = new URL(location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl !== null) {
    url.searchParams.delete('token');
    history.replaceState(history.state, '', url.href);
    if (TOKEN.test(fromUrl)) {
      storage.setItem(STORAGE_KEY, fromUrl);
      return fromUrl;
    }
  }
  const kept = storage.getItem(STORAGE_KEY);
  return kept !== null && TOKEN.test(kept) ? kept : null;
}
