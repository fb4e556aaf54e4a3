import styles from './Kbd.module.css';

/** A key or key sequence as the person presses it: `<Kbd keys={['Ctrl', 'K']} />`; "then" joins a sequence. */
export function Kbd({ keys, className }: { keys: readonly string[]; className?: string }) {
  return (
    <span className={className ? `${styles.combo} ${className}` : styles.combo}>
      {keys.map((key, index) =>
        key === 'then' ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: a key sequence never reorders, and keys repeat ("g g").
          <span key={index} className={styles.then}>
            then
          </span>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: as above.
          <kbd key={index} className={styles.key}>
            {key}
          </kbd>
        ),
      )}
    </span>
  );
}
