/**
 * .pre-commit-hooks.yaml: the `dockreview` hook passes pre-commit exactly the files `dockreview lint` would find
 * walking a folder (engine's detectKind), and runs the CLI the package installs.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { detectKind } from '../src/lint/engine.js';

interface Hook {
  id: string;
  entry: string;
  language: string;
  files: string;
  exclude: string;
}
const hooks = parse(readFileSync(new URL('../.pre-commit-hooks.yaml', import.meta.url), 'utf8')) as Hook[];
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  bin: Record<string, string>;
};

/** pre-commit's Python regular expressions, with their `(?i)` flag, as JavaScript ones. */
function pattern(source: string): RegExp {
  return source.startsWith('(?i)') ? new RegExp(source.slice(4), 'i') : new RegExp(source);
}

describe('.pre-commit-hooks.yaml', () => {
  const hook = hooks.find((h) => h.id === 'dockreview')!;

  it('declares the `dockreview` hook, running the binary the package installs', () => {
    expect(hook).toBeDefined();
    expect(hook.language).toBe('node');
    expect(hook.entry).toBe('dockreview lint');
    expect(Object.keys(pkg.bin)).toContain('dockreview');
  });

  it('selects exactly the files the CLI lints when it walks a folder', () => {
    const files = pattern(hook.files);
    const exclude = pattern(hook.exclude);
    const names = [
      'Dockerfile',
      'dockerfile',
      'Containerfile',
      'Dockerfile.prod',
      'Dockerfile-dev',
      'app/Dockerfile',
      'api.Dockerfile',
      'web/app.containerfile',
      'compose.yaml',
      'docker-compose.yml',
      'docker-compose.override.yaml',
      'deploy/compose.prod.yml',
      'Dockerfile.md',
      'docs/Dockerfile.yml',
      'dockerfile.go',
      'README.md',
      'compose.json',
      'mycompose.yml',
      'src/Dockerfiles/readme.txt',
      'package.json',
    ];
    for (const name of names)
      expect(files.test(name) && !exclude.test(name), name).toBe(detectKind(name) !== null);
  });
});
