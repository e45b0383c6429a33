// A statement as plain data. D1 ties a prepared statement to the request that prepared it, so statements that may be
// sent by another request (group commit, src/db/together.ts) travel as text and values and are prepared by the sender.
export interface Sql {
  sql: string;
  params: unknown[];
}

export const sql = (text: string, ...params: unknown[]): Sql => ({ sql: text, params });

export const prepareAll = (db: D1Database, list: Sql[]) => list.map((q) => db.prepare(q.sql).bind(...q.params));

/** A plain INSERT of a row whose keys are the table's column names. */
export const insert = (table: string, row: object): Sql => {
  const names = Object.keys(row);
  return sql(`INSERT INTO ${table} (${names.join(", ")}) VALUES (${names.map(() => "?").join(", ")})`, ...Object.values(row));
};
