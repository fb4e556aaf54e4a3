import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InboundMail } from '../../../../shared/mail/schema';
import { type BlobSink, readMail, visibleTextOf } from './index';

const FIXTURES = join(import.meta.dirname, '../../../../test/fixtures/mail');
const RECEIVED_AT = new Date('2026-03-02T12:00:00Z');

/** A blob store in memory, content-addressed like the real one. */
function memoryBlobs(): BlobSink & { stored: Map<string, Uint8Array> } {
  const stored = new Map<string, Uint8Array>();
  return {
    stored,
    async put(bytes) {
      const id = createHash('sha256').update(bytes).digest('hex');
      stored.set(id, bytes);
      return id;
    },
  };
}

async function read(name: string, blobs?: BlobSink, limits?: { perFile?: number; perMessage?: number }) {
  const raw = await readFile(join(FIXTURES, name));
  const mail = await readMail(raw, { mailbox: 'desk@example.ac.uk', receivedAt: RECEIVED_AT, blobs, limits });
  expect(InboundMail.safeParse(mail).success).toBe(true);
  return mail;
}

describe('readMail: charsets', () => {
  it.each([
    ['charset-iso-8859-1.eml', 'Café crème à la façon de Noël.'],
    ['charset-iso-8859-2.eml', 'Zażółć gęślą jaźń.'],
    ['charset-windows-1252.eml', '“Quotes” – and the € sign.'],
    ['charset-koi8-r.eml', 'Привет, мир.'],
    ['charset-gb2312.eml', '你好，世界。'],
    ['charset-iso-2022-jp.eml', 'こんにちは世界。'],
  ])('%s reads as the sender wrote it', async (file, text) => {
    const mail = await read(file);
    expect(mail.visibleText).toBe(text);
    expect(mail.kind).toBe('human');
  });
});

describe('readMail: attachments', () => {
  it('decodes RFC 2231 and RFC 2047 names and keeps the bytes in the blob store', async () => {
    const blobs = memoryBlobs();
    const mail = await read('rfc2231-names.eml', blobs);
    expect(mail.subject).toBe('Résumé attached');
    expect(mail.attachments.map((a) => a.filename)).toEqual([
      'résumé final.pdf',
      'Ordnungsgemäße Lieferung.txt',
    ]);
    const pdf = mail.attachments[0]!;
    expect(pdf.size).toBe('%PDF-1.4 not really'.length);
    expect(Buffer.from(blobs.stored.get(pdf.blobId!)!).toString()).toBe('%PDF-1.4 not really');
    expect(mail.rawBlobId).not.toBeNull();
    expect(blobs.stored.has(mail.rawBlobId!)).toBe(true);
  });

  it('lists a file over the size limit without keeping its bytes, and says why', async () => {
    const blobs = memoryBlobs();
    const mail = await read('rfc2231-names.eml', blobs, { perFile: 50 });
    const big = mail.attachments.find((a) => a.size === 100)!;
    expect(big.blobId).toBeNull();
    expect(big.dropped).toMatch(/limit for one file/);
    expect(mail.attachments.find((a) => a.size < 50)!.blobId).not.toBeNull();
  });
});

describe('readMail: identity and threading', () => {
  it('keys the mail by mailbox and Message-ID, so the same mail fetched twice has one key', async () => {
    const a = await read('reply-gmail.eml');
    const b = await read('reply-gmail.eml');
    expect(a.key).toBe(b.key);
    expect(a.key).toBe(
      createHash('sha256').update('desk@example.ac.uk\n<CAgmail-1@mail.gmail.com>').digest('hex'),
    );
    const other = await readMail(await readFile(join(FIXTURES, 'reply-gmail.eml')), {
      mailbox: 'other@example.ac.uk',
      receivedAt: RECEIVED_AT,
    });
    expect(other.key).not.toBe(a.key);
  });

  it('reads the thread headers, the case reference and when the mailbox received it', async () => {
    const mail = await read('reply-gmail.eml');
    expect(mail.inReplyTo).toBe('<reply-42@desk.example.ac.uk>');
    expect(mail.references).toEqual(['<first@example.com>', '<reply-42@desk.example.ac.uk>']);
    expect(mail.caseRef).toBe('Q-KDRMX-42');
    expect(mail.from).toEqual({ name: 'Ann Example', address: 'ann@example.com' });
    expect(mail.receivedAt).toBe('2026-03-02T12:00:00.000Z');
    expect(mail.date).toBe('2026-03-02T11:00:00.000Z');
  });
});

