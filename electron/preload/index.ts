/**
 * The sandboxed preload: exposes `window.desk`, one named function per contract call and one `on…` per event.
 * The page never sees ipcRenderer or an IPC event object; the main process checks the sender and parses the
 * arguments of every call. Built as CommonJS (sandboxed preloads cannot be ES modules).
 */
import { contextBridge, type IpcRendererEvent, ipcRenderer } from 'electron';
import { eventChannel, methodChannel } from '../../shared/ipc/channels';
import type {
  DeskApi,
  EventName,
  EventPayload,
  MethodArgs,
  MethodName,
  MethodResult,
} from '../../shared/ipc/contract';

function invoke<M extends MethodName>(method: M, ...args: MethodArgs<M>): Promise<MethodResult<M>> {
  return ipcRenderer.invoke(methodChannel(method), ...args);
}

function subscribe<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
  const channel = eventChannel(event);
  const relay = (_event: IpcRendererEvent, payload: EventPayload<E>) => listener(payload);
  ipcRenderer.on(channel, relay);
  return () => {
    ipcRenderer.removeListener(channel, relay);
  };
}

const desk = {
  getAppInfo: () => invoke('getAppInfo'),
  getSettings: () => invoke('getSettings'),
  updateSettings: (patch) => invoke('updateSettings', patch),
  showNotification: (notification) => invoke('showNotification', notification),
  updateTrayBadge: (counts) => invoke('updateTrayBadge', counts),
  getSecretStatus: () => invoke('getSecretStatus'),
  getSecret: (name) => invoke('getSecret', name),
  setSecret: (name, value) => invoke('setSecret', name, value),
  deleteSecret: (name) => invoke('deleteSecret', name),
  openExternal: (url) => invoke('openExternal', url),
  log: (level, message) => invoke('log', level, message),
  getClockOffset: () => invoke('getClockOffset'),
  exportPart: (exportId, index, text) => invoke('exportPart', exportId, index, text),
  exportReportPdf: (request) => invoke('exportReportPdf', request),
  cancelExport: (exportId) => invoke('cancelExport', exportId),
  getPrintJob: (jobId) => invoke('getPrintJob', jobId),
  printJobRendered: (jobId, problem) => invoke('printJobRendered', jobId, problem),
  syncConnect: (request) => invoke('syncConnect', request),
  syncSignOut: () => invoke('syncSignOut'),
  syncStatus: () => invoke('syncStatus'),
  syncPush: (request) => invoke('syncPush', request),
  syncPull: (clientGroupId, cookie) => invoke('syncPull', clientGroupId, cookie),
  syncCaseHistory: (caseId) => invoke('syncCaseHistory', caseId),
  mailSettings: () => invoke('mailSettings'),
  mailSaveSettings: (request) => invoke('mailSaveSettings', request),
  mailTestConnection: (request) => invoke('mailTestConnection', request),
  mailStatus: () => invoke('mailStatus'),
  mailTake: (max) => invoke('mailTake', max),
  mailAck: (acks) => invoke('mailAck', acks),
  mailSend: (request) => invoke('mailSend', request),
  mailAttachment: (request) => invoke('mailAttachment', request),
  mailRawSource: (blobId) => invoke('mailRawSource', blobId),

  onSettingsChanged: (listener) => subscribe('settingsChanged', listener),
  onMenuCommand: (listener) => subscribe('menuCommand', listener),
  onNotificationClicked: (listener) => subscribe('notificationClicked', listener),
  onExportProgress: (listener) => subscribe('exportProgress', listener),
  onExportFinished: (listener) => subscribe('exportFinished', listener),
  onSyncPoke: (listener) => subscribe('syncPoke', listener),
  onSyncStatusChanged: (listener) => subscribe('syncStatusChanged', listener),
  onMailWaiting: (listener) => subscribe('mailWaiting', listener),
  onMailStatusChanged: (listener) => subscribe('mailStatusChanged', listener),
} satisfies DeskApi;

contextBridge.exposeInMainWorld('desk', desk);
