import { linkTo, path } from '../shell-services/router';
import { displayKeys } from '../shell-services/shortcuts';
import { EmptyState } from '../ui/EmptyState';
import { Kbd } from '../ui/Kbd';
import { SlaLegend } from '../ui/SlaLegend';
import styles from './App.module.css';
import type { NavRoute } from './routes';

/** The panel a destination shows until its view is built: what it is for and what brings it. */
export function ComingSoon({ route }: { route: NavRoute }) {
  return (
    <div className={styles.comingSoon}>
      <h1 className="visually-hidden">{route.label}</h1>
      <EmptyState
        icon={route.icon}
        title={`${route.label} is coming`}
        actions={
          <a className={styles.textLink} {...linkTo(path('settings', 'policies'))}>
            See the policies it will follow
          </a>
        }
      >
        <p>{route.purpose}</p>
        {route.comingWith ? <p className={styles.comingWith}>Coming with {route.comingWith}.</p> : null}
        {route.id === 'queue' ? (
          <div className={styles.legendBox}>
            <SlaLegend />
          </div>
        ) : null}
        <p className={styles.hint}>
          Meanwhile, <Kbd keys={displayKeys('mod+k')} /> runs any command and <Kbd keys={['?']} /> lists
          shortcuts.
        </p>
      </EmptyState>
    </div>
  );
}
