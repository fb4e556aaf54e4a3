/**
 * The desk's actions, each declared once (id, label, keys, when it applies, run). The keyboard layer
 * (shortcuts.ts), the command palette and the shortcut list all read this one registry, so an action's
 * label and keys are written in one place. Features declare theirs with `useAction` while mounted.
 */
import { useEffect, useRef } from 'react';
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';

export interface KeyBinding {
  /** "j", "mod+k" (Ctrl, or ⌘ on a Mac), "g q" (g then q): see shortcuts.ts. */
  keys: string;
  /**
   * The key is taken only when this says so (checked as it is pressed): Enter and the arrows belong to the
   * queue only while its grid has the focus, and stay the buttons' and lists' everywhere else.
   */
  when?: () => boolean;
}

export interface Action {
  id: string;
  /** What it does, the same words in the palette and the shortcut list; "…" when it opens a dialog. */
  label: string;
  /** The shorter words of its toolbar button (`ActionButton`), "Status…" for "Change the status…". */
  button?: string;
  /** Heading it is listed under, in the palette and the shortcut list alike: "Navigation", "Queue", "Case"… */
  group: string;
  /** The keys that run it: one ("s"), or several that do the same, each with its own condition. */
  keys?: string | readonly KeyBinding[];
  /** Extra words the palette's filter matches ("clock", "date"). */
  keywords?: readonly string[];
  /** Whether it applies right now: when false it is neither listed anywhere nor run by its keys. */
  when?: () => boolean;
  /** False for what only makes sense from the keyboard (moving through a list): kept out of the palette. */
  palette?: boolean;
  run: () => void;
}

/** An action as the registry holds it: its keys always as a list. */
export interface RegisteredAction extends Omit<Action, 'keys'> {
  keys: readonly KeyBinding[];
}

export const actionStore = createStore<{ actions: readonly RegisteredAction[] }>(() => ({ actions: [] }));

function bindingsOf(keys: Action['keys']): readonly KeyBinding[] {
  if (keys === undefined) return [];
  return typeof keys === 'string' ? [{ keys }] : keys;
}

/** Registers an action; a later one with the same id replaces it. Returns the unregister function. */
export function registerAction(action: Action): () => void {
  const entry: RegisteredAction = { ...action, keys: bindingsOf(action.keys) };
  actionStore.setState(({ actions }) => ({
    actions: [...actions.filter((other) => other.id !== action.id), entry],
  }));
  return () => {
    actionStore.setState(({ actions }) => ({ actions: actions.filter((other) => other !== entry) }));
  };
}

/** Registers while the component is mounted; `run` and the conditions may change between renders freely. */
export function useAction(action: Action): void {
  const latest = useRef(action);
  latest.current = action;
  const { id, label, button, group, palette } = action;
  const keywords = action.keywords?.join(' ');
  const conditional = action.when !== undefined;
  // The bindings as strings, so that a new array at each render does not re-register the action.
  const bindings = bindingsOf(action.keys);
  const keys = bindings.map((binding) => binding.keys).join('\n');
  const guarded = bindings.map((binding) => (binding.when ? '?' : '-')).join('');
  useEffect(() => {
    const latestWhen = (index: number) => bindingsOf(latest.current.keys)[index]?.when?.() ?? true;
    return registerAction({
      id,
      label,
      ...(button !== undefined ? { button } : {}),
      group,
      ...(palette === false ? { palette } : {}),
      ...(keywords ? { keywords: keywords.split(' ') } : {}),
      keys: (keys === '' ? [] : keys.split('\n')).map((stroke, index) => ({
        keys: stroke,
        ...(guarded[index] === '?' ? { when: () => latestWhen(index) } : {}),
      })),
      ...(conditional ? { when: () => latest.current.when?.() ?? true } : {}),
      run: () => latest.current.run(),
    });
  }, [id, label, button, group, palette, keys, guarded, keywords, conditional]);
}

/** The registered action with this id, kept current (undefined until it is registered). */
export function useRegisteredAction(id: string): RegisteredAction | undefined {
  return useStore(actionStore, (state) => state.actions.find((action) => action.id === id));
}

export function applies(action: RegisteredAction): boolean {
  return action.when?.() ?? true;
}

/** What the palette offers now, in the order the actions were declared. */
export function paletteActions(actions: readonly RegisteredAction[]): RegisteredAction[] {
  return actions.filter((action) => action.palette !== false && applies(action));
}

/** What the shortcut list shows now: the actions that have keys. */
export function shortcutActions(actions: readonly RegisteredAction[]): RegisteredAction[] {
  return actions.filter((action) => action.keys.length > 0 && applies(action));
}

export function useActions(): readonly RegisteredAction[] {
  return useStore(actionStore, (state) => state.actions);
}

/** Actions by their group, groups in the order they first appear. */
export function byGroup(actions: readonly RegisteredAction[]): Map<string, RegisteredAction[]> {
  const groups = new Map<string, RegisteredAction[]>();
  for (const action of actions) groups.set(action.group, [...(groups.get(action.group) ?? []), action]);
  return groups;
}
