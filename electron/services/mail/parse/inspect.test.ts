import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../../..');
const FIXTURES = 'test/fixtures/mail';
const run = promisify(execFile);

/** Runs `tsx inspect.ts` as `npm run mail:inspect` does; resolves with the exit code instead of throwing. */
async function inspect(
  ...files: string[]
): Promise<{ code: number; lines: Record<string, unknown>[]; stderr: string }> {
  const tsx = join(ROOT, 'node_modules/.bin/tsx');
  try {
    const { stdout, stderr } = await run(tsx, ['electron/services/mail/parse/inspect.ts', ...files], {
      cwd: ROOT,
    });
    return { code: 0, lines: parseLines(stdout), stderr };
  } catch (e) {
    const failed = e as { code: number; stdout: string; stderr: string };
    return { code: failed.code, lines: parseLines(failed.stdout), stderr: failed.stderr };
  }
}

function parseLines(stdout: string): Record<string, unknown>[] {
  return stdout
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('npm run mail:inspect', () => {
  it('prints the pinned fields for each file and exits 0 when every file was read', async () => {
    const { code, lines } = await inspect(`${FIXTURES}/reply-gmail.eml`, `${FIXTURES}/rfc2231-names.eml`);
    expect(code).toBe(0);
    expect(lines[0]).toEqual({
      file: `${FIXTURES}/reply-gmail.eml`,
      kind: 'human',
      messageId: '<CAgmail-1@mail.gmail.com>',
      inReplyTo: '<reply-42@desk.example.ac.uk>',
      references: ['<first@example.com>', '<reply-42@desk.example.ac.uk>'],
      caseRef: 'Q-KDRMX-42',
      from: 'ann@example.com',
      subject: 'Re: [Q-KDRMX-42] Laptop',
      date: '2026-03-02T11:00:00.000Z',
      visibleText: 'Thanks, it works now.',
      attachments: [],
    });
    expect(lines[1]!.attachments).toEqual([
      { filename: 'résumé final.pdf', contentType: 'application/pdf', size: 19 },
      { filename: 'Ordnungsgemäße Lieferung.txt', contentType: 'text/plain', size: 100 },
    ]);
    expect(lines[1]!.inReplyTo).toBeNull();
    expect(lines[1]!).not.toHaveProperty('bouncedMessageId');
  });

  it('gives the bounced Message-ID for a bounce', async () => {
    const { lines } = await inspect(`${FIXTURES}/bounce-dsn.eml`);
    expect(lines[0]!.kind).toBe('bounce');
    expect(lines[0]!.bouncedMessageId).toBe('<reply-42@desk.example.ac.uk>');
    expect(lines[0]!.from).toBe('MAILER-DAEMON@mx.example.org');
  });

  it('says why a file cannot be read, still prints the others, and exits 1 without a stack trace', async () => {
    const { code, lines, stderr } = await inspect(
      `${FIXTURES}/missing.eml`,
      `${FIXTURES}/not-mail.eml`,
      `${FIXTURES}/ooo-exchange.eml`,
    );
    expect(code).toBe(1);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toEqual({ file: `${FIXTURES}/missing.eml`, error: 'There is no such file.' });
    expect(lines[1]!.error).toMatch(/does not look like an email/);
    expect(lines[2]!.kind).toBe('auto-reply');
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});
