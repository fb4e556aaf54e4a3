/**
 * Starting team sync on an open store that belongs to a server: the engine (renderer/sync) with the bridge's
 * transport, nudged when the shell signs in again or its event stream comes back, its state fed to the status
 * area, and a notice for each change the server refuses. And the app clock on the server's time.
 */

import type { TravelClock } from '../clock';
import type { CaseStore } from '../db';
import { desk } from '../platform/bridge';
import { bridgeSyncTransport } from '../platform/sync-transport';
import { notify } from '../shell-services/toasts';
import { setEngineState, useSyncStore } from './sync-status';

/** Starts the engine on the store; resolves with the function that stops it. */
export async function startSync(store: CaseStore): Promise<() => void> {
  const [{ createSyncEngine }, { countProblems }] = await Promise.all([
    import('../sync/engine'),
    import('../sync/problems'),
  ]);
  const engine = createSyncEngine({
    store,
    transport: bridgeSyncTransport(),
    clientGroupId: store.clientGroupId,
  });
  // Problems listed before this start are in the status bar already; only new ones get a notice.
  let problems = await countProblems(store);
  const unsubscribe = engine.subscribe((state) => {
    setEngineState(state);
    if (state.problems > problems) {
      notify({
        tone: 'error',
        title: 'The desk server refused a change',
        description: `${state.problems === 1 ? 'One change was' : `${state.problems} changes were`} not accepted: see Sync problems in the status bar to retry or discard.`,
      });
    }
    problems = state.problems;
  });
  // The shell's session and event stream: sync as soon as it can again (signed in anew, back online).
  let before = useSyncStore.getState().service;
  const unwatch = useSyncStore.subscribe(({ service }) => {
    const cameBack =
      service !== null &&
      ((service.signedIn && before?.signedIn === false) || (service.online && before?.online === false));
    before = service;
    if (cameBack) engine.syncNow();
  });
  setEngineState(engine.state());
  engine.start();
  return () => {
    unwatch();
    unsubscribe();
    engine.stop();
    setEngineState(null);
  };
}

/**
 * The Date header the offset is measured from has whole seconds, so an offset under a second says nothing:
 * the clock follows the server only by offsets it can really see, and moves only when they change by as much.
 */
const RESOLUTION_MS = 1000;
const REMEASURE_MS = 60_000;

/** While connected: the app clock follows the real time by the server's clock; returns the stop. */
export function keepServerTime(clock: TravelClock): () => void {
  let applied = 0;
  clock.followServer(applied);
  let stopped = false;
  const measure = async () => {
    try {
      const offset = await desk.getClockOffset();
      const wanted =
        offset.source === 'server' && Math.abs(offset.offsetMs) >= RESOLUTION_MS ? offset.offsetMs : 0;
      if (!stopped && Math.abs(wanted - applied) >= RESOLUTION_MS) {
        applied = wanted;
        clock.followServer(wanted);
      }
    } catch {
      // The shell is out of reach for a moment: keep the offset we have.
    }
  };
  const timer = setInterval(measure, REMEASURE_MS);
  const unwatch = useSyncStore.subscribe((state, previous) => {
    if (state.service !== previous.service) void measure();
  });
  void measure();
  return () => {
    stopped = true;
    clearInterval(timer);
    unwatch();
  };
}
