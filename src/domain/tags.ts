// Order tags as staff type them: one spelling per tag, so "VIP", " vip " and "vip" are the same tag and a filter finds
// every order that carries it.

export const MAX_TAGS = 20;
export const MAX_TAG_LENGTH = 40;

// Letters and digits of any script, and the separators people put in tags; no commas (lists) or quotes.
const TAG = /^[\p{L}\p{N}][\p{L}\p{N} _:./#-]*$/u;

export const normalizeTag = (tag: string) => tag.trim().replace(/\s+/g, " ").toLowerCase();

/** A problem with one tag as given, or null when it is fine once normalised. */
export function tagProblem(tag: string): string | null {
  const t = normalizeTag(tag);
  if (!t) return "A tag may not be empty";
  if (t.length > MAX_TAG_LENGTH) return `A tag has at most ${MAX_TAG_LENGTH} characters`;
  if (!TAG.test(t)) return "Letters, digits, spaces and _ : . / # - only, starting with a letter or digit";
  return null;
}

/** Normalised, without duplicates, in the order first given. */
export const normalizeTags = (tags: readonly string[]) => [...new Set(tags.map(normalizeTag))];

/** What a change of tags added and removed, for the timeline. */
export function tagChange(before: readonly string[], after: readonly string[]) {
  return { added: after.filter((t) => !before.includes(t)), removed: before.filter((t) => !after.includes(t)) };
}
