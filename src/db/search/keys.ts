// An index entry is one string: the term, a separator below every letter, then the message's
// time in fixed-width base 36. One term's entries are then in time order in the index, so the
// newest matches of a term come first from a reverse cursor, without reading the rest.

const SEP = '\u0001';
const TIME_WIDTH = 9; // base 36: enough for any date before the year 5000

export function entryKey(term: string, at: number): string {
  const t = Math.max(0, Math.floor(at)).toString(36).padStart(TIME_WIDTH, '0');
  return `${term}${SEP}${t}`;
}

export function entryTime(key: string): number {
  return Number.parseInt(key.slice(key.lastIndexOf(SEP) + 1), 36);
}

/** The [lower, upper) bounds of the entries of a term, or of every term starting with it. */
export function termRange(term: string, prefix: boolean): [string, string] {
  return prefix ? [term, `${term}\uffff`] : [`${term}${SEP}`, `${term}\u0002`];
}

/** The term an entry belongs to. */
export function entryTerm(key: string): string {
  return key.slice(0, key.lastIndexOf(SEP));
}
