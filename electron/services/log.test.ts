import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFileLogger, sanitizeLogMessage } from './log';

const fixedNow = () => new Date('2026-03-02T09:30:00.000Z');
const tempFile = () => join(mkdtempSync(join(tmpdir(), 'desk-log-')), 'logs', 'desk.log');

describe('file logger', () => {
  it('writes one timestamped line per entry with its level and source', () => {
    const file = tempFile();
    const log = createFileLogger({ file, now: fixedNow });
    log.info('Desk starting');
    log.child('ipc').warn('Refused desk.getSecret');
    expect(readFileSync(file, 'utf8')).toBe(
      '2026-03-02T09:30:00.000Z [info] [main] Desk starting\n' +
        '2026-03-02T09:30:00.000Z [warn] [main:ipc] Refused desk.getSecret\n',
    );
  });

  it('drops entries below its level', () => {
    const file = tempFile();
    const log = createFileLogger({ file, level: 'warn', now: fixedNow });
    log.debug('noise');
    log.info('noise');
    log.error('the sync server refused our token');
    expect(readFileSync(file, 'utf8').trim().split('\n')).toEqual([
      '2026-03-02T09:30:00.000Z [error] [main] the sync server refused our token',
    ]);
  });

  it('escapes newlines so a renderer message cannot forge another log line', () => {
    const file = tempFile();
    createFileLogger({ file, now: fixedNow })
      .child('renderer')
      .info('ok\n2026-01-01T00:00:00.000Z [error] [main] fake');
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('ok\\n2026-01-01');
    expect(sanitizeLogMessage('a\tb\u0007')).toBe('a\\u0009b\\u0007');
  });

  it('rotates to <file>.1 when the next line would pass the size cap', () => {
    const file = tempFile();
    const log = createFileLogger({ file, maxBytes: 200, now: fixedNow });
    for (let i = 0; i < 6; i++) log.info(`line ${i} ${'x'.repeat(40)}`);
    const current = readFileSync(file, 'utf8');
    const previous = readFileSync(`${file}.1`, 'utf8');
    expect(Buffer.byteLength(current)).toBeLessThanOrEqual(200);
    expect(current).toContain('line 5');
    expect(previous).toContain('line 3');
    expect(previous).not.toContain('line 0');
  });
});
