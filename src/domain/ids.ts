import { monotonicFactory } from "ulid";

// Monotonic within a millisecond, so ids made in one request sort in the order they were made.
const next = monotonicFactory();

/** A sortable id with a prefix that says what it names: ord_…, line_…, evt_… */
export const newId = (prefix: string, at = Date.now()) => `${prefix}_${next(at)}`;
