/** Parsing for the unit tests of the Dockerfile domain modules. */
import { beforeAll } from 'vitest';
import { initLint } from '../../src/lint/engine.js';
import { parseDockerfile, type DockerfileModel } from '../../src/lint/dockerfile/model.js';
import type { TextEdit } from '../../src/lint/types.js';

/** Registers the parser's initialisation for the calling test file. */
export function useParser(): void {
  beforeAll(async () => {
    await initLint();
  });
}

export const parse = (text: string): DockerfileModel => parseDockerfile('Dockerfile', text);

/** The model's text with one edit applied. */
export function applyEdit(model: DockerfileModel, e: TextEdit): string {
  const t = model.source.text;
  return t.slice(0, e.start) + e.text + t.slice(e.end);
}
