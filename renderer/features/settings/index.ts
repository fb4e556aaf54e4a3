export { type Catalog, loadCatalog, useCatalog } from './catalog';
export { DESK_ROLES, type DeskRole, ROLE_LABELS, roleLabel } from './roles';
export { SettingsView } from './SettingsView';
export { loadSettings, saveMe, startSettingsSync, useMe, useSettings } from './settings-store';
