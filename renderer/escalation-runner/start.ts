/**
 * Starts the escalation work for the app's store (`openForApp` calls it): the runner, this desktop's
 * notifications through the shell, the report offer for the banner, and clicks on notifications.
 */
import type { Delivery } from '../../shared/notify';
import type { MovableClock } from '../../shared/time';
import type { CaseStore } from '../db';
import { useSettingsStore } from '../desk-settings/settings-store';
import { desk } from '../platform/bridge';
import { navigate, path } from '../shell-services/router';
import { type ContextSource, contextSource } from './desk-context';
import { createNotifier } from './notifier';
import { REPORT_OFFER_KEY, type ReportOffer, useReportOfferStore } from './report-offer';
import { startEscalationRunner } from './runner';

export function startEscalations(store: CaseStore, clock: MovableClock): () => void {
  const context = contextSource(store.db);
  /** Notification tag -> the route it opens, for clicks (Electron; the browser host only logs them). */
  const routes = new Map<string, string>();
  const show = async (delivery: Delivery) => {
    routes.set(delivery.tag, delivery.route);
    await desk.showNotification({ title: delivery.title, body: delivery.body, tag: delivery.tag });
  };
  const me = () => whoAmI(context);
  const notifier = createNotifier({ store, context, me, show });
  const runner = startEscalationRunner(store, clock, {
    context,
    notifier,
    onReport: (offer) => useReportOfferStore.setState({ offer }),
  });

  const dismiss = () => {
    const offer = useReportOfferStore.getState().offer;
    if (offer === null) return;
    const dismissed: ReportOffer = { ...offer, dismissed: true };
    useReportOfferStore.setState({ offer: dismissed });
    store.db.meta
      .put({ key: REPORT_OFFER_KEY, value: dismissed })
      .catch((error) => console.error('Desk could not record the dismissed report', error));
  };
  useReportOfferStore.setState({ dismiss });
  store.db.meta.get(REPORT_OFFER_KEY).then(
    (stored) => {
      if (stored !== undefined && useReportOfferStore.getState().offer === null)
        useReportOfferStore.setState({ offer: stored.value as ReportOffer });
    },
    (error) => console.error('Desk could not read the last scheduled report', error),
  );

  const refreshMe = () => {
    me().then(
      (id) => useReportOfferStore.setState({ me: id }),
      (error) => console.error('Desk could not find you in the directory', error),
    );
  };
  refreshMe();
  const stopSettings = useSettingsStore.subscribe((state, previous) => {
    if (state.settings?.me === previous.settings?.me) return;
    refreshMe();
    // Someone else now: deliver what waits for them.
    runner.wake();
  });
  const stopClicks = desk.onNotificationClicked(({ tag }) => {
    const route = tag === null ? undefined : routes.get(tag);
    if (route !== undefined) navigate(path(...route.split('/')));
  });

  return () => {
    runner.stop();
    stopSettings();
    stopClicks();
    useReportOfferStore.setState({ dismiss: null });
  };
}

const normalise = (text: string) => text.trim().toLowerCase().replace(/\s+/g, ' ');

/**
 * The directory id of the person Settings says uses this desktop ("who I am", matched by name as the store's
 * actor is); null when nobody has said, or the directory does not know them (yet).
 */
async function whoAmI(context: ContextSource): Promise<string | null> {
  const settings = await settingsLoaded();
  if (settings?.me == null) return null;
  const wanted = normalise(settings.me.name);
  const { directory } = await context.get();
  return directory.people.find((person) => normalise(person.name) === wanted)?.id ?? null;
}

function settingsLoaded(): Promise<ReturnType<typeof useSettingsStore.getState>['settings']> {
  const ready = (state: ReturnType<typeof useSettingsStore.getState>) =>
    state.settings !== null || state.loadError !== null;
  const current = useSettingsStore.getState();
  if (ready(current)) return Promise.resolve(current.settings);
  return new Promise((resolve) => {
    const stop = useSettingsStore.subscribe((state) => {
      if (!ready(state)) return;
      stop();
      resolve(state.settings);
    });
  });
}
