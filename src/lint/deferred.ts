/**
 * Work rules hand to a batcher (`RuleContext.defer`) while a lint run is under way, answered together once every
 * file's rules have run: all the ShellCheck scripts of every file go to a few ShellCheck processes at once.
 */
import type { Batcher } from './rule.js';

/** Work a rule handed to a batcher (`RuleContext.defer`), and where its answer goes. */
export interface Deferred {
  batcher: Batcher<unknown, unknown>;
  request: unknown;
  then(answer: unknown): void;
  /** The batcher itself failed: the rule gets an internal-error finding, as if its check had thrown. */
  fail(err: unknown): void;
}

/**
 * Answers every deferred request of a lint run: the requests of each batcher go to it together (all the ShellCheck
 * scripts of every file, to a few ShellCheck processes), then each answer goes to the rule that asked.
 */
export async function answerDeferred(deferred: readonly Deferred[]): Promise<void> {
  const byBatcher = new Map<Batcher<unknown, unknown>, Deferred[]>();
  for (const d of deferred) {
    const list = byBatcher.get(d.batcher);
    if (list) list.push(d);
    else byBatcher.set(d.batcher, [d]);
  }
  await Promise.all(
    [...byBatcher].map(async ([batcher, list]) => {
      let answers: unknown[];
      try {
        answers = await batcher.run(list.map((d) => d.request));
        if (answers.length !== list.length)
          throw new Error('a batcher answered the wrong number of requests');
      } catch (err) {
        for (const d of list) d.fail(err);
        return;
      }
      for (const [i, d] of list.entries()) d.then(answers[i]);
    }),
  );
}
