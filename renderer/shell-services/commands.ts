/**
 * Commands for the palette (Ctrl/Cmd+K). Like shortcuts, features register what they offer while mounted;
 * a command may name the shortcut that does the same, which the palette shows beside it.
 */
import { useEffect, useRef, useSyncExternalStore } from 'react';

export interface Command {
  id: string;
  label: string;
  /** Heading in the palette: "Go to", "Time travel", "Case"… */
  group: string;
  /** Extra words the filter matches ("clock", "date"). */
  keywords?: readonly string[];
  /** Keys of the shortcut that does the same, as in the shortcut registry ("g q"). */
  shortcut?: string;
  run: () => void;
}

type Registered = Command & { order: number };

const registry = new Map<string, Registered>();
const listeners = new Set<() => void>();
let snapshot: readonly Command[] = [];
let order = 0;

function changed() {
  snapshot = [...registry.values()].sort((a, b) => a.order - b.order);
  for (const listener of [...listeners]) listener();
}

export function registerCommand(command: Command): () => void {
  const entry = { ...command, order: order++ };
  registry.set(command.id, entry);
  changed();
  return () => {
    if (registry.get(command.id) === entry) {
      registry.delete(command.id);
      changed();
    }
  };
}

/** Registers while mounted; `run` may change between renders without re-registering. */
export function useCommand(command: Command): void {
  const run = useRef(command.run);
  run.current = command.run;
  const { id, label, group, shortcut } = command;
  const keywords = command.keywords?.join(' ');
  useEffect(
    () =>
      registerCommand({
        id,
        label,
        group,
        ...(keywords ? { keywords: keywords.split(' ') } : {}),
        ...(shortcut ? { shortcut } : {}),
        run: () => run.current(),
      }),
    [id, label, group, keywords, shortcut],
  );
}

export function useCommandList(): readonly Command[] {
  return useSyncExternalStore(
    (onChange) => {
      listeners.add(onChange);
      return () => listeners.delete(onChange);
    },
    () => snapshot,
  );
}
