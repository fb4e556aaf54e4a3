/**
 * How fast Desk reads mail: readMail (parse with mailparser, classify, visible text; no blob store) over every
 * message of corpora/mail and corpora/autoreplies, all read into memory first. Several rounds after a warm-up;
 * the figure is the median round, in messages per second of this process's CPU time (so other work on a shared
 * machine does not count against it), with the wall-clock rate beside it. Target: ≥ 2,000 messages/s.
 *
 *   npx tsx test/bench/mail-classify.ts [corpora-root]     → prints a `BENCH {json}` line
 *
 * `npm run bench:mail` calls benchClassify() for its classifyPerSecond.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readMail } from '../../electron/services/mail/parse/index';
import { median } from './timing';

const FOLDERS = ['mail', 'autoreplies'] as const;
const WARMUP_ROUNDS = 3;
const ROUNDS = 7;
const RECEIVED_AT = new Date('2026-03-02T09:30:00Z');

export interface ClassifyBench {
  messages: number;
  /** Median round, messages per CPU second. */
  perSecond: number;
  /** Median round, messages per wall-clock second. */
  wallPerSecond: number;
  bytes: number;
  rounds: number;
  kinds: Record<string, number>;
}

async function corpusMessages(root: string): Promise<Uint8Array[]> {
  const messages: Uint8Array[] = [];
  for (const top of FOLDERS) {
    const sources = (await readdir(join(root, top), { withFileTypes: true })).filter((e) => e.isDirectory());
    for (const source of sources) {
      const dir = join(root, top, source.name);
      for (const file of (await readdir(dir)).sort()) messages.push(await readFile(join(dir, file)));
    }
  }
  return messages;
}

async function round(messages: readonly Uint8Array[], kinds?: Record<string, number>): Promise<void> {
  for (const raw of messages) {
    const mail = await readMail(raw, { mailbox: 'desk@bench.test', receivedAt: RECEIVED_AT });
    if (kinds) kinds[mail.kind] = (kinds[mail.kind] ?? 0) + 1;
  }
}

export async function benchClassify(corporaRoot: string): Promise<ClassifyBench> {
  const messages = await corpusMessages(corporaRoot);
  if (messages.length === 0) throw new Error(`no messages under ${corporaRoot}/{mail,autoreplies}`);
  const kinds: Record<string, number> = {};
  await round(messages, kinds);
  for (let i = 1; i < WARMUP_ROUNDS; i++) await round(messages);
  const cpuRates: number[] = [];
  const wallRates: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const cpu = process.cpuUsage();
    const wall = performance.now();
    await round(messages);
    const used = process.cpuUsage(cpu);
    cpuRates.push(messages.length / ((used.user + used.system) / 1e6));
    wallRates.push(messages.length / ((performance.now() - wall) / 1e3));
  }
  return {
    messages: messages.length,
    perSecond: Math.round(median(cpuRates)),
    wallPerSecond: Math.round(median(wallRates)),
    bytes: messages.reduce((sum, m) => sum + m.byteLength, 0),
    rounds: ROUNDS,
    kinds,
  };
}

const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const root = resolve(
    process.argv[2] ?? resolve(fileURLToPath(import.meta.url), '../../../../shared/corpora'),
  );
  benchClassify(root).then(
    (result) => {
      console.log(
        `readMail over ${result.messages} corpus messages (${(result.bytes / 1e6).toFixed(1)} MB):`,
      );
      console.log(
        `  ${result.perSecond} messages/s (CPU time), ${result.wallPerSecond} messages/s (wall clock)`,
      );
      console.log(`  target 2000 messages/s: ${result.perSecond >= 2000 ? 'met' : 'NOT met'}`);
      console.log(`BENCH ${JSON.stringify({ classifyPerSecond: result.perSecond, ...result })}`);
    },
    (e: unknown) => {
      console.error(`bench mail-classify: ${(e as Error).message}`);
      process.exitCode = 1;
    },
  );
}
