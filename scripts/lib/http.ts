// A small JSON client for the edge-oms HTTP API, used by the dev, seed and bench scripts (Node's fetch).

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export interface RequestOptions {
  body?: unknown;
  /** Sent as the `Idempotency-Key` header. */
  idempotencyKey?: string;
  /** Overrides the client's key for this one request. */
  key?: string;
  signal?: AbortSignal;
}

/** An answer the caller did not expect; the message names the route, the status and the problem `code`. */
export class ApiError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    readonly body: any,
  ) {
    const code = body && typeof body === "object" && "code" in body ? ` ${body.code}` : "";
    const detail = body && typeof body === "object" && "detail" in body ? `: ${body.detail}` : "";
    super(`${method} ${path} -> ${status}${code}${detail}`);
  }

  /** The problem `code` of an RFC 9457 answer, if any. */
  get code(): string | undefined {
    return this.body && typeof this.body === "object" ? this.body.code : undefined;
  }
}

export class Api {
  constructor(
    readonly baseUrl: string,
    readonly key?: string,
  ) {}

  withKey(key: string) {
    return new Api(this.baseUrl, key);
  }

  async request<T = any>(method: string, path: string, opts: RequestOptions = {}): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { accept: "application/json" };
    const key = opts.key ?? this.key;
    if (key) headers.authorization = `Bearer ${key}`;
    if (opts.idempotencyKey) headers["idempotency-key"] = opts.idempotencyKey;
    let payload: string | undefined;
    if (opts.body !== undefined) {
      headers["content-type"] = "application/json";
      payload = JSON.stringify(opts.body);
    }
    const res = await fetch(new URL(path, this.baseUrl), { method, headers, body: payload, signal: opts.signal });
    const text = await res.text();
    let body: any = text;
    if (text && /json/.test(res.headers.get("content-type") ?? "")) {
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
    }
    return { status: res.status, body: body as T, headers: res.headers };
  }

  get<T = any>(path: string, opts?: RequestOptions) {
    return this.request<T>("GET", path, opts);
  }

  post<T = any>(path: string, body: unknown, opts: Omit<RequestOptions, "body"> = {}) {
    return this.request<T>("POST", path, { ...opts, body });
  }
}

/** Returns the body when the status is one of `ok`; throws an ApiError otherwise. */
export function expectStatus<T>(method: string, path: string, res: ApiResponse<T>, ...ok: number[]): T {
  if (!ok.includes(res.status)) throw new ApiError(method, path, res.status, res.body);
  return res.body;
}

/** A route that is not there (yet): a 404 or 405 without a domain-specific problem code. */
export function isMissingRoute(res: ApiResponse): boolean {
  if (res.status === 405) return true;
  if (res.status !== 404) return false;
  const code = res.body && typeof res.body === "object" ? String(res.body.code ?? "") : "";
  return code === "" || code === "not_found" || code === "route_not_found";
}

/** Every item of a cursor-paginated list (`limit`/`cursor` -> `{data, next_cursor}`). */
export async function listAll<T = any>(api: Api, path: string, limit = 200): Promise<ApiResponse<T[]>> {
  const items: T[] = [];
  let cursor: string | null = null;
  let last: ApiResponse<any> | undefined;
  for (let page = 0; page < 1000; page++) {
    const url = new URL(path, api.baseUrl);
    url.searchParams.set("limit", String(limit));
    if (cursor) url.searchParams.set("cursor", cursor);
    last = await api.get(url.pathname + url.search);
    if (last.status !== 200) return { status: last.status, body: last.body, headers: last.headers };
    items.push(...((last.body?.data ?? []) as T[]));
    cursor = last.body?.next_cursor ?? null;
    if (!cursor) break;
  }
  return { status: 200, body: items, headers: last!.headers };
}
