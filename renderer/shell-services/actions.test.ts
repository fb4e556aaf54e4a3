import { afterEach, describe, expect, it, vi } from 'vitest';
import { type Action, actionStore, paletteActions, registerAction, shortcutActions } from './actions';
import { installShortcutListener } from './shortcuts';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function declare(action: Action) {
  cleanups.push(registerAction(action));
}

/** Presses a key on a bare event target, as the window would deliver it; says whether a shortcut took it. */
function press(key: string): boolean {
  const window = new EventTarget();
  // The listener only adds and removes itself, which a bare EventTarget does as the window would.
  cleanups.push(installShortcutListener(window as unknown as Window));
  const event = Object.assign(new Event('keydown', { cancelable: true }), {
    key,
    ctrlKey: false,
    metaKey: false,
    altKey: false,
    shiftKey: false,
    isComposing: false,
    repeat: false,
  });
  window.dispatchEvent(event);
  return event.defaultPrevented;
}

const labels = (actions: readonly { label: string }[]) => actions.map((action) => action.label);
const listed = () => actionStore.getState().actions;

describe('the action registry', () => {
  it('shows one declaration in the palette and the shortcut list with the same label, and its key runs it', () => {
    const run = vi.fn();
    declare({ id: 'case.status', label: 'Change the status…', group: 'Case', keys: 's', run });

    expect(labels(paletteActions(listed()))).toEqual(['Change the status…']);
    expect(labels(shortcutActions(listed()))).toEqual(['Change the status…']);
    expect(press('s')).toBe(true);
    expect(run).toHaveBeenCalledOnce();
  });

  it('neither lists nor runs an action whose `when` is false', () => {
    const run = vi.fn();
    let applies = false;
    declare({
      id: 'queue.clear',
      label: 'Clear the selection',
      group: 'Queue',
      keys: 'Escape',
      when: () => applies,
      run,
    });

    expect(paletteActions(listed())).toEqual([]);
    expect(shortcutActions(listed())).toEqual([]);
    expect(press('Escape')).toBe(false);
    expect(run).not.toHaveBeenCalled();

    applies = true;
    expect(labels(shortcutActions(listed()))).toEqual(['Clear the selection']);
    press('Escape');
    expect(run).toHaveBeenCalledOnce();
  });

  it('keeps a key with its own condition listed while the condition is false, but does not take the key', () => {
    const run = vi.fn();
    let gridFocused = false;
    declare({
      id: 'queue.next',
      label: 'Next case',
      group: 'Queue',
      keys: [{ keys: 'j' }, { keys: 'ArrowDown', when: () => gridFocused }],
      palette: false,
      run,
    });

    expect(paletteActions(listed())).toEqual([]);
    expect(shortcutActions(listed()).map((action) => action.keys.map((binding) => binding.keys))).toEqual([
      ['j', 'ArrowDown'],
    ]);
    expect(press('ArrowDown')).toBe(false);
    gridFocused = true;
    expect(press('ArrowDown')).toBe(true);
    expect(press('j')).toBe(true);
    expect(run).toHaveBeenCalledTimes(2);
  });

  it('lets a later declaration with the same id replace the earlier one, and forgets it once unmounted', () => {
    const first = vi.fn();
    const second = vi.fn();
    declare({ id: 'case.reply', label: 'Reply to the requester', group: 'Case', keys: 'r', run: first });
    const unregister = registerAction({
      id: 'case.reply',
      label: 'Reply to the requester',
      group: 'Case',
      keys: 'r',
      run: second,
    });

    press('r');
    expect(second).toHaveBeenCalledOnce();
    expect(first).not.toHaveBeenCalled();
    unregister();
    expect(listed()).toEqual([]);
  });
});
