import { it } from 'vitest';
import { initLint } from '../src/lint/engine.js';
import { parseDockerfile } from '../src/lint/dockerfile/model.js';
import { runMounts, cacheMountCovers } from '../src/lint/rules/util.js';
it('dump', async () => {
  await initLint();
  const t = 'FROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt\n';
  const m = parseDockerfile('Dockerfile', t);
  for (const ins of m.each('RUN')) console.log(JSON.stringify(ins.flags), runMounts(ins), cacheMountCovers(ins, '/root/.cache/pip'));
});
