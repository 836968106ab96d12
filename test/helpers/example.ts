/**
 * The example Dockerfile (fixtures/examples/Dockerfile) and the exact texts `--fix` and `--fix-unsafe`
 * turn it into, shared by the tests that pin them.
 */
import { readFileSync } from 'node:fs';

export const EXAMPLE = readFileSync(new URL('../../fixtures/examples/Dockerfile', import.meta.url), 'utf8');

/** After the safe fixes (`--fix`). */
export const EXAMPLE_FIXED = [
  'FROM python:3.11',
  'ARG NPM_TOKEN',
  'WORKDIR /app',
  'COPY . .',
  'RUN apt-get update && apt-get install -y gcc \\',
  '    && rm -rf /var/lib/apt/lists/*',
  'RUN pip install --no-cache-dir -r requirements.txt',
  'ENV NPM_TOKEN=$NPM_TOKEN',
  'CMD ["python", "app.py"]',
  '',
].join('\n');

/** After the safe fixes and the suggestions (`--fix-unsafe`). */
export const EXAMPLE_FIXED_UNSAFE = [
  'FROM python:3.11-slim',
  'ARG NPM_TOKEN',
  'WORKDIR /app',
  'COPY . .',
  'RUN apt-get update && apt-get install --no-install-recommends -y gcc \\',
  '    && rm -rf /var/lib/apt/lists/*',
  'RUN pip install --no-cache-dir -r requirements.txt',
  'ENV NPM_TOKEN=$NPM_TOKEN',
  'CMD ["python", "app.py"]',
  '',
].join('\n');
