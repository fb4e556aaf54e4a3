/**
 * Header fields as the classifier reads them: lower-case names, folded lines joined, values as sent (encoded
 * words left alone: the markers a robot sets are plain ASCII). Also a scan of raw bytes for a message that
 * the parser could not read, so such a message still shows its subject and is keyed by its Message-ID.
 */

export type HeaderFields = ReadonlyMap<string, readonly string[]>;

/** Fields from header lines ("Name: value", possibly folded). */
export function headerFields(lines: Iterable<string>): HeaderFields {
  const fields = new Map<string, string[]>();
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line
      .slice(colon + 1)
      .replace(/\r?\n[ \t]+/g, ' ')
      .trim();
    const list = fields.get(name);
    if (list) list.push(value);
    else fields.set(name, [value]);
  }
  return fields;
}

/** The header block of a message in text (up to the first empty line), split into its fields. */
export function headerBlockLines(text: string): string[] {
  const end = text.search(/\r?\n\r?\n/);
  const block = end < 0 ? text : text.slice(0, end);
  return block.split(/\r?\n(?![ \t])/).filter((l) => l.includes(':'));
}

/** The first value of a field, or null. */
export function field(fields: HeaderFields, name: string): string | null {
  return fields.get(name)?.[0] ?? null;
}

/** The first Message-ID-like token of a value, with angle brackets ("abc@x" → "<abc@x>"). */
export function messageIdOf(value: string | null): string | null {
  if (value === null) return null;
  const bracketed = /<([^<>\s]+)>/.exec(value);
  const bare = bracketed ? bracketed[1]! : value.trim().split(/\s+/)[0];
  if (!bare || bare.length > 998) return null;
  return `<${bare}>`;
}

/** Every Message-ID in a References or In-Reply-To value. */
export function messageIdsOf(value: string | null): string[] {
  if (value === null) return [];
  const ids = [...value.matchAll(/<([^<>\s]+)>/g)].map((m) => `<${m[1]}>`);
  return ids.length > 0
    ? ids
    : value
        .split(/\s+/)
        .filter((v) => v.includes('@'))
        .map((v) => `<${v}>`);
}

/**
 * The headers of raw bytes that the parser could not read: latin1 keeps every byte one character, so a stray
 * invalid UTF-8 byte never hides a field. Only the first 64 KiB are looked at.
 */
export function scanRawHeaders(raw: Uint8Array): HeaderFields {
  const head = Buffer.from(raw.buffer, raw.byteOffset, Math.min(raw.byteLength, 65_536)).toString('latin1');
  return headerFields(headerBlockLines(head));
}

/** Whether the bytes start like a mail message: a header field on the first line. */
export function looksLikeMail(raw: Uint8Array): boolean {
  const start = Buffer.from(raw.buffer, raw.byteOffset, Math.min(raw.byteLength, 1_000)).toString('latin1');
  // Leading blank lines and spaces are common in saved messages; the parser reads past them.
  return /^(?:\u00ef\u00bb\u00bf)?\s*(?:From [^\r\n]*\r?\n)?[!-9;-~]+[ \t]*:/.test(start);
}
