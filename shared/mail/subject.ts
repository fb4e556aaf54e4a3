/**
 * The case reference in a mail subject: how Desk writes it on the way out and finds it on the way in. The
 * reference itself is written by shared/sync/mutation.ts (`caseRefFor`); this file only knows it sits in square
 * brackets, after whatever reply and forward prefixes the requester's mail program added.
 */
import { CASE_REF_PREFIX } from '../sync/mutation';

/**
 * A reference as `caseRefFor` writes it ("Q-KDRMX-42": the kind's letter, five letters naming the client, the
 * mutation number) or as the demo numbers its cases ("Q-10299"). Case-insensitive: people retype references.
 */
const KIND_LETTERS = Object.values(CASE_REF_PREFIX).join('');
const REF_IN_BRACKETS = new RegExp(`\\[\\s*([${KIND_LETTERS}]-(?:[A-Z]{5}-)?\\d+)\\s*\\]`, 'i');

/**
 * Reply and forward prefixes of the mail programs a UK university meets: English, German (AW, WG, Antw), the
 * Nordic languages (SV, VS, VB, VL), Dutch (Antw, Doorst), French (TR, RÉF), Italian (R, RIF, I), Spanish and
 * Portuguese (RV, RES, ENC), Polish (Odp, PD), Welsh (ATB, YML), Turkish (YNT, İLT), Chinese (回复, 答复, 转发).
 * A counter like "Re[2]:" or "Re(2):" is part of the prefix.
 */
const REPLY_PREFIX =
  /^\s*(?:re|fwd?|aw|wg|sv|vs|vb|vl|antw|antwort|doorst|tr|réf|ref|rif|r|i|rv|res|enc|odp|pd|atb|yml|ynt|i̇lt|回复|答复|转发|回覆|轉寄)\s*(?:\[\d+\]|\(\d+\))?\s*[:：]\s*/iu;

/** The reference in square brackets in a subject ("Re: [Q-KDRMX-42] Laptop" → "Q-KDRMX-42"), as written there. */
export function caseRefInSubject(subject: string): string | null {
  return REF_IN_BRACKETS.exec(subject)?.[1] ?? null;
}

/** The subject without its reply and forward prefixes ("RE: AW: Fwd: Laptop" → "Laptop"). */
export function stripReplyPrefixes(subject: string): string {
  let rest = subject.trim();
  for (;;) {
    const prefix = REPLY_PREFIX.exec(rest);
    if (!prefix) return rest;
    rest = rest.slice(prefix[0].length);
  }
}

/** Letters and digits only, upper case: "[q-kdrmx-42]" and "Q-KDRMX-42" are the same reference. */
function sameRef(a: string, b: string): boolean {
  const key = (ref: string) => ref.toUpperCase().replace(/[^A-Z0-9]/g, '');
  return key(a) === key(b);
}

/**
 * The subject of Desk's reply on a case: "Re: [REF] subject", with one "Re:" however many the thread gathered
 * and the reference once, wherever the requester's subject already carries it.
 */
export function replySubject(ref: string, subject: string): string {
  const rest = stripReplyPrefixes(subject);
  const quoted = caseRefInSubject(rest);
  if (quoted !== null && sameRef(quoted, ref)) return `Re: ${rest}`;
  return rest === '' ? `Re: [${ref}]` : `Re: [${ref}] ${rest}`;
}
