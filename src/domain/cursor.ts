// Keyset cursors for sorted lists: the last row's sort value and id, so the next page starts right after it however
// many rows were added meanwhile. Opaque to clients (base64url), and bound to the sort they were made for.

export interface Cursor {
  sort: string;
  value: number;
  id: string;
}

export const encodeCursor = ({ sort, value, id }: Cursor) => btoa(JSON.stringify([sort, value, id])).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");

/** The cursor, or null when the text is not one this API made. */
export function decodeCursor(text: string): Cursor | null {
  try {
    const parsed: unknown = JSON.parse(atob(text.replace(/-/g, "+").replace(/_/g, "/")));
    if (!Array.isArray(parsed) || parsed.length !== 3) return null;
    const [sort, value, id] = parsed;
    if (typeof sort !== "string" || !Number.isSafeInteger(value) || typeof id !== "string" || !id || id.length > 64) return null;
    return { sort, value, id };
  } catch {
    return null;
  }
}
