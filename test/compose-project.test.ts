/** The Compose project model: `extends` merged as Compose merges it, `include` bringing in services and names. */
import { describe, expect, it } from 'vitest';
import { parseCompose } from '../src/lint/compose/model.js';
import { mergeService } from '../src/lint/compose/merge.js';
import { composeProject } from '../src/lint/compose/project.js';
import { gatherRelated, relatedPaths, resolveRef } from '../src/lint/related.js';

function project(text: string, related: Record<string, string | null> = {}, path = 'compose.yaml') {
  const model = parseCompose(path, text);
  return { model, project: composeProject(model, new Map(Object.entries(related))) };
}

describe('mergeService: the Compose Specification merge rules', () => {
  it('merges mappings, replaces scalars and commands, keys unique resources by target', () => {
    const base = {
      image: 'busybox:1',
      command: ['echo', 'base'],
      environment: ['TZ=utc', 'PORT=80'],
      labels: { a: '1' },
      volumes: ['common:/var/lib/data:rw', './logs:/logs'],
      ports: ['8080:80', '9090:90/udp'],
      secrets: ['db_password'],
      healthcheck: { test: ['CMD', 'true'], interval: '10s', retries: 3 },
      extends: { service: 'root' },
    };
    const main = {
      extends: { service: 'base' },
      command: ['echo', 'main'],
      environment: { PORT: 8080 },
      labels: ['b=2'],
      volumes: ['cli:/var/lib/data:ro', '/cache'],
      ports: ['8080:80', '7070:70'],
      secrets: [{ source: 'api_key', target: 'db_password' }],
      healthcheck: { test: ['CMD-SHELL', 'curl -f localhost'], timeout: '2s' },
      user: '1000',
    };
    expect(mergeService(base, main)).toEqual({
      image: 'busybox:1',
      command: ['echo', 'main'],
      environment: { TZ: 'utc', PORT: 8080 },
      labels: { a: '1', b: '2' },
      volumes: ['cli:/var/lib/data:ro', './logs:/logs', '/cache'],
      ports: ['8080:80', '9090:90/udp', '7070:70'],
      secrets: [{ source: 'api_key', target: 'db_password' }],
      healthcheck: { test: ['CMD-SHELL', 'curl -f localhost'], interval: '10s', retries: 3, timeout: '2s' },
      user: '1000',
    });
  });

  it('de-duplicates cap_add, expose and security_opt; appends dns and env_file lists as they are', () => {
    expect(
      mergeService(
        {
          cap_add: ['NET_ADMIN'],
          expose: ['3000'],
          security_opt: ['label:role:ROLE'],
          dns: ['1.1.1.1'],
          env_file: ['a.env'],
        },
        {
          cap_add: ['NET_ADMIN', 'SYS_TIME'],
          expose: ['3000', '4000'],
          security_opt: ['label:user:USER'],
          dns: ['1.1.1.1'],
          env_file: ['a.env', 'b.env'],
        },
      ),
    ).toEqual({
      cap_add: ['NET_ADMIN', 'SYS_TIME'],
      expose: ['3000', '4000'],
      security_opt: ['label:role:ROLE', 'label:user:USER'],
      dns: ['1.1.1.1', '1.1.1.1'],
      env_file: ['a.env', 'a.env', 'b.env'],
    });
  });

  it('merges depends_on and networks in either form as mappings; a string dns replaces', () => {
    expect(
      mergeService(
        { depends_on: ['db'], networks: ['front'], dns: ['1.1.1.1'] },
        {
          depends_on: { cache: { condition: 'service_healthy' } },
          networks: { back: { aliases: ['api'] } },
          dns: '8.8.8.8',
        },
      ),
    ).toEqual({
      depends_on: { db: { condition: 'service_started' }, cache: { condition: 'service_healthy' } },
      networks: { front: null, back: { aliases: ['api'] } },
      dns: '8.8.8.8',
    });
  });

  it('drops a key reset with null, replaces one marked `!override`, keeps logging options of the same driver only', () => {
    expect(
      mergeService(
        {
          ports: ['80:80'],
          cap_add: ['ALL'],
          logging: { driver: 'json-file', options: { 'max-size': '1m' } },
        },
        { ports: null, cap_add: ['NET_ADMIN'], logging: { driver: 'syslog', options: { tag: 'x' } } },
        new Set(['cap_add']),
      ),
    ).toEqual({ cap_add: ['NET_ADMIN'], logging: { driver: 'syslog', options: { tag: 'x' } } });
    expect(
      mergeService(
        { logging: { driver: 'json-file', options: { 'max-size': '1m' } } },
        { logging: { options: { 'max-file': '3' } } },
      ),
    ).toEqual({ logging: { driver: 'json-file', options: { 'max-size': '1m', 'max-file': '3' } } });
  });

  it('merges build: a string context becomes a mapping, args merge in either form', () => {
    expect(mergeService({ build: './app' }, { build: { target: 'prod' } })).toEqual({
      build: { context: './app', target: 'prod' },
    });
    expect(
      mergeService({ build: { context: '.', args: ['A=1', 'B=2'] } }, { build: { args: { B: '3' } } }),
    ).toEqual({ build: { context: '.', args: { A: '1', B: '3' } } });
  });
  it('keeps keys named like Object.prototype keys as plain keys: no prototype is set or read through them', () => {
    // the YAML parser gives a `__proto__:` key an own property, as JSON.parse does: the merge must keep it one
    const main = JSON.parse(
      '{"__proto__": {"privileged": true}, "constructor": "c", "depends_on": ["__proto__"], "environment": ["__proto__={}", "constructor"], "networks": {"__proto__": {"aliases": ["a"]}}, "healthcheck": {"__proto__": {"test": "x"}}}',
    ) as Record<string, unknown>;
    const merged = mergeService(
      {
        image: 'x:1',
        depends_on: ['db'],
        environment: ['A=1'],
        networks: ['front'],
        healthcheck: { retries: 3 },
      },
      main,
    );
    for (const value of [merged, merged.depends_on, merged.environment, merged.networks, merged.healthcheck])
      expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(merged.privileged).toBeUndefined();
    expect(Object.keys(merged)).toEqual([
      'image',
      'depends_on',
      'environment',
      'networks',
      'healthcheck',
      '__proto__',
      'constructor',
    ]);
    expect(Object.keys(merged.depends_on as object)).toEqual(['db', '__proto__']);
    expect(Object.keys(merged.environment as object)).toEqual(['A', '__proto__', 'constructor']);
    expect(Object.keys(merged.networks as object)).toEqual(['front', '__proto__']);
    expect(Object.keys(merged.healthcheck as object)).toEqual(['retries', '__proto__']);
    // a key the base lacks finds nothing inherited from Object.prototype: the value is taken as written
    expect(mergeService({ image: 'x:1' }, main).constructor).toBe('c');
  });
});

