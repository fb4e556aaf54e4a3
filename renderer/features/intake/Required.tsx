import type { ReactNode } from 'react';
import styles from './Intake.module.css';

/** A question's label with the star that says it must be answered (the star itself is not read out). */
export function Required({ children }: { children: ReactNode }) {
  return (
    <>
      {children}
      <span aria-hidden="true" className={styles.required}>
        {' '}
        *
      </span>
    </>
  );
}
