/**
 * Electron's transport for the contract: one `ipcMain.handle` per method. Each call is refused unless it comes
 * from the app's own main frame, then its arguments are parsed with the method's schema before the handler runs.
 */
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import {
  type DeskHandlers,
  type EventName,
  type EventPayload,
  eventChannel,
  METHOD_NAMES,
  methodChannel,
} from '../../shared/ipc/contract';
import { BridgeValidationError, dispatch, parseEvent } from '../../shared/ipc/validate';
import type { Logger } from '../services/log';
import { senderProblem, type TrustedOrigins } from './security';

export class UntrustedSenderError extends Error {
  override readonly name = 'UntrustedSenderError';
}

export interface IpcOptions {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  handlers: DeskHandlers;
  origins: TrustedOrigins;
  log: Logger;
}

/** Registers every method of the contract; returns a function that removes them again. */
export function registerIpcHandlers({ ipcMain, handlers, origins, log }: IpcOptions): () => void {
  for (const method of METHOD_NAMES) {
    ipcMain.handle(methodChannel(method), async (event: IpcMainInvokeEvent, ...args: unknown[]) => {
      const problem = senderProblem(event, origins);
      if (problem) {
        log.warn(`Refused desk.${method}: ${problem}.`);
        throw new UntrustedSenderError(`desk.${method} refused: ${problem}`);
      }
      try {
        return await dispatch(handlers, method, args);
      } catch (error) {
        // Argument errors name fields, never values, so they are safe to log even for secrets.
        if (error instanceof BridgeValidationError) log.warn(error.message);
        else log.error(`desk.${method} failed: ${error instanceof Error ? error.message : String(error)}`);
        throw error;
      }
    });
  }
  return () => {
    for (const method of METHOD_NAMES) ipcMain.removeHandler(methodChannel(method));
  };
}

/** Sends an event to a renderer after checking its payload against the contract. */
export function sendEvent<E extends EventName>(
  contents: Pick<WebContents, 'send' | 'isDestroyed'>,
  event: E,
  payload: EventPayload<E>,
): void {
  if (contents.isDestroyed()) return;
  contents.send(eventChannel(event), parseEvent(event, payload));
}
