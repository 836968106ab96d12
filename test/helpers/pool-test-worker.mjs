// A stand-in lint worker for test/pool.test.ts: answers like the real one, except for files whose path asks it to
// hang (a busy loop: the worker can only be stopped from outside) or to die.
import { parentPort } from 'node:worker_threads';

parentPort.on('message', (request) => {
  // a group (one review's files) hangs or dies when one of its files does
  const paths =
    request.op === 'lintMany'
      ? request.inputs.map((i) => i.path)
      : [request.op === 'lint' ? request.input.path : request.path];
  if (paths.includes('hang')) for (;;);
  if (paths.includes('die')) process.exit(3);
  const path = paths[0];
  const value =
    request.op === 'lintMany'
      ? request.inputs.map((i) => ({ path: i.path, kind: i.kind, findings: [] }))
      : request.op === 'lint'
        ? { path, kind: request.input.kind, findings: [] }
        : [`${path}.related`];
  parentPort.postMessage({ id: request.id, ok: true, value });
});
