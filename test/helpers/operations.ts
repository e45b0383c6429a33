// The operations this test file called through the typed client. test/setup.ts sends them to the receiver after the
// file's last test; test/operations-reporter.ts fails a full run of the workers project that left one uncalled.
export const called = new Set<string>();

export async function reportCalled(file: string) {
  const operations = [...called];
  called.clear();
  const res = await fetch("https://receiver.test/__operations", { method: "POST", body: JSON.stringify({ file, operations }) });
  if (!res.ok) throw new Error(`recording operations failed: ${res.status} ${await res.text()}`);
}
