// A stand-in lint worker for test/pool.test.ts: answers like the real one, except for files whose path asks it to
// hang (a busy loop: the worker can only be stopped from outside) or to die.
import { parentPort } from 'node:worker_threads';

parentPort.on('message', (request) => {
  const path = request.op === 'lint' ? request.input.path : request.path;
  if (path === 'hang') for (;;);
  if (path === 'die') process.exit(3);
  const value =
    request.op === 'lint' ? { path, kind: request.input.kind, findings: [] } : [`${path}.related`];
  parentPort.postMessage({ id: request.id, ok: true, value });
});
