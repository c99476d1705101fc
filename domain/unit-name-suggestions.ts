// R16: the request names one exact unit, but people mistype (the manual's FAQ: "搜索不到公司名称").
// Close names are ranked by the Sørensen–Dice coefficient over character bigrams, which suits
// Chinese names (no word boundaries) and tolerates a missing, extra or changed character.

export function bigrams(text: string): string[] {
  const chars = [...text.replace(/\s+/g, "")];
  if (chars.length < 2) return chars;
  return chars.slice(1).map((c, i) => chars[i] + c);
}

export function nameSimilarity(a: string, b: string): number {
  return similarityTo(a)(b);
}

/**
 * `nameSimilarity(a, ·)` with `a`'s bigrams counted once: ranking scores hundreds of names against
 * one query. Shared bigrams are counted with multiplicity (a bigram twice in both counts twice).
 */
export function similarityTo(a: string): (b: string) => number {
  const left = bigrams(a);
  const wanted = new Map<string, number>();
  for (const gram of left) wanted.set(gram, (wanted.get(gram) ?? 0) + 1);
  return (b) => {
    // bigrams(b) without building it: its characters but white space, paired as they come.
    let previous: string | undefined;
    let characters = 0;
    let shared = 0;
    let used: Map<string, number> | undefined;
    for (const character of b) {
      if (WHITE_SPACE.has(character)) continue;
      characters++;
      if (previous !== undefined) {
        const gram = previous + character;
        const available = wanted.get(gram);
        if (available) {
          used ??= new Map();
          const taken = used.get(gram) ?? 0;
          if (taken < available) {
            shared++;
            used.set(gram, taken + 1);
          }
        }
      }
      previous = character;
    }
    // One character is its own "bigram" (bigrams()), which only a one-character query shares.
    if (characters === 1 && wanted.has(previous!)) shared = 1;
    const total = left.length + (characters < 2 ? characters : characters - 1);
    return total === 0 ? 0 : (2 * shared) / total;
  };
}

/** The characters JavaScript's `\s` matches (what bigrams() drops). */
const WHITE_SPACE = new Set([
  ..."\t\n\v\f\r \u00a0\u1680\u2028\u2029\u202f\u205f\u3000\ufeff",
  ...Array.from({ length: 11 }, (_, i) => String.fromCharCode(0x2000 + i)),
]);

/**
 * Orders two texts by their characters' code points: the order of SQLite's BINARY and PostgreSQL's C
 * collation (README: the database is created with it), so the database can read names in this order.
 * Unlike `localeCompare` it does not depend on the server's locale; unlike `<` it orders characters
 * beyond U+FFFF (surrogate pairs in JavaScript strings) after U+E000–U+FFFF, as UTF-8 bytes do.
 */
export function compareCodePoints(a: string, b: string): number {
  const common = Math.min(a.length, b.length);
  for (let i = 0; i < common; i++) {
    // At the first differing UTF-16 unit, codePointAt reads the whole character when a pair starts
    // there (a character beyond U+FFFF against one below) and the low halves when both pairs share
    // their high half: either way the code points' order.
    if (a.charCodeAt(i) !== b.charCodeAt(i)) return a.codePointAt(i)! - b.codePointAt(i)!;
  }
  return a.length - b.length;
}

/**
 * Names that contain the query first, then the most similar; at most `limit`, none below `min`.
 * Names that contain it score by their length only (every bigram of the query is shared): the
 * shorter first. Equal scores: by code point (compareCodePoints), the order the stored bigrams'
 * index holds, so the database can stop after the first `limit` containing names.
 */
export function rankUnitNames(query: string, names: string[], limit = 8, min = 0.3): string[] {
  const q = query.trim();
  const similarity = similarityTo(q);
  return names
    .map((name) => ({ name, contains: name.includes(q), score: similarity(name) }))
    .filter((n) => n.contains || n.score >= min)
    .sort(
      (x, y) =>
        Number(y.contains) - Number(x.contains) || y.score - x.score || compareCodePoints(x.name, y.name),
    )
    .slice(0, limit)
    .map((n) => n.name);
}
