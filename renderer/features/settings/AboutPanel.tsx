/** Which shell runs the app and where its pieces stand: what support asks first. */
import { useEffect, useState } from 'react';
import type { AppInfo, SecretStatus } from '../../../shared/ipc/schemas';
import { desk, useHostConnection } from '../../platform/bridge';
import styles from './Settings.module.css';
import { SettingsPanel } from './SettingsPanel';

export function AboutPanel() {
  const connection = useHostConnection();
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [secrets, setSecrets] = useState<SecretStatus | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    if (connection !== 'online') return;
    Promise.all([desk.getAppInfo(), desk.getSecretStatus()]).then(
      ([appInfo, secretStatus]) => {
        setInfo(appInfo);
        setSecrets(secretStatus);
      },
      (error: unknown) => setProblem(error instanceof Error ? error.message : String(error)),
    );
  }, [connection]);

  return (
    <SettingsPanel title="About this app">
      {problem ? (
        <p className={styles.problem} role="alert">
          {problem}
        </p>
      ) : null}
      {info ? (
        <dl className={styles.facts}>
          <dt>Version</dt>
          <dd>
            {info.name} {info.version}
          </dd>
          <dt>Shell</dt>
          <dd>
            {info.electron
              ? `Desktop app (Electron ${info.electron}, Chromium ${info.chrome})`
              : 'Browser host (npm run web)'}
          </dd>
          <dt>Runtime</dt>
          <dd>
            Node {info.node} on {info.platform} {info.arch}
          </dd>
          <dt>Passwords</dt>
          <dd>
            {secrets
              ? secrets.available
                ? `Stored with ${secrets.backend}`
                : (secrets.reason ?? 'Unavailable')
              : '…'}
          </dd>
        </dl>
      ) : (
        <p className={styles.muted}>Asking the shell…</p>
      )}
    </SettingsPanel>
  );
}
