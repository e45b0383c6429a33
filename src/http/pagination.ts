/** Rows were fetched with limit + 1: the extra row only says whether another page exists. */
export function pageOf<T, U>(rows: T[], limit: number, cursorOf: (row: T) => string, present: (row: T) => U) {
  const data = rows.slice(0, limit);
  return { data: data.map(present), next_cursor: rows.length > limit ? cursorOf(data[data.length - 1]) : null };
}
