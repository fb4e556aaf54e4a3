/**
 * The one contract between the renderer and the desktop shell. Both ends derive their types from it:
 * the preload's `window.desk` must satisfy `DeskApi`, the shell's handlers must satisfy `DeskHandlers`,
 * and both parse what they receive with the schemas here. To add a call, see docs in `index.ts`.
 */
import { z } from 'zod';
import { PokeData, PushRequest } from '../sync/protocol';
import { eventChannel, methodChannel } from './channels';
import {
  ExportFinished,
  ExportId,
  ExportPart,
  ExportPartIndex,
  ExportPdfRequest,
  ExportProgress,
  PrintableReport,
  PrintJobId,
} from './export';
import {
  AttachmentOutcome,
  AttachmentRequest,
  BlobId,
  InboundDelivery,
  MailAck,
  MailboxCheck,
  MailboxSave,
  MailboxView,
  MailStatus,
  RawSource,
  SendOutcome,
  SendRequest,
} from './mail';
import {
  AppInfo,
  ClockOffset,
  DeskNotification,
  ExternalUrl,
  LogLevel,
  LogMessage,
  MenuCommand,
  NotificationOutcome,
  OpenExternalOutcome,
  SecretName,
  SecretStatus,
  SecretValue,
  Settings,
  SettingsPatch,
  TrayCounts,
} from './schemas';
import {
  CaseHistoryOutcome,
  CaseId,
  ClientGroupId,
  ConnectOutcome,
  ConnectRequest,
  PullCookie,
  SyncPullOutcome,
  SyncPushOutcome,
  SyncServiceStatus,
} from './sync';

/** A request/response call: positional arguments as a tuple schema, and the result. */
export interface MethodSpec {
  readonly args: z.ZodTuple;
  readonly result: z.ZodType;
}

export const methods = {
  getAppInfo: { args: z.tuple([]), result: AppInfo },

  getSettings: { args: z.tuple([]), result: Settings },
  /** Merges the patch and returns the settings now in force; every window then gets `settingsChanged`. */
  updateSettings: { args: z.tuple([SettingsPatch]), result: Settings },

  showNotification: { args: z.tuple([DeskNotification]), result: NotificationOutcome },
  updateTrayBadge: { args: z.tuple([TrayCounts]), result: z.void() },

  getSecretStatus: { args: z.tuple([]), result: SecretStatus },
  /** Null when no secret of that name is stored. */
  getSecret: { args: z.tuple([SecretName]), result: z.string().nullable() },
  setSecret: { args: z.tuple([SecretName, SecretValue]), result: z.void() },
  /** True when a secret was deleted. */
  deleteSecret: { args: z.tuple([SecretName]), result: z.boolean() },

  openExternal: { args: z.tuple([ExternalUrl]), result: OpenExternalOutcome },
  log: { args: z.tuple([LogLevel, LogMessage]), result: z.void() },
  getClockOffset: { args: z.tuple([]), result: ClockOffset },

  /** One part of a report's JSON for the export `exportId` (see export.ts). */
  exportPart: { args: z.tuple([ExportId, ExportPartIndex, ExportPart]), result: z.void() },
  /** Starts printing the delivered report to PDF; answers at once, then `exportProgress` and `exportFinished`. */
  exportReportPdf: { args: z.tuple([ExportPdfRequest]), result: z.void() },
  /** True when there was something to cancel. */
  cancelExport: { args: z.tuple([ExportId]), result: z.boolean() },
  /** The print route asks for the report it is to print. */
  getPrintJob: { args: z.tuple([PrintJobId]), result: PrintableReport },
  /** The print route has drawn the report (problem null), or could not (the reason). */
  printJobRendered: { args: z.tuple([PrintJobId, z.string().max(2000).nullable()]), result: z.void() },

  /** Checks the server, signs in and keeps the token in the shell's secret store (never returned here). */
  syncConnect: { args: z.tuple([ConnectRequest]), result: ConnectOutcome },
  /** Ends the session on the server (best effort), forgets the token and the server in settings. */
  syncSignOut: { args: z.tuple([]), result: SyncServiceStatus },
  syncStatus: { args: z.tuple([]), result: SyncServiceStatus },
  /** One push of the sync engine's outbox batch (see shared/sync/transport.ts). */
  syncPush: { args: z.tuple([PushRequest]), result: SyncPushOutcome },
  syncPull: { args: z.tuple([ClientGroupId, PullCookie]), result: SyncPullOutcome },
  /** The server's audit log for one case (who did what, when, from which device). */
  syncCaseHistory: { args: z.tuple([CaseId]), result: CaseHistoryOutcome },

  /** The desk mailbox as set up (never its passwords). */
  mailSettings: { args: z.tuple([]), result: MailboxView },
  /** Saves the mailbox (passwords to the secret store) and (re)starts the channel. */
  mailSaveSettings: { args: z.tuple([MailboxSave]), result: MailboxView },
  /** Tries IMAP and SMTP with these settings (passwords left out: the stored ones) and says what failed. */
  mailTestConnection: { args: z.tuple([MailboxSave]), result: MailboxCheck },
  mailStatus: { args: z.tuple([]), result: MailStatus },
  /** Up to `max` fetched messages for the renderer to commit; the same ones again until acknowledged. */
  mailTake: { args: z.tuple([z.number().int().min(1).max(500)]), result: z.array(InboundDelivery) },
  /** Committed deliveries are flagged or moved in the mailbox; the others are offered again later. */
  mailAck: { args: z.tuple([z.array(MailAck).max(500)]), result: z.void() },
  /** Sends one outbound message over SMTP (and appends it to the Sent folder). */
  mailSend: { args: z.tuple([SendRequest]), result: SendOutcome },
  /** Opens an attachment with this computer's viewer for its type, or saves it where the person says. */
  mailAttachment: { args: z.tuple([AttachmentRequest]), result: AttachmentOutcome },
  /** A message's raw source for "show original". */
  mailRawSource: { args: z.tuple([BlobId]), result: RawSource },
} as const satisfies Record<string, MethodSpec>;

