/**
 * Hash routes (`#/queue`, `#/settings/calendars/uk-office`): they work the same under app://desk and the browser
 * host, survive a reload, and leave the query (`?now=`, `?demo-cases=`) to the features that read it.
 */
import { type MouseEvent, useSyncExternalStore } from 'react';

export interface Location {
  /** "/settings/calendars/uk-office" */
  path: string;
  /** ["settings", "calendars", "uk-office"] */
  segments: readonly string[];
}

const DEFAULT_PATH = '/queue';

function read(): Location {
  const raw = window.location.hash.replace(/^#/, '');
  const path = raw.startsWith('/') && raw.length > 1 ? raw : DEFAULT_PATH;
  const segments = path
    .split('/')
    .filter(Boolean)
    .map((segment) => {
      try {
        return decodeURIComponent(segment);
      } catch {
        return segment;
      }
    });
  return { path, segments };
}

let current = read();
const listeners = new Set<() => void>();

window.addEventListener('hashchange', () => {
  current = read();
  for (const listener of [...listeners]) listener();
});

export function navigate(path: string): void {
  if (path === current.path) return;
  window.location.hash = path;
}

/** `path('settings', 'calendars', id)` -> "/settings/calendars/<encoded id>" */
export function path(...segments: string[]): string {
  return `/${segments.map(encodeURIComponent).join('/')}`;
}

export function useLocation(): Location {
  return useSyncExternalStore(
    (onChange) => {
      listeners.add(onChange);
      return () => listeners.delete(onChange);
    },
    () => current,
  );
}

/** Props for an in-app link: a real href (middle-click, screen readers) that navigates without reloading. */
export function linkTo(target: string): { href: string; onClick: (event: MouseEvent) => void } {
  return {
    href: `#${target}`,
    onClick: (event) => {
      if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey)
        return;
      event.preventDefault();
      navigate(target);
    },
  };
}
