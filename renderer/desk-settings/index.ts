// The shell's settings in the renderer (who I am, team server, mailbox), the desk roles, the presets catalog.
export { loadCatalog } from './catalog';
export { DESK_ROLES, isDeskRole, ROLE_LABELS, roleLabel } from './roles';
export { saveMe, startSettingsSync, useMe, useSettings, useSettingsStore } from './settings-store';
