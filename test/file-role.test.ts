/** Which container files are fixtures (tests, examples, development setups) rather than what ships. */
import { describe, expect, it } from 'vitest';
import { fileRole, isBaseImageFile } from '../src/lint/file-role.js';

describe('fileRole', () => {
  it('takes files in test, example and development folders for fixtures', () => {
    expect(fileRole('tests/e2e/docker/docker-compose.yml', '')?.reason).toBe('in a `tests/` folder');
    expect(fileRole('examples/compose.yaml', '')?.reason).toBe('in a `examples/` folder');
    expect(fileRole('hack/composefiles/compose.yaml', '')).not.toBeNull();
    expect(fileRole('docker/devenv/Dockerfile', '')).not.toBeNull();
    expect(fileRole('frontend\\dockerfile\\parser\\testfiles\\x\\Dockerfile', '')).not.toBeNull();
    expect(fileRole('.devcontainer/Dockerfile', '')).not.toBeNull();
  });

  it('reads the words of the file name', () => {
    expect(fileRole('Dockerfile.dev', '')?.reason).toBe('named as a `.dev` file');
    expect(fileRole('docker/compose/docker-compose.ci-test.yml', '')?.reason).toBe(
      'named as a `.ci-test` file',
    );
    expect(fileRole('docker-compose.override.yml', '')).not.toBeNull();
    expect(fileRole('compose.test.yaml', '')).not.toBeNull();
    expect(fileRole('e2e-tests.Dockerfile', '')?.reason).toBe('named as a `e2e` file');
  });

  it('takes e2e harnesses and parser test inputs for fixtures', () => {
    expect(fileRole('playwright/docker-compose.yml', '')?.reason).toBe('in a `playwright/` folder');
    expect(fileRole('cypress/docker/Dockerfile', '')).not.toBeNull();
    expect(fileRole('frontend/dockerfile/parser/testfile-line/Dockerfile', '')?.reason).toBe(
      'in a `testfile-line/` folder',
    );
    expect(fileRole('pkg/e2e_suite/compose.yaml', '')).not.toBeNull();
    expect(fileRole('web/cypress-tests/compose.yaml', '')).not.toBeNull();
    expect(fileRole('pkg/e2e/testdata/TestRun/compose.yaml', '')).not.toBeNull();
    expect(fileRole('testfile-alpine.Dockerfile', '')?.reason).toBe('named as a `testfile` file');
    expect(fileRole('api.test.Dockerfile', '')?.reason).toBe('named as a `.test` file');
  });

  it('tells a base-image file by its name', () => {
    expect(isBaseImageFile('Dockerfile.base')).toBe(true);
    expect(isBaseImageFile('docker/base.Dockerfile')).toBe(true);
    expect(isBaseImageFile('images\\Containerfile-base')).toBe(true);
    expect(isBaseImageFile('base/Dockerfile')).toBe(false); // a folder says less than the name
    expect(isBaseImageFile('database.Dockerfile')).toBe(false);
    expect(isBaseImageFile('Dockerfile')).toBe(false);
  });

  it('reads a header comment that says the file is for tests or development only', () => {
    const text =
      '## FOR TEST AND DEVELOPMENT ONLY, DO NOT USE IN PRODUCTION   ##\n\nservices:\n  app:\n    image: x\n';
    expect(fileRole('compose.yaml', text)?.reason).toBe('its header says "for test and development only"');
    expect(
      fileRole('Dockerfile', '# syntax=docker/dockerfile:1\n# Not for production use\nFROM alpine\n'),
    ).not.toBeNull();
  });

  it('leaves files that ship alone', () => {
    expect(fileRole('Dockerfile', 'FROM alpine:3.20\n')).toBeNull();
    expect(fileRole('services/api/Dockerfile', '')).toBeNull();
    expect(fileRole('compose.yaml', 'services:\n  db:\n    image: postgres:16\n')).toBeNull();
    expect(fileRole('docker-compose.prod.yml', '')).toBeNull();
    expect(fileRole('contest/Dockerfile', '')).toBeNull(); // a folder name, not a word inside one
    expect(fileRole('latest.Dockerfile', '')).toBeNull();
    expect(fileRole('contest-results/Dockerfile', '')).toBeNull(); // `contest` is not the word `test`
    expect(fileRole('services/attestation/Dockerfile', '')).toBeNull();
    // images a project runs in its tests, or a deployable example stack, get their comments
    expect(fileRole('docker/test-images/zipkin-rabbitmq/Dockerfile', '')).toBeNull();
    expect(fileRole('.examples/docker-compose/with-nginx-proxy/compose.yaml', '')).toBeNull();
  });

  it('only reads the comments at the top: a phrase after the first instruction does not count', () => {
    expect(fileRole('Dockerfile', 'FROM alpine:3.20\n# for development only\n')).toBeNull();
  });

  it('stays bounded on hostile input', () => {
    const long = `# ${'x'.repeat(1_000_000)} for development only\n`;
    expect(fileRole('Dockerfile', long)).toBeNull(); // the phrase is past the part of the line that is read
    const deep = `${'a/'.repeat(100_000)}Dockerfile`;
    const started = performance.now();
    expect(fileRole(deep, '#\n'.repeat(100_000))).toBeNull();
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
