/**
 * What the requester wrote, without the quoted history: the timeline shows this, the full original stays one
 * click away. email-reply-parser (crisp-oss) knows "On … wrote:" in many languages, `>` quotes and signatures;
 * before it, the quote headers it misses are cut here: Outlook's "-----Original Message-----" and
 * "From: … Sent: …" blocks (in the languages of Outlook's UI), the underscore rule Outlook on the web draws, and
 * HTML quotes (blockquote, gmail_quote, divRplyFwdMsg) when the message has only HTML.
 */
import EmailReplyParser from 'email-reply-parser';

const ORIGINAL_MESSAGE =
  /^[ \t>]*-{2,}\s*(?:original message|forwarded message|weitergeleitete nachricht|message transféré|mensaje reenviado|messaggio inoltrato|doorgestuurd bericht|vidarebefordrat meddelande|ursprüngliche nachricht|message d'origine|mensaje original|messaggio originale|oorspronkelijk bericht|originalmeddelande|opprinnelig melding|oprindelig meddelelse|alkuperäinen viesti|wiadomość oryginalna|mensagem original|исходное сообщение|原始邮件|原始郵件)\s*-{2,}\s*$/im;

/** "From:" and the field names Outlook writes under it, in the languages of Outlook's UI. */
const FROM_FIELD = '(?:from|von|de|från|fra|da|van|od|lähettäjä|от|发件人|寄件者|oddíl|gan)';
const NEXT_FIELD =
  '(?:sent|date|to|cc|subject|gesendet|datum|an|betreff|envoyé|date|à|objet|skickat|till|ämne|sendt|til|emne|inviato|data|a|oggetto|verzonden|aan|onderwerp|enviado|fecha|para|asunto|assunto|wysłano|do|temat|lähetetty|vastaanottaja|aihe|отправлено|кому|тема|发送时间|收件人|主题|anfonwyd|at|pwnc)';
const OUTLOOK_HEADER = new RegExp(
  `^[ \\t>*]*${FROM_FIELD}[ \\t*]*:[^\\n]*\\n(?:[^\\n]{0,200}\\n){0,2}[ \\t>*]*${NEXT_FIELD}[ \\t*]*:`,
  'imu',
);
const UNDERSCORE_RULE = /^[ \t]*_{20,}[ \t]*\n(?:[ \t]*\n)?[ \t*]*[^\s:]{2,20}[ \t*]*:/m;

/** The verb of a quote header ("Bob wrote:", "Max schrieb am Fr., 28. Apr. 2017 um 11:53 Uhr:"). */
const WROTE_VERB =
  /(?:^|[\s>])(?:wrote|writes|schrieb|a écrit|escribió|ha scritto|skrev|napisał\(a\)|napisał|escreveu|kirjoitti|пишет|написал\(а\)|написал|schreef|ysgrifennodd|yazdı|写道)(?![\p{L}\p{N}])/iu;
const HEADER_END = /(?::|-{2,})\s*$/;
/** How the first line of a wrapped quote header starts: "On", its translations, or a date. */
const HEADER_START = /^[ \t>]*(?:(?:on|am|le|el|il|op|den|em|w dniu|dne|ar)\s|\d{1,4}[./-]\d)/i;
/** A header with no verb: a date, the sender's address, a colon ("Thu, 26 Jun 2014 14:00 от Alex <a@b.c>:"). */
const DATED_HEADER = /^[ \t>]*(?:\p{L}{2,3},?\s+)?\d{1,4}[ ./-][^\n]{0,200}@[^\n]{0,100}:\s*$/u;

/** Where a quote header ending "wrote:" (wrapped over up to six lines, as Gmail does) starts and ends, or null. */
function wroteHeader(text: string): { start: number; end: number } | null {
  const lines = text.split('\n');
  let offset = 0;
  const starts = lines.map((line) => {
    const at = offset;
    offset += line.length + 1;
    return at;
  });
  for (let verb = 0; verb < lines.length; verb++) {
    const line = lines[verb]!;
    if (line.length > 300) continue;
    const next = lines[verb + 1];
    if (DATED_HEADER.test(line)) return { start: starts[verb]!, end: starts[verb]! + line.length };
    if (next !== undefined && next.length < 100 && DATED_HEADER.test(`${line} ${next}`)) {
      return { start: starts[verb]!, end: starts[verb + 1]! + next.length };
    }
    if (!WROTE_VERB.test(line)) continue;
    const last = HEADER_END.test(line)
      ? verb
      : next !== undefined && next.length < 100 && HEADER_END.test(next)
        ? verb + 1
        : -1;
    if (last < 0) continue;
    return { start: starts[headerStart(lines, verb)]!, end: starts[last]! + lines[last]!.length };
  }
  return null;
}

/** The first line of the header whose verb is on line `verb`: an "On …" line above it, else its own paragraph. */
function headerStart(lines: readonly string[], verb: number): number {
  for (let line = verb; line >= Math.max(0, verb - 5); line--) {
    if (HEADER_START.test(lines[line]!)) return line;
  }
  let start = verb;
  while (start > verb - 2 && start > 0 && lines[start - 1]!.trim() !== '') start--;
  return start;
}

const parser = new EmailReplyParser();
const REPLY_PARSER_LIMIT = 20_000;
const TRAILING_QUOTE = /(?:\n[ \t]*>[^\n]*|\n[ \t]*)+$/;

/** The text the sender wrote above (or without) any quoted history. */
export function visibleTextOf(text: string, options: { fromRobot?: boolean } = {}): string {
  const plain = withoutLeadingQuote(text.replace(/\r\n?/g, '\n'));
  const cut = earliestQuoteHeader(plain);
  const above = cut === null ? plain : plain.slice(0, cut);
  let visible: string;
  try {
    // The reply parser's time grows faster than the text, and it looks for what people write (signatures,
    // "On … wrote:" in many languages): past a long letter's length, or for a robot's message (a bounce, an
    // out-of-office reply, list mail), only a trailing `>` quote is taken off.
    visible =
      options.fromRobot || above.length > REPLY_PARSER_LIMIT
        ? above.replace(TRAILING_QUOTE, '')
        : withoutTrailingQuote(above);
  } catch {
    visible = above;
  }
  // The rule or dashes a mail program draws above its quote header belong to the quote, as does the invisible
  // mark Gmail leaves behind (ᐧ).
  visible = visible.replace(/(?:\n[ \t]*(?:[-_=*#~+]{2,}|ᐧ)[ \t]*)+\s*$/u, '').trim();
  // A message that is nothing but a quote (a bare forward) shows the quote rather than nothing.
  return visible === '' ? plain.trim() : visible;
}

/**
 * The text without the quote and signature it ends with (what email-reply-parser hides). A quote with the
 * sender's answers below it stays: those answers need it to be understood.
 */
function withoutTrailingQuote(text: string): string {
  const fragments = parser.read(text).getFragments();
  let last = fragments.length - 1;
  while (last >= 0 && (fragments[last]!.isHidden() || fragments[last]!.isEmpty())) last--;
  return fragments
    .slice(0, last + 1)
    .map((f) => f.getContent())
    .join('\n');
}

/** A reply written below the quote (Thunderbird's default): the "wrote:" header and the quote under it go. */
function withoutLeadingQuote(text: string): string {
  const lead = text.length - text.trimStart().length;
  const header = wroteHeader(text);
  if (header === null || header.start > lead) return text;
  const after = text.slice(header.end).split('\n');
  let line = 1;
  while (line < after.length && (after[line]!.startsWith('>') || after[line]!.trim() === '')) line++;
  const rest = after.slice(line).join('\n');
  return line > 1 && rest.trim() !== '' ? rest : text;
}

function earliestQuoteHeader(text: string): number | null {
  let earliest: number | null = null;
  for (const pattern of [ORIGINAL_MESSAGE, OUTLOOK_HEADER, UNDERSCORE_RULE]) {
    const found = pattern.exec(text);
    if (found && (earliest === null || found.index < earliest)) earliest = found.index;
  }
  const wrote = wroteHeader(text)?.start ?? null;
  if (wrote !== null && (earliest === null || wrote < earliest)) earliest = wrote;
  // A header on the very first line is a forward with nothing written above it: keep everything.
  return earliest === 0 ? null : earliest;
}

/** Where the quoted history of an HTML reply starts: what Gmail, Outlook, Apple Mail, Thunderbird and Yahoo mark. */
const HTML_QUOTE_START =
  /<div[^>]*\bclass=["']?[^"'>]*\bgmail_quote\b|<blockquote\b|<div[^>]*\bid=["']?(?:divRplyFwdMsg|appendonsend|OLK_SRC_BODY_SECTION)\b|<span[^>]*\bid=["']?OLK_SRC_BODY_SECTION\b|<hr[^>]*\bid=["']?stopSpelling\b|<div[^>]*\bclass=["']?[^"'>]*\b(?:moz-cite-prefix|yahoo_quoted|OutlookMessageHeader)\b|<div[^>]*style=["'][^"']*border-top:\s*solid\s*#(?:B5C4DF|E1E1E1)/i;

/** The HTML before its quoted history (the whole HTML when it has none). */
export function htmlWithoutQuote(html: string): string {
  const found = HTML_QUOTE_START.exec(html);
  return found && found.index > 0 ? html.slice(0, found.index) : html;
}

const BLOCK_END =
  /<\/(?:p|div|tr|li|h[1-6]|table|blockquote|pre|address|section|article|header|footer|ul|ol)\s*>/gi;
const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  rsquo: '’',
  lsquo: '‘',
  rdquo: '”',
  ldquo: '“',
  pound: '£',
  euro: '€',
  copy: '©',
  reg: '®',
  bull: '•',
  middot: '·',
};

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code =
        name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/**
 * HTML as plain text for reading and for the reply parser: paragraphs and line breaks kept, styles, scripts
 * and comments dropped. Not a renderer: the case view shows the sanitised HTML itself.
 */
export function htmlToText(html: string): string {
  const text = html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<(head|style|script|title|xml)\b[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(BLOCK_END, '\n')
    .replace(/<(?:p|div|tr|li|h[1-6]|table|hr)\b[^>]*>/gi, '\n')
    .replace(/<[^>]*>/g, '');
  return decodeEntities(text)
    .replace(/[ \t\u00a0]+/g, ' ')
    .replace(/ ?\n ?/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
