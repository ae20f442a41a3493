import { distance } from "fastest-levenshtein";

/** The known names closest to `input` (case-insensitive edit distance), best first. */
export function closest(input: string, known: readonly string[], count = 3): string[] {
  const needle = input.toLowerCase();
  return [...known]
    .map((name) => ({ name, d: distance(needle, name.toLowerCase()) }))
    .sort((a, b) => a.d - b.d || a.name.localeCompare(b.name))
    .slice(0, count)
    .map((x) => x.name);
}
