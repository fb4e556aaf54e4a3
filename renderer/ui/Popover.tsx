/** A popover panel anchored to its trigger (Radix: focus moves in, Escape and outside clicks close it). */
import * as RadixPopover from '@radix-ui/react-popover';
import type { ReactNode } from 'react';
import { cx } from './cx';
import styles from './Popover.module.css';

export interface PopoverProps {
  trigger: ReactNode;
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
  /** Names the panel for screen readers. */
  label: string;
  align?: 'start' | 'center' | 'end';
  className?: string;
  children: ReactNode;
}

export function Popover({
  trigger,
  open,
  onOpenChange,
  label,
  align = 'end',
  className,
  children,
}: PopoverProps) {
  return (
    <RadixPopover.Root {...(open === undefined ? {} : { open })} {...(onOpenChange ? { onOpenChange } : {})}>
      <RadixPopover.Trigger asChild>{trigger}</RadixPopover.Trigger>
      <RadixPopover.Portal>
        <RadixPopover.Content
          className={cx(styles.content, className)}
          align={align}
          sideOffset={6}
          collisionPadding={8}
          aria-label={label}
          role="dialog"
        >
          {children}
        </RadixPopover.Content>
      </RadixPopover.Portal>
    </RadixPopover.Root>
  );
}
