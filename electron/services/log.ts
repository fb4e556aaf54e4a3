/**
 * A small file logger: one line per entry, rotated to `<file>.1` past a size cap. Synchronous appends so the last
 * lines before a crash are on disk. Plain Node: the browser host uses it as is.
 */
import { appendFileSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import type { LogLevel } from '../../shared/ipc/schemas';

export type { LogLevel };

export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  /** A logger whose lines say where they came from: `[main:ipc] …`. */
  child(source: string): Logger;
}

export interface FileLoggerOptions {
  file: string;
  /** Lines below this level are dropped. */
  level?: LogLevel;
  maxBytes?: number;
  now?: () => Date;
  /** Also print each line (development, tests). */
  echo?: (line: string) => void;
}

const RANK: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

/** Newlines and other control characters are escaped so a message cannot forge further log lines. */
export function sanitizeLogMessage(message: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
  return message.replace(/[\u0000-\u001f\u007f]/g, (c) =>
    c === '\n' ? '\\n' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

export function createFileLogger(options: FileLoggerOptions): Logger {
  const { file, level = 'info', maxBytes = 5 * 1024 * 1024, now = () => new Date(), echo } = options;
  mkdirSync(dirname(file), { recursive: true });
  let size = currentSize(file);

  const write = (source: string, entryLevel: LogLevel, message: string) => {
    if (RANK[entryLevel] < RANK[level]) return;
    const line = `${now().toISOString()} [${entryLevel}] [${source}] ${sanitizeLogMessage(message)}\n`;
    const bytes = Buffer.byteLength(line);
    if (size > 0 && size + bytes > maxBytes) {
      renameSync(file, `${file}.1`);
      size = 0;
    }
    appendFileSync(file, line, { mode: 0o600 });
    size += bytes;
    echo?.(line.trimEnd());
  };

  const forSource = (source: string): Logger => ({
    debug: (m) => write(source, 'debug', m),
    info: (m) => write(source, 'info', m),
    warn: (m) => write(source, 'warn', m),
    error: (m) => write(source, 'error', m),
    child: (sub) => forSource(`${source}:${sub}`),
  });
  return forSource('main');
}

/** A logger that keeps lines in memory: for tests and for services created before the log file is known. */
export function createMemoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const forSource = (source: string): Logger => ({
    debug: (m) => lines.push(`[debug] [${source}] ${m}`),
    info: (m) => lines.push(`[info] [${source}] ${m}`),
    warn: (m) => lines.push(`[warn] [${source}] ${m}`),
    error: (m) => lines.push(`[error] [${source}] ${m}`),
    child: (sub) => forSource(`${source}:${sub}`),
  });
  return Object.assign(forSource('main'), { lines });
}

function currentSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}
