/**
 * The webhook deliveries still being handled. An HTTP request is not enough to know: Probot answers a delivery
 * `202 still processing` after 9 s while its handler goes on, so a shutdown waits for the handlers themselves.
 */
export class InFlight {
  private count = 0;
  private waiters: (() => void)[] = [];

  get size(): number {
    return this.count;
  }

  readonly track = async (work: () => Promise<void>): Promise<void> => {
    this.count++;
    try {
      await work();
    } finally {
      this.count--;
      if (this.count === 0) for (const wake of this.waiters.splice(0)) wake();
    }
  };

  /** Resolves once nothing is in flight (at once when nothing is). */
  idle(): Promise<void> {
    if (this.count === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }
}
