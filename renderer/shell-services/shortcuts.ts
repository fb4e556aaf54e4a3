/**
 * The keyboard layer: one keydown listener runs the registered actions' keys (actions.ts).
 *
 * Keys: a single key as `KeyboardEvent.key` reports it ("?", "j", "Enter", "/"), modifiers joined with "+"
 * ("mod+k": Ctrl on Windows/Linux, Cmd on macOS), or a two-key sequence separated by a space ("g q").
 * Plain keys do not fire while typing in a field or inside a dialog; modifier chords do.
 */
import { actionStore, applies } from './actions';

const SEQUENCE_TIMEOUT_MS = 1200;

const isMac = () => /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

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
  // Only an element types (not the window; nor a unit test's bare event, where there is no DOM).
  if (typeof HTMLElement === 'undefined' || !(target instanceof HTMLElement)) return false;
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

    const actions = actionStore.getState().actions;
    for (const action of actions) {
      for (const binding of action.keys) {
        const strokes = binding.keys.split(' ');
        const modChord = parseStroke(strokes[0] ?? '').mod;
        if (typing && !modChord) continue;
        if (strokes.length === 2) {
          if (sequence === null || strokes[0] !== sequence || !matches(parseStroke(strokes[1]!), event))
            continue;
        } else if (!matches(parseStroke(strokes[0]!), event)) continue;
        if ((binding.when && !binding.when()) || !applies(action)) continue;
        event.preventDefault();
        action.run();
        return;
      }
    }

    const startsSequence =
      !typing &&
      actions.some((action) =>
        action.keys.some(({ keys }) => keys.split(' ').length === 2 && keys.split(' ')[0] === event.key),
      );
    if (startsSequence) pending = { first: event.key, at: event.timeStamp };
  };

  target.addEventListener('keydown', onKeyDown);
  return () => target.removeEventListener('keydown', onKeyDown);
}