describe('composeProject: extends', () => {
  it('resolves a chain in the same file, nearest base first', () => {
    const { project: p } = project(
      [
        'services:',
        '  base:',
        '    image: busybox:1',
        '    user: root',
        '  common:',
        '    extends: base',
        '    environment: {A: "1"}',
        '  cli:',
        '    extends: {service: common}',
        '    environment: {B: "2"}',
        '',
      ].join('\n'),
    );
    const cli = p.service('cli')!;
    expect(cli.data).toEqual({ image: 'busybox:1', user: 'root', environment: { A: '1', B: '2' } });
    expect(cli.bases.map((b) => `${b.path}:${b.service}`)).toEqual([
      'compose.yaml:common',
      'compose.yaml:base',
    ]);
    expect(cli.complete).toBe(true);
    expect(p.problems).toEqual([]);
  });

  it('resolves a base in another file, its build context re-read from the extending file', () => {
    const { project: p } = project(
      'services:\n  api:\n    extends: {file: ../common/base.yaml, service: app}\n    build: {target: prod}\n',
      {
        'common/base.yaml':
          'services:\n  app:\n    build: ./src\n    healthcheck:\n      test: ["CMD", "true"]\n    extends: {file: root.yaml, service: r}\n',
        'common/root.yaml': 'services:\n  r:\n    privileged: true\n',
      },
      'deploy/compose.yaml',
    );
    const api = p.service('api')!;
    expect(api.data).toEqual({
      privileged: true,
      build: { context: '../common/src', target: 'prod' },
      healthcheck: { test: ['CMD', 'true'] },
    });
    expect(api.build).toEqual({ service: 'api', dockerfile: 'common/src/Dockerfile', target: 'prod' });
    expect(api.complete).toBe(true);
  });

  it('marks a chain incomplete when a base file was not read, or is remote or interpolated', () => {
    for (const file of ['base.yaml', 'https://example.com/base.yaml', '${BASE}']) {
      const { project: p } = project(
        `services:\n  a:\n    image: a:1\n    extends: {file: "${file}", service: b}\n`,
      );
      expect(p.service('a')!.complete).toBe(false);
      expect(p.service('a')!.data).toEqual({ image: 'a:1' });
      expect(p.problems).toEqual([]);
    }
  });

  it('reports a missing file, a missing service and a cycle, at the `extends` of this file', () => {
    const { model, project: p } = project(
      [
        'services:',
        '  a:',
        '    extends: {file: gone.yaml, service: x}',
        '  b:',
        '    extends: {file: other.yaml, service: nope}',
        '  c:',
        '    extends: d',
        '  d:',
        '    extends: {file: other.yaml, service: loop}',
        '',
      ].join('\n'),
      {
        'gone.yaml': null,
        'other.yaml': 'services:\n  loop:\n    extends: {file: compose.yaml, service: c}\n',
      },
    );
    const at = (s: { start: number; end: number }) => model.source.text.slice(s.start, s.end);
    expect(p.problems.map((x) => [x.kind, x.service?.name, at(x.at)])).toEqual([
      ['missing-file', 'a', 'gone.yaml'],
      ['missing-service', 'b', 'nope'],
      ['cycle', 'c', 'extends'],
      ['cycle', 'd', 'extends'],
    ]);
    expect(p.problems[2]!.message).toContain('`c` → `d` → `loop` → `c`');
    expect(p.service('c')!.complete).toBe(false);
  });
  it('honours `!override` and `!reset` written on the extending service', () => {
    const { project: p } = project(
      [
        'services:',
        '  base:',
        '    image: app:1',
        '    ports: ["80:80"]',
        '    cap_add: [NET_ADMIN]',
        '  web:',
        '    extends: base',
        '    ports: !override ["8080:80"]',
        '    cap_add: !reset []',
        '',
      ].join('\n'),
    );
    expect(p.service('web')!.data).toEqual({ image: 'app:1', ports: ['8080:80'] });
  });

  it('resets a key named `__proto__` like any other (no prototype is set on the service)', () => {
    const { project: p } = project(
      [
        'services:',
        '  base:',
        '    image: app:1',
        '    __proto__: {privileged: true}',
        '  web:',
        '    extends: base',
        '    __proto__: !reset {}',
        '',
      ].join('\n'),
    );
    const web = p.service('web')!.data;
    expect(Object.getPrototypeOf(web)).toBe(Object.prototype);
    expect(Object.keys(web)).toEqual(['image']);
    expect(web.privileged).toBeUndefined();
  });

  it('survives odd shapes without throwing', () => {
    for (const text of [
      'services:\n  a:\n    extends: 5\n',
      'services:\n  a:\n    extends: {file: [x], service: b}\n',
      'services:\n  a:\n  b:\n    extends: a\n',
      'include: "x.yaml"\nservices: {}\n',
      'include: [{path: 5}, null, 7]\n',
      'services:\n  a:\n    extends: {service: a}\n',
    ]) {
      const { project: p } = project(text, { 'x.yaml': 'services: [1, 2]\n' });
      expect(p.own.every((s) => typeof s.data === 'object')).toBe(true);
    }
  });
});