describe('readMail: classification', () => {
  it.each([
    ['ooo-exchange.eml', /Exchange out-of-office/],
    ['ooo-auto-submitted.eml', /Auto-Submitted: auto-replied/],
    ['ooo-x-autoreply.eml', /X-Autoreply/],
    ['ooo-precedence.eml', /Precedence: auto_reply/],
    ['ooo-welsh-subject.eml', /Ateb awtomatig/],
    ['ooo-german-subject.eml', /Abwesenheitsnotiz/],
  ])('%s is an automatic reply, and says which marker decided', async (file, reason) => {
    const mail = await read(file);
    expect(mail.kind).toBe('auto-reply');
    expect(mail.reason).toMatch(reason);
  });

  it.each([
    ['list-mail.eml', /List-Id/],
    ['bulk-precedence.eml', /Precedence: bulk/],
  ])('%s is list or bulk mail', async (file, reason) => {
    const mail = await read(file);
    expect(mail.kind).toBe('bulk');
    expect(mail.reason).toMatch(reason);
  });

  it('a delivery-status report names the bounced Message-ID, the recipient and the diagnostic', async () => {
    const mail = await read('bounce-dsn.eml');
    expect(mail.kind).toBe('bounce');
    expect(mail.bounce).toEqual({
      messageId: '<reply-42@desk.example.ac.uk>',
      recipient: 'nobody@example.org',
      diagnostic: '550 5.1.1 <nobody@example.org>: Recipient address rejected: User unknown',
    });
  });

  it('a plain-text bounce from a mailer daemon gives the Message-ID quoted in its body', async () => {
    const mail = await read('bounce-plain.eml');
    expect(mail.kind).toBe('bounce');
    expect(mail.bounce?.messageId).toBe('<reply-7@desk.example.ac.uk>');
    expect(mail.bounce?.recipient).toBe('gone@example.net');
    expect(mail.bounce?.diagnostic).toMatch(/550 5\.2\.1/);
  });

  it('an Exchange NDR is a bounce with the Message-ID from its returned headers', async () => {
    const mail = await read('bounce-exchange-ndr.eml');
    expect(mail.kind).toBe('bounce');
    expect(mail.reason).toMatch(/X-MS-Exchange-Message-Is-Ndr/);
    expect(mail.bounce?.messageId).toBe('<reply-43@desk.example.ac.uk>');
    expect(mail.bounce?.diagnostic).toMatch(/550 5\.1\.10/);
  });

  it('a person forwarding a bounce is a person', async () => {
    const mail = await read('forwarded-bounce.eml');
    expect(mail.kind).toBe('human');
    expect(mail.bounce).toBeNull();
    expect(mail.visibleText).toBe('My mail to the registry bounced, can you help?');
  });
});

describe('readMail: visible text', () => {
  it.each([
    ['reply-gmail.eml', 'Thanks, it works now.'],
    ['reply-outlook.eml', 'I still cannot log in.\n\nAnn'],
    ['reply-outlook-original.eml', 'Danke schön.'],
    ['reply-apple.eml', 'Picked it up, thank you!'],
    ['reply-html.eml', 'Works now & thanks.\n\nAnn'],
    ['reply-outlook-html.eml', 'Still broken.'],
  ])('%s shows what the requester wrote, without the quote', async (file, visible) => {
    const mail = await read(file);
    expect(mail.visibleText).toBe(visible);
    expect(mail.text.length).toBeGreaterThan(visible.length);
  });

  it('keeps the HTML and gives its text when there is no text part', async () => {
    const mail = await read('reply-html.eml');
    expect(mail.html).toContain('gmail_quote');
    expect(mail.text).toContain('Your laptop is ready.');
    expect(mail.text).not.toContain('color: red');
  });

  it('keeps a forward sent with nothing above it whole', () => {
    const forward = '-----Original Message-----\nFrom: A <a@b.c>\nSent: today\n\nPlease help.';
    expect(visibleTextOf(forward)).toBe(forward);
  });
});

describe('readMail: unreadable input', () => {
  it('gives an InboundMail with the problem and the raw bytes kept, never an exception', async () => {
    const blobs = memoryBlobs();
    const mail = await read('not-mail.eml', blobs);
    expect(mail.problem).toMatch(/does not look like an email/);
    expect(mail.kind).toBe('human');
    expect(blobs.stored.has(mail.rawBlobId!)).toBe(true);
    expect(mail.key).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reads the subject of a broken message from its headers', async () => {
    const raw = Buffer.from(
      'Subject: Help me\r\nMessage-ID: <x@y>\r\nContent-Type: multipart/mixed\r\n\r\n--',
    );
    const mail = await readMail(raw, { mailbox: 'desk@example.ac.uk', receivedAt: RECEIVED_AT });
    expect(mail.subject).toBe('Help me');
    expect(mail.messageId).toBe('<x@y>');
  });

  it('survives empty input', async () => {
    const mail = await readMail(new Uint8Array(), { mailbox: 'desk@example.ac.uk', receivedAt: RECEIVED_AT });
    expect(mail.problem).not.toBeNull();
  });
});
