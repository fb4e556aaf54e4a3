/**
 * Payloads that cross the bridge between the renderer and the desktop shell (Electron main or the browser host).
 * Every one is parsed on the receiving side; the types below are derived from the schemas, never written twice.
 */
import { z } from 'zod';
import { MailboxSettings } from '../mail/schema';

const text = (max: number) => z.string().trim().max(max);
const count = z.number().int().min(0).max(1_000_000);

export const AppInfo = z.object({
  name: z.string(),
  version: z.string(),
  /** Null when the shell is not Electron (the browser host). */
  electron: z.string().nullable(),
  chrome: z.string().nullable(),
  node: z.string(),
  platform: z.string(),
  arch: z.string(),
  packaged: z.boolean(),
});
export type AppInfo = z.infer<typeof AppInfo>;

/** Who is using this desktop: shown on the cases they touch and used to pick "my" queue. */
export const Me = z.object({
  name: text(120).min(1),
  /** Free text until the domain model defines roles; the server decides what a role may see. */
  role: text(60).min(1),
  team: text(120).min(1),
});
export type Me = z.infer<typeof Me>;

export const WindowBounds = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().min(200).max(20_000),
  height: z.number().int().min(150).max(20_000),
});
export type WindowBounds = z.infer<typeof WindowBounds>;

