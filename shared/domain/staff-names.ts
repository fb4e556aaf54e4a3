/**
 * A formal complaint's first contact must not name staff (it is handled in confidence). The intake form warns
 * when its text names someone from the desk directory, by full name or by title and surname ("Dr Raman"), and
 * redacts every mention in one go.
 */
export interface StaffMention {
  /** The directory name that was found ("Ana Patel"). */
  name: string;
  /** The text as written ("ana patel", "Ms Patel"). */
  found: string;
}

export const REDACTED = '[a member of staff]';

const TITLES = ['Mr', 'Mrs', 'Ms', 'Miss', 'Mx', 'Dr', 'Prof', 'Professor'];

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** One pattern per person: their full name, or a title with their surname, as whole words. */
function patternsFor(names: readonly string[]): { name: string; pattern: RegExp }[] {
  return names.map((full) => {
    const words = full
      .replace(/^(Dr|Prof|Professor)\s+/i, '')
      .trim()
      .split(/\s+/);
    const surname = words.at(-1) ?? full;
    const fullName = words.map(escapeRegExp).join('\\s+');
    const titled = `(?:${TITLES.join('|')})\\.?\\s+${escapeRegExp(surname)}`;
    return { name: full, pattern: new RegExp(`(?<![\\p{L}])(?:${fullName}|${titled})(?![\\p{L}])`, 'giu') };
  });
}

/** Every staff name the texts mention, once per name. */
export function findStaffNames(texts: readonly string[], staff: readonly string[]): StaffMention[] {
  const found = new Map<string, StaffMention>();
  for (const { name, pattern } of patternsFor(staff)) {
    for (const text of texts) {
      pattern.lastIndex = 0;
      const match = pattern.exec(text);
      if (match) {
        found.set(name, { name, found: match[0] });
        break;
      }
    }
  }
  return [...found.values()];
}

/** The text with every mention of these staff replaced by REDACTED. */
export function redactStaffNames(text: string, staff: readonly string[]): string {
  let redacted = text;
  for (const { pattern } of patternsFor(staff)) redacted = redacted.replace(pattern, REDACTED);
  return redacted;
}
