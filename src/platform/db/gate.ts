/**
 * The turns at the database's connections, with work already begun served first.
 *
 * Under load, every statement of a request used to queue at the pool behind every statement that
 * had queued before it, so a page that needs six statements waited in the queue six times while a
 * page that needs one waited once: the many-statement pages (a person's card, the lists) made up
 * the slow tail. Here a statement of a request that has already had a turn goes before the first
 * statement of a request that has not: a started page finishes, a new one waits once. The mean
 * wait is the same — the connections do the same work — the tail is shorter.
 *
 * `size` is the pool's size: the gate hands out as many turns as there are connections, so the
 * pool itself never queues.
 */
export class Gate {
  private active = 0;
  private readonly started: (() => void)[] = [];
  private readonly fresh: (() => void)[] = [];
  constructor(readonly size: number) {}

  /** Waits for a turn; `begun`: the caller's work has had one before. */
  acquire(begun: boolean): Promise<void> {
    if (this.active < this.size) {
      this.active += 1;
      return Promise.resolve();
    }
    return new Promise((resolve) => (begun ? this.started : this.fresh).push(resolve));
  }

  release(): void {
    const next = this.started.shift() ?? this.fresh.shift();
    if (next) next();
    else this.active -= 1;
  }

  /** Runs `fn` in a turn. */
  async run<T>(begun: boolean, fn: () => Promise<T>): Promise<T> {
    await this.acquire(begun);
    try {
      return await fn();
    } finally {
      this.release();
    }
  }

  get waiting(): number {
    return this.started.length + this.fresh.length;
  }
}
