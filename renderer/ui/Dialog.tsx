/**
 * A modal dialog with a title (required: screen readers announce it) and an optional description. Radix keeps
 * focus inside, restores it on close and closes on Escape.
 */
import * as RadixDialog from '@radix-ui/react-dialog';
import type { ReactNode } from 'react';
import { cx } from './cx';
import styles from './Dialog.module.css';
import { CloseIcon } from './icons';

export interface DialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: ReactNode;
  description?: ReactNode;
  /** Hide the title visually (it is still announced), for dialogs whose content explains itself. */
  hideTitle?: boolean;
  width?: 'sm' | 'md' | 'lg';
  className?: string;
  children: ReactNode;
}

export function Dialog({
  open,
  onOpenChange,
  title,
  description,
  hideTitle,
  width = 'md',
  className,
  children,
}: DialogProps) {
  return (
    <RadixDialog.Root open={open} onOpenChange={onOpenChange}>
      <RadixDialog.Portal>
        <RadixDialog.Overlay className={styles.overlay} />
        <RadixDialog.Content
          className={cx(styles.content, styles[width], className)}
          {...(description ? {} : { 'aria-describedby': undefined })}
        >
          {hideTitle ? (
            // Without a visible header there is no close button either: Escape closes, and focus starts on the content.
            <RadixDialog.Title className="visually-hidden">{title}</RadixDialog.Title>
          ) : (
            <header className={styles.header}>
              <RadixDialog.Title className={styles.title}>{title}</RadixDialog.Title>
              <RadixDialog.Close className={styles.close} aria-label="Close">
                <CloseIcon />
              </RadixDialog.Close>
            </header>
          )}
          {description ? (
            <RadixDialog.Description className={styles.description}>{description}</RadixDialog.Description>
          ) : null}
          {children}
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}
