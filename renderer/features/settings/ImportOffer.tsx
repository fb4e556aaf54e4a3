/**
 * A standalone desk joining an empty desk server: once the first sync shows the server has no cases and this
 * computer's own desk has some, offer to copy them. The copy is queued as `importRows` changes in the
 * connected store's outbox (the sync engine sends them like any other change) with a progress bar; managers
 * and admins only, as the server checks.
 */
import { useEffect, useState } from 'react';
import { managesDesk } from '../../../shared/sync/permissions';
import { STANDALONE_STORE, useCaseStore, useStoreTarget } from '../../case-store/case-store';
import { hasStandaloneStore } from '../../case-store/local-stores';
import { useOutboxCount } from '../../case-store/outbox';
import { useStoreQuery } from '../../case-store/store-query';
import { useSyncEngine } from '../../case-store/sync-status';
import type { CaseStore } from '../../db';
import { Button } from '../../ui/Button';
import styles from './Settings.module.css';

const count = new Intl.NumberFormat('en-GB');

type Copying =
  | { state: 'idle' }
  | { state: 'queueing'; queued: number }
  | { state: 'failed'; message: string };

export function ImportOffer() {
  const { store } = useCaseStore();
  const target = useStoreTarget();
  const engine = useSyncEngine();
  const outbox = useOutboxCount() ?? 0;
  const [copying, setCopying] = useState<Copying>({ state: 'idle' });
  const [standaloneCases, setStandaloneCases] = useState<number | null>(null);
  const firstSyncDone = engine !== null && engine.initialSync === null && engine.lastSyncedAt !== null;

  const here = useStoreQuery(
    async (opened) => {
      const { importStateOf } = await import('../../db');
      const [firstCase, imported, person] = await Promise.all([
        opened.db.cases.limit(1).primaryKeys(),
        importStateOf(opened),
        target?.personId ? opened.db.people.get(target.personId) : undefined,
      ]);
      return {
        serverHasCases: firstCase.length > 0,
        imported,
        // Unknown until the directory arrives: the server has the last word anyway.
        mayImport: person === undefined || managesDesk(person),
      };
    },
    [target?.personId],
    { tables: ['cases', 'people'], throttleMs: 500 },
  );

  const offerable = firstSyncDone && here !== undefined && (!here.serverHasCases || here.imported !== null);
  useEffect(() => {
    if (!offerable || store === null) return;
    let current = true;
    countStandaloneCases(store).then(
      (cases) => current && setStandaloneCases(cases),
      () => current && setStandaloneCases(0),
    );
    return () => {
      current = false;
    };
  }, [offerable, store]);

  if (!offerable || store === null || here === undefined) return null;
  const { imported } = here;

  if (imported?.status === 'queued' && copying.state !== 'queueing') {
    return (
      <div className={styles.infoNote} role="status" data-testid="import-progress">
        {outbox > 0 ? (
          <>
            <p>
              Copying this computer's desk to the server: {count.format(outbox)}{' '}
              {outbox === 1 ? 'change' : 'changes'} still to send.
            </p>
            <progress max={Math.max(imported.queued, outbox)} value={Math.max(0, imported.queued - outbox)} />
          </>
        ) : (
          <p>This computer's desk has been copied to the server.</p>
        )}
      </div>
    );
  }
  if (!standaloneCases) return null;

  const copy = async () => {
    setCopying({ state: 'queueing', queued: 0 });
    const [{ openCaseStore }, { queueImport }] = await Promise.all([
      import('../../db/store'),
      import('../../db'),
    ]);
    let source: CaseStore | null = null;
    try {
      source = await openCaseStore({ name: STANDALONE_STORE, clock: store.clock });
      await queueImport(store, source, { onProgress: (queued) => setCopying({ state: 'queueing', queued }) });
      setCopying({ state: 'idle' });
    } catch (error) {
      setCopying({
        state: 'failed',
        message: `The copy stopped (${error instanceof Error ? error.message : String(error)}). Nothing is lost: copy again to carry on where it stopped.`,
      });
    } finally {
      source?.db.close();
    }
  };

  return (
    <div className={styles.infoNote} data-testid="import-offer">
      <p>
        The desk server has no cases yet, and this computer's own desk has {count.format(standaloneCases)}.{' '}
        {here.mayImport
          ? 'Copy them to the server so the whole team works from them?'
          : 'Only a manager or an admin can copy a desk to the server: ask yours to connect from their desk.'}
      </p>
      {here.mayImport ? (
        <Button variant="primary" onClick={copy} disabled={copying.state === 'queueing'}>
          {imported?.status === 'queueing' ? 'Finish copying' : "Copy this desk's cases to the server"}
        </Button>
      ) : null}
      {copying.state === 'queueing' ? (
        <p role="status">Preparing the copy: {count.format(copying.queued)} batches of rows queued…</p>
      ) : null}
      {copying.state === 'failed' ? (
        <p className={styles.problem} role="alert">
          {copying.message}
        </p>
      ) : null}
    </div>
  );
}

/** How many cases the standalone desk on this computer holds (0 when there is none; never creates one). */
async function countStandaloneCases(store: CaseStore): Promise<number> {
  if (!(await hasStandaloneStore())) return 0;
  const { openCaseStore } = await import('../../db/store');
  const standalone = await openCaseStore({ name: STANDALONE_STORE, clock: store.clock });
  try {
    return await standalone.db.cases.count();
  } finally {
    standalone.db.close();
  }
}
