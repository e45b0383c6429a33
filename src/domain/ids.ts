// Ids that sort by the time they were made but say nothing about their neighbours (OWASP API1: an order id must not
// lead to the next order). Shape: <prefix>_ + 26 Crockford base32 characters, like a ULID and as long:
//   10 characters of milliseconds since 1970 | 3 characters of sequence within that millisecond | 13 random characters
// The random part is fresh from crypto.getRandomValues for every id (65 bits), never an increment of the last one.
//
// Why a sequence at all: workerd stops the clock while a request computes, so every id of one request (an order's
// lines, its timeline events, its outbox events) carries the same millisecond, and lists ordered by (created_at, id)
// must keep them in the order they were made. The sequence counts ids of this isolate within one millisecond; it tells
// a reader how many ids this isolate made in that millisecond, nothing that finds another id.

const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const TIME_CHARS = 10;
const SEQ_CHARS = 3;
const RANDOM_CHARS = 13;
const SEQ_LIMIT = 32 ** SEQ_CHARS;

let lastMs = 0;
let seq = 0;

function base32(value: number, chars: number): string {
  let out = "";
  for (let i = 0; i < chars; i++) {
    out = ALPHABET[value % 32] + out;
    value = Math.floor(value / 32);
  }
  return out;
}

function randomChars(n: number): string {
  // 256 is a multiple of 32, so masking a random byte keeps every character equally likely.
  const bytes = crypto.getRandomValues(new Uint8Array(n));
  let out = "";
  for (const b of bytes) out += ALPHABET[b & 31];
  return out;
}

/** A sortable id with a prefix that says what it names: ord_…, line_…, evt_… */
export function newId(prefix: string, at = Date.now()): string {
  // Never backwards within the isolate: an id made later sorts after one made earlier, as the ULIDs before these did.
  if (at > lastMs) (lastMs = at), (seq = 0);
  else if (++seq >= SEQ_LIMIT) (lastMs += 1), (seq = 0); // 32,768 ids in one millisecond: borrow the next one
  return `${prefix}_${base32(lastMs, TIME_CHARS)}${base32(seq, SEQ_CHARS)}${randomChars(RANDOM_CHARS)}`;
}
