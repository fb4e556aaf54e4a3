export { type Catalog, loadCatalog, useCatalog } from '../../desk-settings/catalog';
export { DESK_ROLES, type DeskRole, ROLE_LABELS, roleLabel } from '../../desk-settings/roles';
export {
  loadSettings,
  saveMe,
  startSettingsSync,
  useMe,
  useSettings,
} from '../../desk-settings/settings-store';
export { SettingsView } from './SettingsView';
