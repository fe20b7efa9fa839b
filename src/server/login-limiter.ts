/**
 * Failed sign-ins per key (address and e-mail): after `attempts` failures within `windowMs`,
 * further attempts wait until the oldest failure leaves the window. In memory: one server.
 */
export class LoginLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly attempts: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds to wait before another attempt; 0 when one may try now. */
  retryAfter(key: string): number {
    const recent = this.recent(key);
    if (recent.length < this.attempts) return 0;
    return (recent[0] ?? 0) + this.windowMs - this.now();
  }

  failed(key: string): void {
    const recent = this.recent(key);
    recent.push(this.now());
    this.failures.set(key, recent);
  }

  succeeded(key: string): void {
    this.failures.delete(key);
  }

  private recent(key: string): number[] {
    const since = this.now() - this.windowMs;
    return (this.failures.get(key) ?? []).filter((t) => t > since);
  }
}
