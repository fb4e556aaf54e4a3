import { SLA_TONES, SlaBadge, type SlaTone } from './SlaBadge';
import styles from './SlaBadge.module.css';

/** The four SLA states with what each means: for help panels and empty queues. */
export function SlaLegend() {
  return (
    <dl className={styles.legend} aria-label="How deadlines are shown">
      {(Object.keys(SLA_TONES) as SlaTone[]).map((tone) => (
        <div key={tone} className={styles.legendRow}>
          <dt>
            <SlaBadge tone={tone} />
          </dt>
          <dd>{SLA_TONES[tone].description}</dd>
        </div>
      ))}
    </dl>
  );
}
