/**
 * Stands in for `react-remove-scroll` (see renderer/vite.config.ts). Radix dialogs and menus lock page scrolling
 * with it, and it does so by injecting <style> elements, which the app's Content-Security-Policy (style-src
 * 'self', no inline styles) refuses, with a console error each time. The shell never scrolls the page itself
 * (only its panes scroll), so there is nothing to lock: this renders its children as the real one would.
 */
import type { ElementType, ReactNode, Ref } from 'react';

interface RemoveScrollProps {
  as?: ElementType;
  ref?: Ref<HTMLElement>;
  children?: ReactNode;
  className?: string;
  // The real component's options, accepted and ignored.
  enabled?: boolean;
  allowPinchZoom?: boolean;
  shards?: unknown[];
  removeScrollBar?: boolean;
  inert?: boolean;
  noIsolation?: boolean;
  noRelative?: boolean;
  gapMode?: string;
  forwardProps?: boolean;
}

export function RemoveScroll({
  as: Component = 'div',
  ref,
  children,
  enabled: _enabled,
  allowPinchZoom: _allowPinchZoom,
  shards: _shards,
  removeScrollBar: _removeScrollBar,
  inert: _inert,
  noIsolation: _noIsolation,
  noRelative: _noRelative,
  gapMode: _gapMode,
  forwardProps: _forwardProps,
  ...rest
}: RemoveScrollProps) {
  return (
    <Component ref={ref} {...rest}>
      {children}
    </Component>
  );
}

RemoveScroll.classNames = {
  fullWidth: 'width-before-scroll-bar',
  zeroRight: 'right-scroll-bar-position',
};
