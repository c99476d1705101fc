// R16: the request names one exact unit, but people mistype (the manual's FAQ: "搜索不到公司名称").
// Close names are ranked by the Sørensen–Dice coefficient over character bigrams, which suits
// Chinese names (no word boundaries) and tolerates a missing, extra or changed character.

export function bigrams(text: string): string[] {
  const chars = [...text.replace(/\s+/g, "")];
  if (chars.length < 2) return chars;
  return chars.slice(1).map((c, i) => chars[i] + c);
}

export function nameSimilarity(a: string, b: string): number {
  const left = bigrams(a);
  const right = new Map<string, number>();
  for (const gram of bigrams(b)) right.set(gram, (right.get(gram) ?? 0) + 1);
  let shared = 0;
  for (const gram of left) {
    const count = right.get(gram) ?? 0;
    if (count > 0) {
      shared++;
      right.set(gram, count - 1);
    }
  }
  const total = left.length + bigrams(b).length;
  return total === 0 ? 0 : (2 * shared) / total;
}

/**
 * Orders two texts by their characters' code points: the order of SQLite's BINARY and PostgreSQL's C
 * collation (README: the database is created with it), so the database can read names in this order.
 * Unlike `localeCompare` it does not depend on the server's locale; unlike `<` it orders characters
 * beyond U+FFFF (surrogate pairs in JavaScript strings) after U+E000–U+FFFF, as UTF-8 bytes do.
 */
export function compareCodePoints(a: string, b: string): number {
  const left = [...a];
  const right = [...b];
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const d = left[i]!.codePointAt(0)! - right[i]!.codePointAt(0)!;
    if (d !== 0) return d;
  }
  return left.length - right.length;
}

/**
 * Names that contain the query first, then the most similar; at most `limit`, none below `min`.
 * Names that contain it score by their length only (every bigram of the query is shared): the
 * shorter first. Equal scores: by code point (compareCodePoints), the order the stored bigrams'
 * index holds, so the database can stop after the first `limit` containing names.
 */
export function rankUnitNames(query: string, names: string[], limit = 8, min = 0.3): string[] {
  const q = query.trim();
  return names
    .map((name) => ({ name, contains: name.includes(q), score: nameSimilarity(q, name) }))
    .filter((n) => n.contains || n.score >= min)
    .sort(
      (x, y) =>
        Number(y.contains) - Number(x.contains) || y.score - x.score || compareCodePoints(x.name, y.name),
    )
    .slice(0, limit)
    .map((n) => n.name);
}
