/** D1 reports a violated UNIQUE constraint only in the error text (sometimes in its cause). */
export const isUniqueViolation = (err: unknown) =>
  /UNIQUE constraint failed/.test(String((err as Error)?.message) + String((err as Error)?.cause));
