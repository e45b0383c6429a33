// A job that cannot do its work yet (another run holds what it needs) says when to come back. The consumer retries
// the message after that delay instead of its failure backoff, and does not log it as a failure.
export class RetryLater extends Error {
  readonly delaySeconds: number;
  constructor(reason: string, delaySeconds: number) {
    super(reason);
    this.name = "RetryLater";
    this.delaySeconds = Math.max(1, Math.ceil(delaySeconds));
  }
}
