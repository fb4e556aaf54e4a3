/**
 * How the desk writes people's names and the references they quote. One place, so every template, form and
 * mutator writes them the same way.
 */

const TITLES = new Map(
  [
    'Dr',
    'Prof',
    'Professor',
    'Mr',
    'Mrs',
    'Ms',
    'Miss',
    'Mx',
    'Rev',
    'Revd',
    'Sir',
    'Dame',
    'Lord',
    'Lady',
  ].map((title) => [title.toLowerCase(), title]),
);

/** Sir John Smith is "Sir John"; Dame Mary Beard is "Dame Mary". */
const TITLES_WITH_GIVEN_NAME = new Set(['sir', 'dame']);

/** Words that belong to the surname after them: van der Berg, Ní Bhriain, de la Cruz, bin Salleh. */
const SURNAME_PARTICLES = new Set([
  'al',
  'ap',
  'bin',
  'binti',
  'da',
  'de',
  'del',
  'della',
  'der',
  'des',
  'di',
  'du',
  'el',
  'la',
  'le',
  'mac',
  'mc',
  'nic',
  'ní',
  'ni',
  'ó',
  'o',
  'san',
  'st',
  'st.',
  'te',
  'ten',
  'ter',
  'uí',
  'ui',
  'van',
  'von',
]);

const isParticle = (word: string) => {
  const last = word.split('-').at(-1) ?? word;
  return SURNAME_PARTICLES.has(last.toLowerCase());
};

/**
 * The name to put after "Dear": with a title, the title and surname ("Dr O'Neill-Ní Bhriain"); without one, the
 * name as given ("Aoife O'Neill"). Empty when there is no name to use (a title alone is not a name).
 */
export function salutationName(name: string): string {
  let words = name.trim().replace(/\s+/g, ' ').split(' ').filter(Boolean);
  // "O'Neill-Ní Bhriain, Dr Aoife" (as a directory lists it) reads "Dr Aoife O'Neill-Ní Bhriain".
  const comma = words.findIndex((w) => w.endsWith(','));
  if (comma >= 0 && comma < words.length - 1) {
    words = [...words.slice(comma + 1), ...words.slice(0, comma + 1)].map((w) => w.replace(/,$/, ''));
  }
  const titleWord = words[0]?.replace(/\.$/, '').toLowerCase() ?? '';
  const title = TITLES.get(titleWord);
  if (title === undefined) return words.join(' ');
  const rest = words.slice(1);
  if (rest.length === 0) return '';
  if (TITLES_WITH_GIVEN_NAME.has(titleWord)) return `${title} ${rest[0]}`;
  let start = rest.length - 1;
  while (start > 0 && isParticle(rest[start - 1]!)) start--;
  return `${title} ${rest.slice(start).join(' ')}`;
}

/** The opening line of every letter the desk writes: "Dear Dr O'Neill-Ní Bhriain," (or "Hello," with no name). */
export function greeting(name: string | null | undefined): string {
  const addressed = salutationName(name ?? '');
  return addressed === '' ? 'Hello,' : `Dear ${addressed},`;
}
