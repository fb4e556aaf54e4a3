/** How references people quote are written: "q 10474", "Q10474" and "q-10474" are all Q-10474. */

/** The letters Desk's own references start with (query, complaint, escalation, formal complaint). */
const DESK_PREFIXES = new Set(['Q', 'C', 'E', 'F']);

/**
 * A quoted ticket in its canonical form. A Desk reference (its kind's letter, then digits or a client tag and
 * digits) is written as Desk writes it ("q 10474" → "Q-10474", "q kdrmx 42" → "Q-KDRMX-42"); anything else (a
 * number from an older system) is kept as the requester gave it, with its spacing tidied.
 */
export function canonicalTicketRef(quoted: string): string {
  const text = quoted.trim().replace(/\s+/g, ' ');
  const parts = text
    .toUpperCase()
    .split(/[^A-Z0-9]+|(?<=[A-Z])(?=[0-9])/)
    .filter(Boolean);
  const [prefix, ...rest] = parts;
  const deskShaped =
    prefix !== undefined &&
    DESK_PREFIXES.has(prefix) &&
    ((rest.length === 1 && /^[0-9]+$/.test(rest[0]!)) ||
      (rest.length === 2 && /^[A-Z]{5}$/.test(rest[0]!) && /^[0-9]+$/.test(rest[1]!)));
  return deskShaped ? [prefix, ...rest].join('-') : text;
}

/** Several quoted tickets ("Q-10428, q 10433"), each canonical, comma-separated. */
export function canonicalTicketRefs(quoted: string): string {
  return quoted
    .split(/[,;\n]+/)
    .map(canonicalTicketRef)
    .filter(Boolean)
    .join(', ');
}
