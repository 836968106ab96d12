/**
 * `dockreview lint` on Compose files that extend and include others: the CLI reads the named files from disk,
 * following chains, and the findings of the linted file use them (fixtures/compose-extends, compose-include).
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { main, type Io } from '../src/cli/main.js';
import type { JsonReport } from '../src/report/json.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));
/** The rules these fixtures exercise (others, like the port-interface advice, are not the point here). */
const RULES = new Set([
  'compose-privileged',
  'depends-on-healthy',
  'compose-undefined-reference',
  'healthy-needs-healthcheck',
  'compose-duplicate-ports',
  'compose-invalid-model',
]);

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

/** A temp repository (`.git/` stops config discovery) holding a copy of one fixture directory. */
function sandbox(dir: string): string {
  const root = mkdtempSync(join(tmpdir(), 'dockreview-compose-'));
  temps.push(root);
  mkdirSync(join(root, '.git'));
  cpSync(join(FIXTURES, dir), root, { recursive: true });
  return root;
}

async function lint(cwd: string, ...args: string[]): Promise<{ code: number; findings: string[] }> {
  let stdout = '';
  const io: Io = {
    stdout: (s) => {
      stdout += s;
    },
    stderr: () => {},
    isTTY: false,
    cwd,
    env: {},
    readStdin: () => {
      throw new Error('no standard input in these tests');
    },
  };
  const code = await main(['lint', '--format', 'json', ...args], io);
  const report = JSON.parse(stdout) as JsonReport;
  return {
    code,
    findings: report.files.flatMap((f) =>
      f.findings
        .filter((x) => RULES.has(x.rule))
        .map((x) => `${f.path}:${x.line}:${x.column} ${x.rule} ${x.message.split(':')[0]}`),
    ),
  };
}

describe('dockreview lint: extends from disk', () => {
  it('follows a chain two files deep: inherited healthcheck and privileged, a missing base service', async () => {
    const root = sandbox('compose-extends');
    const r = await lint(root, 'compose.yaml');
    expect(r.code).toBe(1);
    expect(r.findings).toEqual([
      'compose.yaml:4:5 compose-privileged Service `api` runs privileged (inherited through `extends` from `api` in `common/services.yaml`), which gives it full control of the host',
      'compose.yaml:8:9 depends-on-healthy Service `api` waits only for `db` to start, not to be ready',
      'compose.yaml:16:16 compose-undefined-reference Service `worker` extends `wrker`, which `common/services.yaml` does not define',
    ]);
  });

  it('a base file that does not exist is a finding; the rest stays silent', async () => {
    const root = sandbox('compose-extends');
    unlinkSync(join(root, 'common/services.yaml'));
    const r = await lint(root, 'compose.yaml');
    const missing = (line: number, service: string, base: string) =>
      `compose.yaml:${line}:13 compose-undefined-reference Service \`${service}\` extends \`${base}\` from \`common/services.yaml\`, which does not exist`;
    expect(r.findings).toEqual([
      missing(5, 'api', 'api'),
      missing(11, 'db', 'postgres'),
      missing(15, 'worker', 'wrker'),
    ]);
  });
});

describe('dockreview lint: include from disk', () => {
  it('sees the included services and networks, and their Dockerfiles', async () => {
    const root = sandbox('compose-include');
    const r = await lint(root, 'compose.yaml');
    expect(r.code).toBe(1);
    expect(r.findings).toEqual([
      'compose.yaml:9:9 healthy-needs-healthcheck Service `app` waits for `db` to be healthy, but `db` has no healthcheck in `db/compose.yaml` and its Dockerfile has no `HEALTHCHECK`',
      'compose.yaml:10:7 compose-undefined-reference Service `app` refers in `depends_on` to the service `cache`, which is not a service of this file nor of the files it includes',
      'compose.yaml:13:9 compose-duplicate-ports Service `app` publishes host port `5432/tcp`, already published by service `db` of `db/compose.yaml`',
    ]);
  });

  it('an included file that cannot be read leaves the names it may declare unknown', async () => {
    const root = sandbox('compose-include');
    rmSync(join(root, 'db'), { recursive: true });
    mkdirSync(join(root, 'db/compose.yaml'), { recursive: true });
    const r = await lint(root, 'compose.yaml');
    expect(r.findings).toEqual([]);
  });
});
