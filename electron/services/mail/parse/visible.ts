/**
 * What the requester wrote, without the quoted history: the timeline shows this, the full original stays one
 * click away. email-reply-parser (crisp-oss) knows "On … wrote:" in many languages, `>` quotes and signatures;
 * before it, the quote headers it misses are cut here: Outlook's "-----Original Message-----" and
 * "From: … Sent: …" blocks (in the languages of Outlook's UI), the underscore rule Outlook on the web draws, and
 * HTML quotes (blockquote, gmail_quote, divRplyFwdMsg) when the message has only HTML.
 */
import EmailReplyParser from 'email-reply-parser';

const ORIGINAL_MESSAGE =
  /^[ \t>]*-{2,}\s*(?:original message|ursprüngliche nachricht|message d'origine|mensaje original|messaggio originale|oorspronkelijk bericht|originalmeddelande|opprinnelig melding|oprindelig meddelelse|alkuperäinen viesti|wiadomość oryginalna|mensagem original|исходное сообщение|原始邮件|原始郵件)\s*-{2,}\s*$/im;

/** "From:" and the field names Outlook writes under it, in the languages of Outlook's UI. */
const FROM_FIELD = '(?:from|von|de|från|fra|da|van|od|lähettäjä|от|发件人|寄件者|oddíl|gan)';
const NEXT_FIELD =
  '(?:sent|date|to|cc|subject|gesendet|datum|an|betreff|envoyé|date|à|objet|skickat|till|ämne|sendt|til|emne|inviato|data|a|oggetto|verzonden|aan|onderwerp|enviado|fecha|para|asunto|assunto|wysłano|do|temat|lähetetty|vastaanottaja|aihe|отправлено|кому|тема|发送时间|收件人|主题|anfonwyd|at|pwnc)';
const OUTLOOK_HEADER = new RegExp(
  `^[ \\t>*]*${FROM_FIELD}[ \\t*]*:[^\\n]*\\n(?:[ \\t>*]*\\n)?[ \\t>*]*${NEXT_FIELD}[ \\t*]*:`,
  'imu',
);
const UNDERSCORE_RULE = /^[ \t]*_{20,}[ \t]*\n(?:[ \t]*\n)?[ \t*]*[^\s:]{2,20}[ \t*]*:/m;

/** A quote header of one to three lines ending "wrote:" in the languages email-reply-parser may miss. */
const WROTE_LINE =
  /^[ \t>]*\S[^\n]{0,300}?(?:\n[^\n]{0,200}?){0,2}(?:wrote|writes|schrieb|a écrit|escribió|ha scritto|skrev|napisał\(a\)|napisał|escreveu|kirjoitti|пишет|написал\(а\)|написал|schreef|ysgrifennodd|yazdı|写道)\s*:[ \t]*$/imu;

const parser = new EmailReplyParser();

/** The text the sender wrote above (or without) any quoted history. */
export function visibleTextOf(text: string): string {
  const plain = text.replace(/\r\n?/g, '\n');
  const cut = earliestQuoteHeader(plain);
  const above = cut === null ? plain : plain.slice(0, cut);
  let visible: string;
  try {
    visible = parser.read(above).getVisibleText();
  } catch {
    visible = above;
  }
  visible = visible.trim();
  // A message that is nothing but a quote (a bare forward) shows the quote rather than nothing.
  return visible === '' ? plain.trim() : visible;
}

function earliestQuoteHeader(text: string): number | null {
  let earliest: number | null = null;
  for (const pattern of [ORIGINAL_MESSAGE, OUTLOOK_HEADER, UNDERSCORE_RULE, WROTE_LINE]) {
    const found = pattern.exec(text);
    if (found && (earliest === null || found.index < earliest)) earliest = found.index;
  }
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