/** Main -> renderer notices: one payload each. */
export const events = {
  settingsChanged: Settings,
  menuCommand: z.object({ command: MenuCommand }),
  /** The person clicked a notification; the renderer opens what its tag points at. */
  notificationClicked: z.object({ tag: z.string().nullable() }),
  exportProgress: ExportProgress,
  exportFinished: ExportFinished,
  /** The server's version moved on for this person: pull. */
  syncPoke: PokeData,
  /** The team server connection changed (online/offline, signed in or out, a new problem). */
  syncStatusChanged: SyncServiceStatus,
  /** Messages were fetched and wait to be taken with `mailTake`. */
  mailWaiting: z.object({ count: z.number().int().min(0) }),
  mailStatusChanged: MailStatus,
} as const satisfies Record<string, z.ZodType>;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type EventName = keyof typeof events;

/** What a caller passes (schema input) and what a handler receives (schema output, after parsing). */
export type MethodArgs<M extends MethodName> = z.input<Methods[M]['args']>;
export type ParsedArgs<M extends MethodName> = z.output<Methods[M]['args']>;
/** What a handler returns and what the caller receives. */
export type HandlerResult<M extends MethodName> = z.input<Methods[M]['result']>;
export type MethodResult<M extends MethodName> = z.output<Methods[M]['result']>;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

/** `settingsChanged` -> `onSettingsChanged`. */
export type EventSubscriberName<E extends EventName> = `on${Capitalize<E>}`;

/** `window.desk`: one method per call, one `on…` subscription per event (returning its unsubscribe). */
export type DeskApi = {
  [M in MethodName]: (...args: MethodArgs<M>) => Promise<MethodResult<M>>;
} & {
  [E in EventName as EventSubscriberName<E>]: (listener: (payload: EventPayload<E>) => void) => () => void;
};

/** The shell side: one function per call, receiving parsed arguments. */
export type DeskHandlers = {
  [M in MethodName]: (...args: ParsedArgs<M>) => HandlerResult<M> | Promise<HandlerResult<M>>;
};

// Object.keys and Object.fromEntries forget the literal keys they were given; these casts restore them.
export const METHOD_NAMES = Object.keys(methods) as readonly MethodName[];
export const EVENT_NAMES = Object.keys(events) as readonly EventName[];

export { eventChannel, methodChannel };
export const METHOD_CHANNELS = Object.fromEntries(METHOD_NAMES.map((m) => [m, methodChannel(m)])) as {
  readonly [M in MethodName]: `desk:${M}`;
};
export const EVENT_CHANNELS = Object.fromEntries(EVENT_NAMES.map((e) => [e, eventChannel(e)])) as {
  readonly [E in EventName]: `desk:event:${E}`;
};

export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(methods, name);
}

export function eventSubscriberName<E extends EventName>(event: E): EventSubscriberName<E> {
  // TS does not compute Capitalize<> for a value built at run time; the expression is exactly that type.
  return `on${event[0]!.toUpperCase()}${event.slice(1)}` as EventSubscriberName<E>;
}