describe('composeProject: include', () => {
  it('brings in services and top-level names of included files, short and long form, nested', () => {
    const { project: p } = project(
      'include:\n  - db/compose.yaml\n  - path: [cache.yaml, cache.override.yaml]\nservices:\n  app:\n    image: a:1\n',
      {
        'db/compose.yaml':
          'include: [../net.yaml]\nservices:\n  db:\n    image: postgres:16\nvolumes:\n  data: {}\n',
        'net.yaml': 'networks:\n  back: {}\nsecrets:\n  pw: {file: ./pw}\n',
        'cache.yaml': 'services:\n  cache:\n    image: redis:7\n',
        'cache.override.yaml': 'services:\n  cache:\n    ports: ["6379:6379"]\n',
      },
    );
    expect(p.included.map((s) => [s.name, s.path])).toEqual([
      ['db', 'db/compose.yaml'],
      ['cache', 'cache.yaml'],
    ]);
    expect(p.service('cache')!.data).toEqual({ image: 'redis:7', ports: ['6379:6379'] });
    expect([...p.declared('volumes')]).toEqual(['data']);
    expect([...p.declared('networks')].sort()).toEqual(['back', 'default']);
    expect([...p.declared('secrets')]).toEqual(['pw']);
    expect(p.includesComplete).toBe(true);
  });

  it('is incomplete when an include was not read or is remote; a missing one is a problem', () => {
    expect(project('include: [db.yaml]\nservices: {}\n').project.includesComplete).toBe(false);
    expect(project('include: ["oci://example.com/app:1"]\n').project.includesComplete).toBe(false);
    const { project: p } = project('include:\n  - path: gone.yaml\n', { 'gone.yaml': null });
    expect(p.problems.map((x) => x.kind)).toEqual(['missing-include']);
  });
});

