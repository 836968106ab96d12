/**
 * A lint worker of the pool (pool.ts): takes one request at a time from the main thread and answers it. Whatever it
 * runs into, it answers or dies; the pool enforces the deadline from outside.
 */
import { parentPort } from 'node:worker_threads';
import { initLint, lintFiles, lintSource, relatedPaths, type LintItem } from './engine.js';
import { configureShellcheck } from './shell/shellcheck-process.js';
import { gatherRelated } from './related.js';
import type { PoolInput } from './pool.js';
import type { LintConfig } from './engine.js';
import type { FileKind } from './types.js';

type Request =
  | { id: number; op: 'lint'; input: PoolInput; config: LintConfig }
  | { id: number; op: 'lintMany'; inputs: PoolInput[]; config: LintConfig }
  | { id: number; op: 'related'; path: string; kind: FileKind; text: string };

const port = parentPort;
if (!port) throw new Error('pool-worker.js runs as a worker thread of the lint pool');

const ready = initLint();
// one ShellCheck process at a time per worker (the pool has a worker per core), and a batch stops its ShellCheck
// within one file's time limit, before the pool's deadline could terminate this thread and leave the process behind
configureShellcheck({ processes: 1, batchTimeoutFiles: 1 });

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
  if (request.op === 'lintMany') {
    const { config } = request;
    return lintFiles(request.inputs.map((input) => ({ ...item(input), config })));
  }
  const { input, config } = request;
  const { input: source, kind } = item(input);
  return lintSource(source, config, kind);
}

/** What the engine takes for a file of the pool. */
function item(input: PoolInput): Omit<LintItem, 'config'> {
  const available = input.available ?? new Map<string, string | null>();
  // what was fetched, followed through the Compose files it holds: an unknown (unfetched) file is left out
  const related = gatherRelated(input.path, input.kind, input.text, (p) => available.get(p));
  return {
    input: {
      path: input.path,
      text: input.text,
      related,
      ...(input.byteSize !== undefined ? { byteSize: input.byteSize } : {}),
      ...(input.ignoredPragmaLines ? { ignoredPragmaLines: input.ignoredPragmaLines } : {}),
    },
    kind: input.kind,
  };
}
