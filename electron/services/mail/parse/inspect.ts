/**
 * `npm run mail:inspect -- <file.eml>…`: how Desk reads each message, one JSON line per file, for support staff
 * asking "why did this mail become that?" and for tests. A file that cannot be read as mail prints
 * {"file","error"} and the others still print; the exit code is 0 when every file was read, else 1.
 */
import { readFile } from 'node:fs/promises';
import type { InboundMail } from '../../../../shared/mail/schema';
import { readMail } from './read';

const USAGE = 'usage: npm run mail:inspect -- <file.eml> [more.eml …]';

/** The pinned line of issue 8 §3: null where a field has no value, bouncedMessageId only for bounces. */
export function inspectLine(file: string, mail: InboundMail): Record<string, unknown> {
  const line: Record<string, unknown> = {
    file,
    kind: mail.kind,
    messageId: mail.messageId,
    inReplyTo: mail.inReplyTo,
    references: mail.references.length > 0 ? mail.references : null,
    caseRef: mail.caseRef,
    from: mail.from?.address || null,
    subject: mail.subject === '' ? null : mail.subject,
    date: mail.date,
    visibleText: mail.visibleText === '' ? null : mail.visibleText,
    attachments: mail.attachments.map((a) => ({
      filename: a.filename,
      contentType: a.contentType,
      size: a.size,
    })),
  };
  if (mail.kind === 'bounce') line.bouncedMessageId = mail.bounce?.messageId ?? null;
  return line;
}

function whyUnreadable(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'There is no such file.';
  if (code === 'EISDIR') return 'This is a folder, not a file.';
  if (code === 'EACCES' || code === 'EPERM') return 'Desk may not read this file (permission denied).';
  return `The file could not be read: ${(e as Error).message ?? String(e)}`;
}

/** One line per file; true when every file was read as mail. */
export async function inspectFiles(
  files: readonly string[],
  print: (line: string) => void,
): Promise<boolean> {
  let allRead = true;
  for (const file of files) {
    let line: Record<string, unknown>;
    try {
      const raw = await readFile(file);
      const mail = await readMail(raw, { mailbox: 'inspect', receivedAt: new Date() });
      line = mail.problem === null ? inspectLine(file, mail) : { file, error: mail.problem };
    } catch (e) {
      line = { file, error: whyUnreadable(e) };
    }
    if ('error' in line) allRead = false;
    print(JSON.stringify(line));
  }
  return allRead;
}

async function main(): Promise<number> {
  const files = process.argv.slice(2).filter((a) => a !== '--');
  if (files.length === 0 || files.includes('--help') || files.includes('-h')) {
    console.error(USAGE);
    return 1;
  }
  return (await inspectFiles(files, (line) => console.log(line))) ? 0 : 1;
}

// Run as a command (not when a test imports the functions above).
if (process.argv[1] && /inspect\.[cm]?[jt]s$/.test(process.argv[1])) {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      console.error(`mail:inspect stopped: ${(e as Error).message ?? String(e)}`);
      process.exitCode = 1;
    },
  );
}
