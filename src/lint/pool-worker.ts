/**
 * A lint worker of the pool (pool.ts): takes one request at a time from the main thread and answers it. Whatever it
 * runs into, it answers or dies; the pool enforces the deadline from outside.
 */
import { parentPort } from 'node:worker_threads';
import { initLint, lintSource, relatedPaths } from './engine.js';
import { gatherRelated } from './related.js';
import type { PoolInput } from './pool.js';
import type { LintConfig } from './engine.js';
import type { FileKind } from './types.js';

type Request =
  | { id: number; op: 'lint'; input: PoolInput; config: LintConfig }
  | { id: number; op: 'related'; path: string; kind: FileKind; text: string };

const port = parentPort;
if (!port) throw new Error('pool-worker.js runs as a worker thread of the lint pool');

const ready = initLint();

port.on('message', (request: Request) => {
  void answer(request).then(
    (value) => port.postMessage({ id: request.id, ok: true, value }),
    (err: unknown) =>
      port.postMessage({
        id: request.id,
        ok: false,
        error: err instanceof Error ? err.message : String(err),
      }),
  );
});

async function answer(request: Request): Promise<unknown> {
  if (request.op === 'related') return relatedPaths(request.path, request.kind, request.text);
  await ready;
  const { input, config } = request;
  const available = input.available ?? new Map<string, string | null>();
  // what was fetched, followed through the Compose files it holds: an unknown (unfetched) file is left out
  const related = gatherRelated(input.path, input.kind, input.text, (p) => available.get(p));
  return lintSource(
    {
      path: input.path,
      text: input.text,
      related,
      ...(input.byteSize !== undefined ? { byteSize: input.byteSize } : {}),
      ...(input.ignoredPragmaLines ? { ignoredPragmaLines: input.ignoredPragmaLines } : {}),
    },
    config,
    input.kind,
  );
}
