// A small RFC 4180 writer. No CSV library is a dependency, and writing (unlike parsing) is a few lines: quote a field
// that holds a quote, comma or line break, double its quotes, end rows with CRLF.
export type Cell = string | number | null | undefined;

/**
 * Shoppers type names and addresses: a text cell starting like a formula (= + - @, tab, CR) is prefixed with an
 * apostrophe so a spreadsheet shows it instead of running it (CSV injection). Numbers are written as numbers.
 */
const FORMULA = /^[=+\-@\t\r]/;

export function csvCell(value: Cell): string {
  if (value == null) return "";
  let text = typeof value === "number" ? String(value) : value;
  if (typeof value === "string" && FORMULA.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export const csvRow = (cells: Cell[]) => `${cells.map(csvCell).join(",")}\r\n`;
