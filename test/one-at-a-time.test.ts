import { describe, expect, it } from 'vitest';
import { OneAtATime } from '../src/github/one-at-a-time.js';

/** A promise and the function that settles it. */
function deferred<T = void>(): {
  promise: Promise<T>;
  resolve: (v: T) => void;
  reject: (e: unknown) => void;
} {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Lets every callback already queued run. */
const settle = () => new Promise((r) => setImmediate(r));

describe('OneAtATime: work on one key runs one after another', () => {
  it('the second work on a key starts only when the first has ended; another key does not wait', async () => {
    const queue = new OneAtATime();
    const log: string[] = [];
    const first = deferred<string>();
    const a = queue.run('o/r#1@abc', async () => {
      log.push('first starts');
      return first.promise;
    });
    const b = queue.run('o/r#1@abc', async () => {
      log.push('second starts');
      return 'second';
    });
    const c = queue.run('o/r#2@abc', async () => {
      log.push('other key starts');
      return 'other';
    });
    await settle();
    expect(log).toEqual(['first starts', 'other key starts']);
    expect(await c).toBe('other');
    first.resolve('first');
    expect(await a).toBe('first');
    expect(await b).toBe('second');
    expect(log).toEqual(['first starts', 'other key starts', 'second starts']);
    expect(queue.size).toBe(0);
  });

  it('a work that fails does not stop the next one, and its caller gets its error', async () => {
    const queue = new OneAtATime();
    const first = deferred();
    const a = queue.run('k', () => first.promise);
    let secondRan = false;
    const b = queue.run('k', async () => {
      secondRan = true;
      return 2;
    });
    first.reject(new Error('GitHub refused'));
    await expect(a).rejects.toThrow('GitHub refused');
    expect(await b).toBe(2);
    expect(secondRan).toBe(true);
    expect(queue.size).toBe(0);
  });

  it('three on one key run in the order they came, and the key is forgotten after the last', async () => {
    const queue = new OneAtATime();
    const order: number[] = [];
    const gates = [deferred(), deferred(), deferred()];
    const runs = gates.map((g, i) =>
      queue.run('k', async () => {
        order.push(i);
        await g.promise;
      }),
    );
    expect(queue.size).toBe(1);
    // released last to first: the order is still the order of arrival
    for (const g of [...gates].reverse()) g.resolve();
    await Promise.all(runs);
    expect(order).toEqual([0, 1, 2]);
    expect(queue.size).toBe(0);
  });
});
