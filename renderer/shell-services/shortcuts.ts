/**
 * The keyboard shortcut registry. Features register what they handle (`useShortcut` while mounted, or
 * `registerShortcut` for the app's lifetime); one keydown listener runs them and the `?` dialog lists them.
 *
 * Keys: a single key as `KeyboardEvent.key` reports it ("?", "j", "Enter", "/"), modifiers joined with "+"
 * ("mod+k": Ctrl on Windows/Linux, Cmd on macOS), or a two-key sequence separated by a space ("g q").
 */
import { useEffect, useRef, useSyncExternalStore } from 'react';

export interface Shortcut {
  id: string;
  keys: string;
  /** What it does, as listed in the shortcuts dialog: "Go to the queue". */
  label: string;
  /** Heading it is listed under: "Navigation", "Queue", "Case"… */
  group: string;
  run: (event: KeyboardEvent) => void;
  /** Plain-key shortcuts do not fire while typing in a field or inside a dialog unless this is set. */
  whileTyping?: boolean;
  /**
   * Fires only when this says so (checked before the key is taken from the page): Enter and the arrow keys
   * belong to the queue only while it has the focus, and stay the buttons' and lists' everywhere else.
   */
  when?: (event: KeyboardEvent) => boolean;
}

type Registered = Shortcut & { order: number };

const registry = new Map<string, Registered>();
const listeners = new Set<() => void>();
let snapshot: readonly Shortcut[] = [];
let order = 0;
const SEQUENCE_TIMEOUT_MS = 1200;

const isMac = () => /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

function changed() {
  snapshot = [...registry.values()].sort((a, b) => a.order - b.order);
  for (const listener of [...listeners]) listener();
}

/** Registers a shortcut; a later registration with the same id replaces it. Returns the unregister function. */
export function registerShortcut(shortcut: Shortcut): () => void {
  const entry = { ...shortcut, order: order++ };
  registry.set(shortcut.id, entry);
  changed();
  return () => {
    if (registry.get(shortcut.id) === entry) {
      registry.delete(shortcut.id);
      changed();
    }
  };
}

/** Registers while the component is mounted; `run` may change between renders without re-registering. */
export function useShortcut(shortcut: Shortcut): void {
  const run = useRef(shortcut.run);
  run.current = shortcut.run;
  const when = useRef(shortcut.when);
  when.current = shortcut.when;
  const { id, keys, label, group, whileTyping } = shortcut;
  const conditional = shortcut.when !== undefined;
  useEffect(
    () =>
      registerShortcut({
        id,
        keys,
        label,
        group,
        ...(whileTyping ? { whileTyping } : {}),
        ...(conditional ? { when: (event: KeyboardEvent) => when.current?.(event) ?? true } : {}),
        run: (event) => run.current(event),
      }),
    [id, keys, label, group, whileTyping, conditional],
  );
}

export function useShortcutList(): readonly Shortcut[] {
  return useSyncExternalStore(
    (onChange) => {
      listeners.add(onChange);
      return () => listeners.delete(onChange);
    },
    () => snapshot,
  );
}

/** "mod+k" -> ["Ctrl", "K"] (or ["⌘", "K"] on a Mac); "g q" -> ["g", "then", "q"]. */
export function displayKeys(keys: string): string[] {
  const mac = isMac();
  return keys.split(' ').flatMap((stroke, index) => {
    const parts = stroke.split('+').map((part) => {
      if (part === 'mod') return mac ? '⌘' : 'Ctrl';
      if (part === 'shift') return mac ? '⇧' : 'Shift';
      if (part === 'alt') return mac ? '⌥' : 'Alt';
      if (part === 'ctrl') return 'Ctrl';
      return part.length === 1 && stroke.includes('+') ? part.toUpperCase() : part;
    });
    return index === 0 ? parts : ['then', ...parts];
  });
}

interface Stroke {
  mod: boolean;
  alt: boolean;
  shift: boolean;
  key: string;
}

function parseStroke(text: string): Stroke {
  const parts = text.split('+');
  const key = parts.pop() ?? '';
  return {
    mod: parts.includes('mod') || parts.includes('ctrl'),
    alt: parts.includes('alt'),
    shift: parts.includes('shift'),
    key,
  };
}

function matches(stroke: Stroke, event: KeyboardEvent): boolean {
  const mod = event.ctrlKey || event.metaKey;
  if (stroke.mod !== mod || stroke.alt !== event.altKey) return false;
  // Shift is part of printable keys ("?" is Shift+/), so it only counts for named keys and modifier chords.
  const printable = event.key.length === 1;
  if ((!printable || stroke.mod) && stroke.shift !== event.shiftKey) return false;
  return stroke.mod ? event.key.toLowerCase() === stroke.key.toLowerCase() : event.key === stroke.key;
}

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) {
    return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color'].includes(target.type);
  }
  return target.getAttribute('role') === 'combobox' || target.closest('[role="dialog"]') !== null;
}

/** Installs the one keydown listener; returns its removal. Called once by the app shell. */
export function installShortcutListener(target: Window = window): () => void {
  let pending: { first: string; at: number } | null = null;

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.defaultPrevented || event.isComposing || event.repeat) return;
    if (['Shift', 'Control', 'Meta', 'Alt'].includes(event.key)) return;
    const typing = isTyping(event.target);
    const sequence = pending && event.timeStamp - pending.at < SEQUENCE_TIMEOUT_MS ? pending.first : null;
    pending = null;

    for (const shortcut of snapshot) {
      const strokes = shortcut.keys.split(' ');
      const modChord = parseStroke(strokes[0] ?? '').mod;
      if (typing && !modChord && !shortcut.whileTyping) continue;
      if (strokes.length === 2) {
        if (sequence === null || strokes[0] !== sequence || !matches(parseStroke(strokes[1]!), event))
          continue;
      } else if (!matches(parseStroke(strokes[0]!), event)) continue;
      if (shortcut.when && !shortcut.when(event)) continue;
      event.preventDefault();
      shortcut.run(event);
      return;
    }

    const startsSequence =
      !typing && snapshot.some((s) => s.keys.split(' ').length === 2 && s.keys.split(' ')[0] === event.key);
    if (startsSequence) pending = { first: event.key, at: event.timeStamp };
  };

  target.addEventListener('keydown', onKeyDown);
  return () => target.removeEventListener('keydown', onKeyDown);
}
