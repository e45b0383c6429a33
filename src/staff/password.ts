// Passwords are stored as salted PBKDF2-SHA256 with their parameters, so the cost can rise later without a reset:
// `pbkdf2-sha256$<iterations>$<salt>$<hash>` (base64). Workers' Web Crypto caps PBKDF2 at 100,000 iterations.
const ITERATIONS = 100_000;
const encoder = new TextEncoder();

const b64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const unb64 = (text: string) => Uint8Array.from(atob(text), (ch) => ch.charCodeAt(0));

async function derive(password: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey("raw", encoder.encode(password), "PBKDF2", false, ["deriveBits"]);
  const bits = await crypto.subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt, iterations }, key, 256);
  return new Uint8Array(bits);
}

export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  return `pbkdf2-sha256$${ITERATIONS}$${b64(salt)}$${b64(await derive(password, salt, ITERATIONS))}`;
}

export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
  const [scheme, iterations, salt, hash] = (stored ?? "").split("$");
  if (scheme !== "pbkdf2-sha256" || !salt || !hash) {
    // Spend the same work on an unknown user, so timing does not tell which emails have accounts.
    await derive(password, new Uint8Array(16), ITERATIONS);
    return false;
  }
  const want = unb64(hash);
  const got = await derive(password, unb64(salt), Number(iterations));
  return want.length === got.length && crypto.subtle.timingSafeEqual(want, got);
}

/** What a password must be: long enough to resist guessing, short enough to hash cheaply. */
export const PASSWORD_RULE = { min: 10, max: 200 };
