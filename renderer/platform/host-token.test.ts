import { describe, expect, it } from 'vitest';
import { takeHostToken } from './host-token';

function place(href: string, stored: string | null = null) {
  const storage = new Map<string, string>(stored === null ? [] : [['desk.hostToken', stored]]);
  const replaced: string[] = [];
  return {
    replaced,
    storage,
    place: {
      location: { href },
      history: {
        state: null,
        replaceState: (_state: unknown, _title: string, url?: string | URL | null) =>
          replaced.push(String(url)),
      },
      storage: {
        getItem: (k: string) => storage.get(k) ?? null,
        setItem: (k: string, v: string) => void storage.set(k, v),
      },
    },
  };
}

const TOKEN = '0123456789abcdef0123456789abcdef';

describe('takeHostToken', () => {
  it('takes the token from the address, keeps it for reloads, and removes it from the address bar', () => {
    const p = place(`http://127.0.0.1:5178/?token=${TOKEN}&now=2026-03-02T09:30:00Z#/settings`);
    expect(takeHostToken(p.place)).toBe(TOKEN);
    expect(p.replaced).toEqual(['http://127.0.0.1:5178/?now=2026-03-02T09%3A30%3A00Z#/settings']);
    expect(p.storage.get('desk.hostToken')).toBe(TOKEN);
  });

  it('uses the kept token after a reload', () => {
    const p = place('http://127.0.0.1:5178/#/queue', TOKEN);
    expect(takeHostToken(p.place)).toBe(TOKEN);
    expect(p.replaced).toEqual([]);
  });

  it('removes but does not keep a token that is not one', () => {
    const p = place('http://127.0.0.1:5178/?token=<script>');
    expect(takeHostToken(p.place)).toBeNull();
    expect(p.replaced).toEqual(['http://127.0.0.1:5178/']);
    expect(p.storage.size).toBe(0);
  });
});
