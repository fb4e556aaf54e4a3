/**
 * A real SMTP receiver for tests: smtp-server on a free port on 127.0.0.1, no TLS, any sender and password
 * accepted, every message kept whole. `refuseNext` makes it refuse the next recipient with a code of the test's
 * choosing (a 550 "user unknown" for a permanent failure, a 451 for a transient one).
 */
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  raw: string;
  from: string;
  to: string[];
}

export interface SmtpReceiver {
  host: string;
  port: number;
  received: ReceivedMail[];
  /** Resolves once `count` messages have arrived in all; fails after `timeoutMs` (default 10 s) saying how many did. */
  waitFor(count: number, timeoutMs?: number): Promise<void>;
  refuseNext(code: number, text: string): void;
  close(): Promise<void>;
}

export async function startSmtpReceiver(): Promise<SmtpReceiver> {
  const received: ReceivedMail[] = [];
  const waiters = new Set<() => void>();
  const refusals: { code: number; text: string }[] = [];

  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    // Accept any user name and password: the tests check what Desk sends, not who it is.
    onAuth: (_auth, _session, callback) => callback(null, { user: 'desk' }),
    onRcptTo: (_address, _session, callback) => {
      const refusal = refusals.shift();
      if (refusal === undefined) return callback();
      const error = new Error(refusal.text) as Error & { responseCode: number };
      error.responseCode = refusal.code;
      callback(error);
    },
    onData: (stream, session, callback) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({
          raw: Buffer.concat(chunks).toString('utf8'),
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
        });
        for (const waiter of waiters) waiter();
        callback();
      });
    },
    logger: false,
  });
  server.on('error', () => {});

  const port = await new Promise<number>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.server.address();
      resolve(typeof address === 'object' && address ? address.port : 0);
    });
  });

  return {
    host: '127.0.0.1',
    port,
    received,
    waitFor(count, timeoutMs = 10_000) {
      if (received.length >= count) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const check = () => {
          if (received.length < count) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve();
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(
            new Error(
              `The SMTP receiver got ${received.length} of ${count} messages within ${timeoutMs} ms.`,
            ),
          );
        }, timeoutMs);
        waiters.add(check);
      });
    },
    refuseNext(code, text) {
      refusals.push({ code, text });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
