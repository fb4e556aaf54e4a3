export { createEventStream, type EventStream, type EventStreamOptions } from './events';
export { describeNetworkFailure, type Fetch } from './http';
export {
  createSyncService,
  normalizeServerUrl,
  SIGNED_OUT_MESSAGE,
  type SyncService,
  type SyncServiceOptions,
} from './service';
