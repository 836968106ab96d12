import { describe, expect, it } from 'vitest';
import { parseCompose } from '../../src/lint/compose/model.js';
import { eachService, oncePerSpan } from '../../src/lint/compose/services.js';
import { bindMounts, mappingAt, publishedPorts, servicePath } from '../../src/lint/compose/util.js';
import type { Report } from '../../src/lint/rule.js';

const compose = (text: string) => parseCompose('compose.yaml', text);
const service = (text: string, name: string) => compose(text).services.find((s) => s.name === name)!;

describe('oncePerSpan', () => {
  it('passes the first report at a span on, and drops later ones at the same span', () => {
    const seen: Report[] = [];
    const report = oncePerSpan((r) => seen.push(r));
    report({ at: { start: 1, end: 4 }, message: 'a' });
    report({ at: { start: 1, end: 4 }, message: 'b' });
    report({ at: { start: 1, end: 5 }, message: 'c' });
    report({ at: { start: 0, end: 4 }, message: 'd' });
    expect(seen.map((r) => r.message)).toEqual(['a', 'c', 'd']);
  });
});

describe('eachService', () => {
  it('visits every service in file order', () => {
    const model = compose('services:\n  web:\n    image: a\n  db:\n    image: b\n  cache: {}\n');
    const names: string[] = [];
    eachService(
      model,
      () => {},
      (s) => names.push(s.name),
    );
    expect(names).toEqual(['web', 'db', 'cache']);
  });

  it('reports a value merged from an anchor into several services once, naming the first', () => {
    const model = compose(
      'x-base: &base\n  user: root\nservices:\n  a:\n    <<: *base\n  b:\n    <<: *base\n  c:\n    user: root\n',
    );
    const seen: Report[] = [];
    eachService(
      model,
      (r) => seen.push(r),
      (s, report) => {
        const at = model.spanAt(servicePath(s, 'user'));
        if (at) report({ at, message: s.name });
      },
    );
    // `a` and `b` share the anchor's one `user: root`; `c` writes its own
    const [a, b] = model.services;
    expect(model.spanAt(servicePath(b!, 'user'))).toEqual(model.spanAt(servicePath(a!, 'user')));
    expect(seen.map((r) => r.message)).toEqual(['a', 'c']);
  });

  it('a file without services visits nothing', () => {
    const visited: string[] = [];
    eachService(
      compose('name: x\n'),
      () => {},
      (s) => visited.push(s.name),
    );
    expect(visited).toEqual([]);
  });
});

describe('bindMounts', () => {
  it('keeps host paths (short and long syntax) and leaves named, anonymous and tmpfs volumes out', () => {
    const s = service(
      [
        'services:',
        '  app:',
        '    volumes:',
        '      - ./src:/app/src:ro',
        '      - data:/var/lib/data',
        '      - /cache',
        '      - type: bind',
        '        source: /etc/app',
        '        target: /config',
        '      - type: bind',
        '        target: /nowhere',
        '      - type: tmpfs',
        '        target: /tmp',
        'volumes:',
        '  data: {}',
        '',
      ].join('\n'),
      'app',
    );
    expect(bindMounts(s).map((v) => [v.index, v.source, v.target, v.readOnly])).toEqual([
      [0, './src', '/app/src', true],
      [3, '/etc/app', '/config', false],
    ]);
  });

  it('none without a volumes list', () => {
    expect(bindMounts(service('services:\n  app:\n    volumes: ./x\n', 'app'))).toEqual([]);
  });
});

describe('publishedPorts', () => {
  it("a service's ports, in order", () => {
    const s = service('services:\n  web:\n    ports: ["8080:80", "127.0.0.1:9090:90/udp"]\n', 'web');
    expect(publishedPorts(s).map((p) => [p.index, p.hostIp, p.published, p.target, p.protocol])).toEqual([
      [0, null, '8080', '80', 'tcp'],
      [1, '127.0.0.1', '9090', '90', 'udp'],
    ]);
  });

  it('none on the host network, where Compose ignores `ports`', () => {
    const s = service('services:\n  web:\n    network_mode: host\n    ports: ["8080:80"]\n', 'web');
    expect(publishedPorts(s)).toEqual([]);
  });
});

describe('mappingAt', () => {
  const data = { deploy: { resources: { limits: { memory: '1g' } }, replicas: 2 }, ports: ['80'] };

  it('walks nested mappings', () => {
    expect(mappingAt(data, 'deploy', 'resources', 'limits')).toEqual({ memory: '1g' });
    expect(mappingAt(data)).toBe(data);
  });

  it('an empty mapping where a key is missing or holds something else', () => {
    expect(mappingAt(data, 'deploy', 'restart_policy')).toEqual({});
    expect(mappingAt(data, 'deploy', 'replicas', 'x')).toEqual({});
    expect(mappingAt(data, 'ports')).toEqual({});
    expect(mappingAt({ deploy: null }, 'deploy')).toEqual({});
  });
});
