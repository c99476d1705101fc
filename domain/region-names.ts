// Region names (GB/T 2260) in English for the English console (issue 13.7): the proper name in pinyin
// (Hanyu Pinyin without tones, syllables joined, an apostrophe before a syllable that starts with a
// vowel, as in Zheng'an), the kind of division translated, the peoples of an autonomous division named
// ("Weining Yi, Hui and Miao Autonomous County"). Derived from the Chinese name, so a renamed or new
// region needs no translation table; the console shows the Chinese name beside it.
import { pinyin } from "pinyin-pro";

/** The kinds of division by their Chinese ending, longest first. */
const DIVISION_KINDS: readonly [string, string][] = [
  ["自治州", "Autonomous Prefecture"],
  ["自治县", "Autonomous County"],
  ["特区", "Special District"],
  ["新区", "New Area"],
  ["地区", "Prefecture"],
  ["省", "Province"],
  ["市", "City"],
  ["区", "District"],
  ["县", "County"],
];

/** The peoples that Guizhou's autonomous divisions name, by their official English names. */
const PEOPLES: Record<string, string> = {
  苗族: "Miao",
  侗族: "Dong",
  布依族: "Buyei",
  彝族: "Yi",
  回族: "Hui",
  土家族: "Tujia",
  仡佬族: "Gelao",
  水族: "Shui",
};

/** Proper names whose characters a dictionary reads otherwise (都 is dū in place names, not dōu). */
const READINGS: Record<string, string[]> = {
  都匀: ["du", "yun"],
  三都: ["san", "du"],
};

const capitalized = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

/** "正安" → "Zheng'an": syllables joined, an apostrophe where a syllable starting with a, o or e would blur the boundary. */
export function placeNamePinyin(name: string): string {
  const syllables = READINGS[name] ?? pinyin(name, { toneType: "none", type: "array", v: true });
  const joined = syllables
    .map((syllable, index) => (index > 0 && /^[aoe]/.test(syllable) ? `'${syllable}` : syllable))
    .join("");
  return capitalized(joined);
}

const listed = (items: string[]): string =>
  items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;

/**
 * A region's name in English: "毕节市" → "Bijie City", "六枝特区" → "Liuzhi Special District",
 * "黔东南苗族侗族自治州" → "Qiandongnan Miao and Dong Autonomous Prefecture". A name with no known
 * ending is read whole ("贵州" → "Guizhou").
 */
export function regionNameInEnglish(name: string): string {
  const kind = DIVISION_KINDS.find(([ending]) => name.length > ending.length && name.endsWith(ending));
  let stem = kind ? name.slice(0, -kind[0].length) : name;
  const peoples: string[] = [];
  if (kind?.[0].startsWith("自治")) {
    // The peoples come last in the stem, each ending in 族: peel them off from the end.
    for (let found = true; found; ) {
      found = false;
      for (const [people, english] of Object.entries(PEOPLES)) {
        if (stem.length > people.length && stem.endsWith(people)) {
          peoples.unshift(english);
          stem = stem.slice(0, -people.length);
          found = true;
        }
      }
    }
  }
  return [placeNamePinyin(stem), listed(peoples), kind?.[1]].filter(Boolean).join(" ");
}
