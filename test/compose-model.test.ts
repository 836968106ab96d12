/** The Compose model: YAML resolved as Compose resolves it, and every value traced back to its text. */
import { describe, expect, it } from 'vitest';
import { isInterpolated, MAX_ALIAS_COUNT, parseCompose } from '../src/lint/compose/model.js';

/** The text a span covers. */
function textAt(text: string, span: { start: number; end: number } | null): string | null {
  return span ? text.slice(span.start, span.end) : null;
}

describe('parseCompose: resolution', () => {
  it('resolves anchors, aliases and `<<` merges, explicit keys winning over merged ones', () => {
    const text = [
      'x-base: &base',
      '  image: app:1',
      '  restart: always',
      '  environment: &env',
      '    A: "1"',
      'x-more: &more',
      '  restart: "no"',
      '  init: true',
      'services:',
      '  web:',
      '    <<: [*base, *more]',
      '    restart: on-failure',
      '  worker:',
      '    <<: *base',
      '    environment: *env',
      '',
    ].join('\n');
    const model = parseCompose('compose.yaml', text);
    expect(model.problems).toEqual([]);
    const services = model.data!.services as Record<string, Record<string, unknown>>;
    // the first source of a merge list wins over later ones; the service's own key over all
    expect(services.web).toEqual({
      image: 'app:1',
      restart: 'on-failure',
      environment: { A: '1' },
      init: true,
    });
    expect(services.worker).toEqual({ image: 'app:1', restart: 'always', environment: { A: '1' } });
  });

  it('lists services in file order, not x- extensions', () => {
    const model = parseCompose(
      'compose.yaml',
      'x-common: &c\n  image: a:1\nservices:\n  b:\n    <<: *c\n  a:\n    image: b:2\n',
    );
    expect(model.services.map((s) => s.name)).toEqual(['b', 'a']);
    expect(model.services[0]!.data).toEqual({ image: 'a:1' });
    expect(textAt(model.source.text, model.services[1]!.keySpan)).toBe('a');
  });

  it('has no services when `services` is missing or not a mapping', () => {
    expect(parseCompose('compose.yaml', 'name: x\n').services).toEqual([]);
    expect(parseCompose('compose.yaml', 'services: [a, b]\n').services).toEqual([]);
    expect(parseCompose('compose.yaml', '').data).toEqual({});
  });

  it('reads Compose tags `!reset` and `!override` without errors', () => {
    const model = parseCompose(
      'compose.yaml',
      'services:\n  a:\n    image: !reset null\n    command: !override ["sh"]\n    ports: !reset []\n',
    );
    expect(model.problems).toEqual([]);
    const a = model.services[0]!.data;
    expect(a.image).toBeNull();
    expect(a.ports).toEqual([]);
    expect(a.command).toEqual(['sh']);
  });
});

describe('parseCompose: spans', () => {
  const text = [
    'x-base: &base',
    '  image: app:1',
    '  ports:',
    '    - "8080:80"',
    'services:',
    '  web:',
    '    <<: *base',
    '    restart: always',
    '',
  ].join('\n');
  const model = parseCompose('compose.yaml', text);

  it('finds a value and its key', () => {
    expect(textAt(text, model.spanAt(['services', 'web', 'restart']))).toBe('always');
    expect(textAt(text, model.spanAt(['services', 'web', 'restart'], true))).toBe('restart');
    expect(model.source.positionAt(model.spanAt(['services', 'web', 'restart'])!.start)).toEqual({
      line: 8,
      column: 14,
    });
  });

  it('finds keys merged with `<<` at their anchor', () => {
    const image = model.spanAt(['services', 'web', 'image']);
    expect(textAt(text, image)).toBe('app:1');
    expect(model.source.positionAt(image!.start).line).toBe(2);
    expect(textAt(text, model.spanAt(['services', 'web', 'ports', 0]))).toBe('"8080:80"');
    expect(model.nodeAt(['services', 'web', 'ports'])).toBe(model.nodeAt(['x-base', 'ports']));
  });

  it('returns null for paths that do not exist', () => {
    expect(model.spanAt(['services', 'web', 'build'])).toBeNull();
    expect(model.spanAt(['services', 'nope'])).toBeNull();
    expect(model.spanAt(['services', 'web', 'ports', 5])).toBeNull();
    expect(model.spanAt(['services', 'web', 'image', 'x'])).toBeNull();
  });
});

describe('parseCompose: problems', () => {
  it('reports duplicate keys at the duplicate, and still resolves the data', () => {
    const text = 'services:\n  a:\n    image: x:1\n    image: x:2\n';
    const model = parseCompose('compose.yaml', text);
    expect(model.problems).toHaveLength(1);
    expect(model.problems[0]!.message).toContain('duplicate key');
    expect(model.source.positionAt(model.problems[0]!.span.start).line).toBe(4);
    expect(model.data).not.toBeNull();
  });

  it('reports YAML syntax errors with their position and leaves no data', () => {
    const text = 'services:\n  a:\n    image: [x\n  b: {\n';
    const model = parseCompose('compose.yaml', text);
    expect(model.problems.length).toBeGreaterThan(0);
    expect(model.problems[0]!.message).toMatch(/^not valid YAML/);
    expect(model.source.positionAt(model.problems[0]!.span.start).line).toBeGreaterThanOrEqual(3);
    expect(model.data).toBeNull();
    expect(model.services).toEqual([]);
  });

  it('refuses an alias bomb as a problem instead of expanding it', () => {
    const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 9; i++) {
      const prev = `*a${i - 1}`;
      lines.push(`a${i}: &a${i} [${Array(10).fill(prev).join(', ')}]`);
    }
    lines.push('services:', '  bomb:', '    image: x:1', '    command: *a8', '');
    const started = Date.now();
    const model = parseCompose('compose.yaml', lines.join('\n'));
    expect(Date.now() - started).toBeLessThan(5000);
    expect(model.data).toBeNull();
    expect(model.problems.some((p) => p.message.startsWith('refused to expand'))).toBe(true);
    expect(MAX_ALIAS_COUNT).toBeGreaterThan(100);
  });

  it('keeps a modest number of aliases', () => {
    const model = parseCompose(
      'compose.yaml',
      'x: &x {image: a:1}\nservices:\n' + Array.from({ length: 50 }, (_, i) => `  s${i}: *x\n`).join(''),
    );
    expect(model.problems).toEqual([]);
    expect(model.services).toHaveLength(50);
  });
});

describe('isInterpolated', () => {
  it.each([
    ['${VAR}', true],
    ['${VAR:-default}', true],
    ['${VAR:?required}', true],
    ['$VAR', true],
    ['prefix-${VAR}-suffix', true],
    ['postgres://u:${PW}@db/app', true],
    ['plain', false],
    ['$$VAR', false],
    ['pa$$word', false],
    ['cost: 5$', false],
    ['$1', false],
  ])('%s → %s', (value, expected) => {
    expect(isInterpolated(value)).toBe(expected);
  });
});
