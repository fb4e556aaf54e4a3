/**
 * Electron's side of PDF export: the print route in a hidden window printed with `webContents.printToPDF`, and
 * the file saved where the person chooses. The window is as locked down as the main one and shares its
 * session, so the route loads from app://desk with the same preload and fetches its print job over the bridge.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BrowserWindow, type BrowserWindow as BrowserWindowType, dialog } from 'electron';
import type { Logger } from '../services/log';
import type { DeliverPdf, RenderToPdf } from '../services/pdf';

const MM_PER_INCH = 25.4;

export function hiddenWindowPdfRenderer(options: { preload: string; log: Logger }): RenderToPdf {
  return async (url, print, { ready, signal }) => {
    const window = new BrowserWindow({
      show: false,
      // A4 portrait at 96 dpi, so the page lays out at the width it prints at.
      width: 794,
      height: 1123,
      webPreferences: {
        preload: options.preload,
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        experimentalFeatures: false,
        webviewTag: false,
        navigateOnDragDrop: false,
        safeDialogs: true,
        spellcheck: false,
        disableBlinkFeatures: 'Auxclick',
        devTools: false,
      },
    });
    const close = () => {
      if (!window.isDestroyed()) window.destroy();
    };
    signal.addEventListener('abort', close, { once: true });
    try {
      await Promise.all([window.loadURL(url), ready]);
      const inches = (mm: number) => mm / MM_PER_INCH;
      const data = await window.webContents.printToPDF({
        pageSize: 'A4',
        landscape: print.landscape,
        printBackground: true,
        displayHeaderFooter: true,
        headerTemplate: print.headerTemplate,
        footerTemplate: print.footerTemplate,
        margins: {
          top: inches(print.marginsMm.top),
          right: inches(print.marginsMm.right),
          bottom: inches(print.marginsMm.bottom),
          left: inches(print.marginsMm.left),
        },
        generateTaggedPDF: print.tagged,
        generateDocumentOutline: print.tagged,
      });
      return new Uint8Array(data);
    } catch (error) {
      if (signal.aborted) options.log.info('A PDF export was stopped while printing.');
      throw error;
    } finally {
      signal.removeEventListener('abort', close);
      close();
    }
  };
}

/** The save dialog, parented to the main window, starting in Documents with the suggested name. */
export function saveDialogDelivery(options: {
  parent: () => BrowserWindowType | null;
  documentsFolder: () => string;
}): DeliverPdf {
  return async ({ fileName, bytes, pages }, signal) => {
    const dialogOptions = {
      title: 'Save report',
      defaultPath: join(options.documentsFolder(), fileName),
      filters: [{ name: 'PDF', extensions: ['pdf'] }],
    };
    const parent = options.parent();
    const choice = parent
      ? await dialog.showSaveDialog(parent, dialogOptions)
      : await dialog.showSaveDialog(dialogOptions);
    if (choice.canceled || !choice.filePath || signal.aborted) return { status: 'cancelled' };
    await writeFile(choice.filePath, bytes);
    return { status: 'saved', fileName, path: choice.filePath, pages, bytes: bytes.length };
  };
}