/** "example.org" or "*.example.org" (any subdomain, not the bare domain). */
export const HostPattern = z
  .string()
  .trim()
  .toLowerCase()
  .regex(
    /^(\*\.)?([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/,
    'expected a host name like example.org or *.example.org',
  );

/** Where this desktop syncs, as kept in the settings file (never the token: that lives in the secret store). */
export const SyncSettings = z.object({
  /** Null: standalone, no team server. */
  serverUrl: z.string().min(1).max(2048).nullable(),
  /** The signed-in person's directory id: the local store is one per server and person. */
  personId: z.string().min(1).max(200).nullable(),
  email: z.string().min(1).max(320).nullable(),
});
export type SyncSettings = z.infer<typeof SyncSettings>;

export const NO_SYNC: SyncSettings = { serverUrl: null, personId: null, email: null };

export const Settings = z.object({
  /** Null until the person has said who they are. */
  me: Me.nullable(),
  window: z.object({ bounds: WindowBounds.nullable(), maximized: z.boolean() }),
  notifications: z.object({ enabled: z.boolean() }),
  /** Hosts whose https links may be opened in the system browser. */
  links: z.object({ allowedHosts: z.array(HostPattern).max(200) }),
  /** Linux without a keyring: Electron's 'basic_text' backend is used only after the person accepted it. */
  secrets: z.object({ allowBasicText: z.boolean() }),
  /** The team server this desktop syncs with; changed only by connecting and signing out. */
  sync: SyncSettings,
  /** The desk mailbox (Settings → Mailbox; its passwords are main-process secrets). Absent until set up. */
  mailbox: MailboxSettings.nullable().optional(),
});
export type Settings = z.infer<typeof Settings>;

export const DEFAULT_SETTINGS: Settings = {
  me: null,
  window: { bounds: null, maximized: false },
  notifications: { enabled: true },
  links: { allowedHosts: ['ico.org.uk', '*.ico.org.uk'] },
  secrets: { allowBasicText: false },
  sync: NO_SYNC,
};

/** A change to some settings: each section is merged field by field; `me` is replaced whole. */
export const SettingsPatch = z
  .object({
    me: Me.nullable().optional(),
    window: Settings.shape.window.partial().strict().optional(),
    notifications: Settings.shape.notifications.partial().strict().optional(),
    links: Settings.shape.links.partial().strict().optional(),
    secrets: Settings.shape.secrets.partial().strict().optional(),
    /** Replaced whole. The bridge's updateSettings refuses it: only connecting and signing out change it. */
    sync: SyncSettings.optional(),
    /** Replaced whole. The bridge's updateSettings refuses it: only mailSaveSettings changes it. */
    mailbox: MailboxSettings.nullable().optional(),
  })
  .strict();
export type SettingsPatch = z.infer<typeof SettingsPatch>;

export function applySettingsPatch(settings: Settings, patch: SettingsPatch): Settings {
  return {
    me: patch.me === undefined ? settings.me : patch.me,
    window: { ...settings.window, ...patch.window },
    notifications: { ...settings.notifications, ...patch.notifications },
    links: { ...settings.links, ...patch.links },
    secrets: { ...settings.secrets, ...patch.secrets },
    sync: patch.sync ?? settings.sync,
    ...(patch.mailbox !== undefined
      ? { mailbox: patch.mailbox }
      : settings.mailbox !== undefined
        ? { mailbox: settings.mailbox }
        : {}),
  };
}

export const DeskNotification = z.object({
  title: text(120).min(1),
  body: text(1000),
  /** Notifications with the same tag are shown once (e.g. "breach:<caseId>:<deadline>"). */
  tag: text(200).min(1).optional(),
});
export type DeskNotification = z.infer<typeof DeskNotification>;

export const NotificationOutcome = z.object({
  status: z.enum(['shown', 'duplicate', 'disabled', 'unsupported']),
});
export type NotificationOutcome = z.infer<typeof NotificationOutcome>;

/** My open cases past their deadline and close to it: drives the tray and the dock/taskbar badge. */
export const TrayCounts = z.object({ breached: count, atRisk: count });
export type TrayCounts = z.infer<typeof TrayCounts>;

/** Dotted lower-case names such as "imap.password" or "sync.token". */
export const SecretName = z
  .string()
  .max(64)
  .regex(/^[a-z][a-z0-9]*(?:[._-][a-z0-9]+)*$/, 'expected a dotted lower-case name such as "imap.password"');
export const SecretValue = z.string().max(16_384);

export const SecretBackend = z.enum([
  'keychain',
  'dpapi',
  'gnome_libsecret',
  'kwallet',
  'kwallet5',
  'kwallet6',
  'basic_text',
  'unknown',
  'plain_file',
  'none',
]);
export type SecretBackend = z.infer<typeof SecretBackend>;

export const SecretStatus = z.object({
  /** Whether secrets can be stored and read now. */
  available: z.boolean(),
  backend: SecretBackend,
  /** Whether the person explicitly accepted Linux's 'basic_text' backend (hard-coded key). */
  basicTextAccepted: z.boolean(),
  /** Why storage is unavailable or weak, in words the settings screen can show. */
  reason: z.string().nullable(),
});
export type SecretStatus = z.infer<typeof SecretStatus>;

export const ExternalUrl = z.string().max(2048);
export const OpenExternalOutcome = z.object({
  opened: z.boolean(),
  /** Why a link was not opened, when it was not. */
  reason: z.string().nullable(),
});
export type OpenExternalOutcome = z.infer<typeof OpenExternalOutcome>;

export const LogLevel = z.enum(['debug', 'info', 'warn', 'error']);
export type LogLevel = z.infer<typeof LogLevel>;
export const LogMessage = z.string().max(4000);

/** Server clock minus device clock, as last measured by the sync client. */
export const ClockOffset = z.object({
  offsetMs: z.number(),
  source: z.enum(['server', 'none']),
  /** ISO instant of the measurement; null before the first one. */
  measuredAt: z.string().nullable(),
  roundTripMs: z.number().min(0).nullable(),
});
export type ClockOffset = z.infer<typeof ClockOffset>;

/** Application-menu entries whose action belongs to the renderer. */
export const MenuCommand = z.enum([
  'newCase',
  'search',
  'syncNow',
  'openSettings',
  'goQueue',
  'goOverdue',
  'goEscalations',
  'goReports',
  'showShortcuts',
]);
export type MenuCommand = z.infer<typeof MenuCommand>;
