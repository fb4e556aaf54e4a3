/**
 * Attachments on the desktop: "open" hands a temporary copy (made by the mail service, never an executable) to
 * the system's viewer for its type; "save" asks where, starting in Downloads.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type BrowserWindow, dialog, shell } from 'electron';
import type { AttachmentPort } from '../services/mail';

export function electronAttachmentPort(options: {
  parent: () => BrowserWindow | null;
  downloadsFolder: () => string;
}): AttachmentPort {
  return {
    async open({ path, filename }) {
      const problem = await shell.openPath(path);
      return problem === ''
        ? { ok: true, message: `Opened "${filename}".` }
        : {
            ok: false,
            message: `"${filename}" could not be opened: ${problem}. Save it and open it from there.`,
          };
    },
    async save({ filename, bytes }) {
      const dialogOptions = {
        title: 'Save attachment',
        defaultPath: join(options.downloadsFolder(), filename),
      };
      const parent = options.parent();
      const choice = parent
        ? await dialog.showSaveDialog(parent, dialogOptions)
        : await dialog.showSaveDialog(dialogOptions);
      if (choice.canceled || !choice.filePath) return { ok: false, message: 'Not saved.' };
      await writeFile(choice.filePath, bytes);
      return { ok: true, message: `Saved "${filename}" to ${choice.filePath}.` };
    },
  };
}