describe('related files of a Compose file', () => {
  it('lists build Dockerfiles, extends files and includes, resolved, never above the root', () => {
    const text = [
      'include:',
      '  - ../shared/db.yaml',
      '  - path: [./a.yaml, "${X}.yaml"]',
      '  - oci://registry/app:1',
      '  - ../../../outside.yaml',
      'services:',
      '  web:',
      '    build: ./web',
      '    extends: {file: ./base/../common.yaml, service: web}',
      '  abs:',
      '    extends: {file: /etc/compose.yaml, service: x}',
      '',
    ].join('\n');
    expect(relatedPaths('apps/api/compose.yaml', 'compose', text)).toEqual([
      'apps/api/web/Dockerfile',
      'apps/shared/db.yaml',
      'apps/api/a.yaml',
      'apps/api/common.yaml',
    ]);
    expect(resolveRef('compose.yaml', '../x.yaml')).toBeNull();
    expect(resolveRef('/abs/dir/compose.yaml', '../x.yaml')).toBe('/abs/x.yaml');
  });

  it('gathers chains level by level, bounded in depth, and leaves unknown files out', () => {
    const files: Record<string, string | null> = {
      'a.yaml': 'include: [b.yaml]\nservices:\n  a:\n    build: ./a\n',
      'b.yaml': 'services:\n  b:\n    extends: {file: c.yaml, service: c}\n',
      'c.yaml': 'services:\n  c:\n    image: c:1\n',
      'a/Dockerfile': 'FROM alpine:3\n',
    };
    const read = (p: string) => (p in files ? files[p] : undefined);
    const root = 'include: [a.yaml, missing.yaml, unknown.yaml]\n';
    const all = gatherRelated('compose.yaml', 'compose', root, (p) =>
      p === 'missing.yaml' ? null : read(p),
    );
    expect([...all.keys()]).toEqual(['a.yaml', 'missing.yaml', 'a/Dockerfile', 'b.yaml', 'c.yaml']);
    expect(all.get('missing.yaml')).toBeNull();
    const one = gatherRelated('compose.yaml', 'compose', root, read, { depth: 1, files: 64 });
    expect([...one.keys()]).toEqual(['a.yaml']);
  });
});
