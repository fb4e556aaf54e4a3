import type { ReactNode } from 'react';
import { displayKeys } from '../shell-services/shortcuts';
import { KeyboardIcon, SearchIcon } from '../ui/icons';
import { Kbd } from '../ui/Kbd';
import styles from './App.module.css';

export function TopBar({
  onOpenPalette,
  onOpenShortcuts,
  clock,
}: {
  onOpenPalette: () => void;
  onOpenShortcuts: () => void;
  clock: ReactNode;
}) {
  return (
    <header className={styles.topBar}>
      <button type="button" className={styles.paletteButton} onClick={onOpenPalette}>
        <SearchIcon size={15} />
        <span className={styles.paletteText}>Search or run a command…</span>
        <Kbd keys={displayKeys('mod+k')} />
      </button>
      <div className={styles.topBarRight}>
        {clock}
        <button
          type="button"
          className={styles.iconButton}
          onClick={onOpenShortcuts}
          aria-label="Keyboard shortcuts"
          title="Keyboard shortcuts (?)"
        >
          <KeyboardIcon size={17} />
        </button>
      </div>
    </header>
  );
}
