// What the shell offers every view: hash routes, the action registry (keys, palette, shortcut list), toasts.
export { ActionButton } from './ActionButton';
export {
  byGroup,
  paletteActions,
  type RegisteredAction,
  shortcutActions,
  useAction,
  useActions,
} from './actions';
export { linkTo, navigate, path, useLocation } from './router';
export { displayKeys, installShortcutListener } from './shortcuts';
export { notify, Toasts } from './toasts';
