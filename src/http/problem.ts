// RFC 9457 problem details: the one error type of the API, turned into a response in one place (app.onError).

export interface FieldError {
  /** Where the bad value is: "body.lines.0.quantity", "query.limit", "header.idempotency-key". */
  field: string;
  message: string;
}

export class Problem extends Error {
  /** Response headers that belong to this answer (Retry-After of a 429). */
  readonly headers: Record<string, string> = {};
  constructor(
    readonly status: number,
    /** Stable, machine-readable; clients branch on it. */
    readonly code: string,
    readonly title: string,
    readonly detail?: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(detail ?? title);
  }

  toJSON(instance?: string) {
    // Extensions first: none of them may overwrite the standard members or the code clients branch on.
    return {
      ...this.extensions,
      type: `https://edge-oms.dev/problems/${this.code}`,
      title: this.title,
      status: this.status,
      code: this.code,
      ...(this.detail ? { detail: this.detail } : {}),
      ...(instance ? { instance } : {}),
    };
  }
}

export const badRequest = (code: string, detail: string, errors?: FieldError[]) =>
  new Problem(400, code, "Bad request", detail, errors ? { errors } : {});
export const validationFailed = (errors: FieldError[]) =>
  new Problem(400, "validation_failed", "The request is not valid", `${errors.length} field(s) are not valid`, { errors });
export const unauthorized = (detail: string) => new Problem(401, "unauthorized", "Unauthorized", detail);
export const forbidden = (code: string, detail: string) => new Problem(403, code, "Forbidden", detail);
export const notFound = (code: string, detail: string) => new Problem(404, code, "Not found", detail);
export const conflict = (code: string, detail: string, extensions?: Record<string, unknown>) =>
  new Problem(409, code, "Conflict", detail, extensions);
export const unprocessable = (code: string, detail: string, extensions?: Record<string, unknown>) =>
  new Problem(422, code, "Unprocessable request", detail, extensions);
