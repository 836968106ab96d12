/**
 * The bar the Compose support must clear: on this small file every rule that matters speaks, in the right place,
 * and the `depends_on` fix waits for the database's healthcheck.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { initLint, lintSource } from '../src/lint/engine.js';
import { fixSource } from '../src/lint/fix.js';
import { parseCompose } from '../src/lint/compose/model.js';

const FILE = `version: "3.9"
services:
  app:
    build: .
    ports:
      - "8080:8080"
    depends_on:
      - db
  db:
    image: postgres
    environment:
      POSTGRES_PASSWORD: secret
    healthcheck:
      test: ["CMD-SHELL", "pg_isready -U postgres"]
`;

describe('the Compose bar', () => {
  beforeAll(async () => {
    await initLint();
  });

  // the open port is off by default (publishing on every interface is what `ports:` is usually for): the bar
  // turns it on, as a team that wants it does
  const PORTS = { rules: { 'compose-ports-interface': { severity: 'info' as const } } };
  const lint = () => lintSource({ path: 'compose.yaml', text: FILE }, PORTS).findings;

  it('finds the obsolete version, the untagged image, the short depends_on, the literal password and the open port', () => {
    const found = lint().map((f) => `${f.line}:${f.column} ${f.rule} ${f.severity}`);
    expect(found).toEqual(
      expect.arrayContaining([
        '1:1 compose-no-version info',
        '10:12 compose-image-tag warning',
        '8:9 depends-on-healthy warning',
        // `secret` is a default to change, not a leaked credential
        '12:26 compose-literal-secrets warning',
        '6:9 compose-ports-interface info',
      ]),
    );
    expect(found.filter((f) => f.includes('internal error'))).toEqual([]);
    const byDefault = lintSource({ path: 'compose.yaml', text: FILE }, { rules: {} }).findings;
    expect(byDefault.map((f) => f.rule)).not.toContain('compose-ports-interface');
  });

  it('names what it flags', () => {
    const byRule = new Map(lint().map((f) => [f.rule, f.message]));
    expect(byRule.get('compose-image-tag')).toContain('`postgres`');
    expect(byRule.get('depends-on-healthy')).toContain('`db`');
    expect(byRule.get('compose-literal-secrets')).toContain('`POSTGRES_PASSWORD`');
    expect(byRule.get('compose-ports-interface')).toContain('`8080:8080`');
  });

  it('offers the depends_on fix to service_healthy, and --fix applies the safe fixes', () => {
    const dep = lint().find((f) => f.rule === 'depends-on-healthy')!;
    expect(dep.fix?.safe).toBe(true);
    const fixed = fixSource({ path: 'compose.yaml', text: FILE }, PORTS);
    expect(fixed.text).toBe(`services:
  app:
    build: .
    ports:
      - "8080:8080"
    depends_on:
      db:
        condition: service_healthy
  db:
    image: postgres
    environment:
      POSTGRES_PASSWORD: secret
    healthcheck:
      test: ["CMD-SHELL", "pg_isready -U postgres"]
`);
    expect(parseCompose('compose.yaml', fixed.text).problems).toEqual([]);
    const left = fixed.result.findings.map((f) => f.rule);
    expect(left).not.toContain('depends-on-healthy');
    expect(left).not.toContain('compose-no-version');
    expect(left).toEqual(
      expect.arrayContaining(['compose-image-tag', 'compose-literal-secrets', 'compose-ports-interface']),
    );
  });

  it('binds the port to 127.0.0.1 only as a suggestion', () => {
    const fixed = fixSource({ path: 'compose.yaml', text: FILE }, PORTS, { unsafe: true });
    expect(fixed.text).toContain('- "127.0.0.1:8080:8080"');
  });
});
