/**
 * A toolbar button for a registered action: its words, keys, condition and run come from the registry, so the
 * button, the keys, the palette and the shortcut list cannot drift apart.
 */
import type { ReactNode } from 'react';
import { Button, type ButtonProps } from '../ui/Button';
import { Kbd } from '../ui/Kbd';
import { applies, useRegisteredAction } from './actions';
import { displayKeys } from './shortcuts';

export interface ActionButtonProps {
  /** The action's id, as declared with `useAction`. */
  action: string;
  icon?: ReactNode;
  variant?: ButtonProps['variant'];
  /** Shown but not usable now (assigning to me a case that is mine): the action still says what it is. */
  disabled?: boolean;
}

/** Nothing while the action is not registered or does not apply (its `when`). */
export function ActionButton({ action: id, icon, variant, disabled }: ActionButtonProps) {
  const action = useRegisteredAction(id);
  if (action === undefined || !applies(action)) return null;
  const keys = action.keys[0]?.keys;
  return (
    <Button size="sm" variant={variant} disabled={disabled} title={action.label} onClick={() => action.run()}>
      {icon} {action.button ?? action.label}
      {keys !== undefined ? <Kbd keys={displayKeys(keys)} /> : null}
    </Button>
  );
}
