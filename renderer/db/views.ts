export { DEFAULT_SAVED_VIEWS } from '../../shared/sync/default-views';
