/**
 * Work on one key run one after another in this process. Two reviews of the same pull request head can overlap
 * (a "Re-run" clicked during a review, `opened` then `ready_for_review` in quick succession): each reads the
 * comments already posted when it starts, so two overlapping reviews would each post the same comments. Run one
 * after the other, the second sees what the first posted and posts nothing twice. (With Redis, the queue gives a
 * head one job at a time already.)
 */
export class OneAtATime {
  /** The last work queued per key; removed when it ends and nothing was queued after it, so the map stays small. */
  private readonly tails = new Map<string, Promise<unknown>>();

  /** Runs `work` once every earlier work on `key` has ended (however it ended); answers what `work` answers. */
  async run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const before = this.tails.get(key);
    const mine = before === undefined ? work() : before.then(work, work);
    this.tails.set(key, mine);
    try {
      return await mine;
    } finally {
      if (this.tails.get(key) === mine) this.tails.delete(key);
    }
  }

  /** Keys with work running or waiting. */
  get size(): number {
    return this.tails.size;
  }
}
