/** Config: dockreview.yml and .hadolint.yaml, validation errors with key and line, and discovery. */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import {
  applyConfigText,
  ConfigError,
  defaultConfig,
  detectFormat,
  loadConfigFile,
  setRuleSeverity,
  type Config,
} from '../src/config/config.js';
import { findConfigFiles, resolveConfig } from '../src/config/discover.js';
import { HostSettingError, hostShellcheckOptions, withHostOptions } from '../src/config/host.js';
import { findRules } from '../src/lint/rules/index.js';
import { initLint, lintSource } from '../src/lint/engine.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/config/', import.meta.url));
const FULL = join(FIXTURES, 'full.dockreview.yml');
const HADOLINT_ALL = join(FIXTURES, 'all-keys.hadolint.yaml');

const dockreview = (text: string, base: Config = defaultConfig()): Config =>
  applyConfigText(base, '.github/dockreview.yml', text);
const hadolint = (text: string, base: Config = defaultConfig()): Config =>
  applyConfigText(base, '.hadolint.yaml', text);

/** The ConfigError `fn` throws (fails the test when it throws nothing or something else). */
function configError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return err as ConfigError;
  }
  throw new Error('expected a ConfigError, nothing was thrown');
}

describe('defaults', () => {
  it('an empty file, or one with only comments, gives the defaults', () => {
    const d = defaultConfig();
    expect(d).toMatchObject({
      rules: {},
      pragmas: true,
      failOn: 'error',
      failOnExisting: false,
      comments: 'changed-lines',
      maxComments: 25,
      suggestions: true,
      hadolint: true,
      pragmaPolicy: 'all',
      sources: [],
    });
    for (const text of ['', '# nothing\n', '{}\n']) {
      expect(dockreview(text)).toEqual({ ...d, sources: ['.github/dockreview.yml'] });
    }
  });

  it('defaultConfig returns a fresh object each time', () => {
    const a = defaultConfig();
    a.files.include.push('x');
    a.rules['x'] = { severity: 'off' };
    expect(defaultConfig().files.include).not.toContain('x');
    expect(defaultConfig().rules).toEqual({});
  });
});

describe('dockreview.yml', () => {
  it('reads every key of a full file', () => {
    const c = loadConfigFile(defaultConfig(), FULL);
    expect(c).toEqual({
      rules: {
        'no-latest-tag': { severity: 'error', options: undefined },
        'apt-no-install-recommends': { severity: 'error', options: undefined },
        'exec-form': { severity: 'off', options: undefined },
        'require-healthcheck': { severity: 'off', options: undefined },
        'single-cmd': { severity: 'info', options: undefined },
        'single-entrypoint': { severity: 'info', options: undefined },
        'single-healthcheck': { severity: 'info', options: undefined },
        'require-user': { severity: 'error', options: { nonRootBases: ['ghcr.io/acme/*'] } },
        'compose-quote-ports': { severity: undefined, options: { quote: 'single' } },
      },
      pragmas: true,
      pragmaPolicy: 'all',
      failOn: 'warning',
      failOnExisting: true,
      comments: 'none',
      maxComments: 10,
      commentOn: 'error',
      commentOnFixtures: 'warning',
      suggestions: false,
      files: { include: ['**/Dockerfile*', 'docker/**/*.Dockerfile'], exclude: ['vendor/**'] },
      hadolint: false,
      sources: [FULL],
    });
  });

  it('rule keys by alias and by id, case-insensitively', () => {
    const c = dockreview(
      'rules:\n  DL3015: error\n  JSONArgsRecommended: off\n  dl3007: info\n  pipefail: style\n',
    );
    expect(c.rules).toEqual({
      'apt-no-install-recommends': { severity: 'error', options: undefined },
      'exec-form': { severity: 'off', options: undefined },
      'no-latest-tag': { severity: 'info', options: undefined },
      pipefail: { severity: 'style', options: undefined },
    });
  });

  it('an alias key changes what the engine reports', async () => {
    await initLint();
    const text = 'FROM debian:12\nRUN apt-get update && apt-get install -y gcc\nCMD python app.py\n';
    const c = dockreview('rules:\n  DL3015: error\n  JSONArgsRecommended: off\n');
    const fs = lintSource({ path: 'Dockerfile', text }, c).findings;
    expect(fs.filter((f) => f.rule === 'apt-no-install-recommends').map((f) => f.severity)).toEqual([
      'error',
    ]);
    expect(fs.filter((f) => f.rule === 'exec-form')).toEqual([]);
    // the same file without the config: defaults
    const plain = lintSource({ path: 'Dockerfile', text }, defaultConfig()).findings;
    expect(plain.filter((f) => f.rule === 'apt-no-install-recommends').map((f) => f.severity)).toEqual([
      'info',
    ]);
    expect(plain.filter((f) => f.rule === 'exec-form').length).toBe(1);
  });

  it('`{severity, ...options}` keeps options apart from severity, and merges over earlier settings', () => {
    const first = dockreview('rules:\n  require-user: { severity: error, nonRootBases: [a] }\n');
    expect(first.rules['require-user']).toEqual({
      severity: 'error',
      options: { nonRootBases: ['a'] },
    });
    const second = dockreview('rules:\n  CKV_DOCKER_3: { nonRootBases: [b] }\n', first);
    expect(second.rules['require-user']).toEqual({
      severity: 'error',
      options: { nonRootBases: ['b'] },
    });
    const third = dockreview('rules:\n  require-user: warning\n', second);
    expect(third.rules['require-user']).toEqual({
      severity: 'warning',
      options: { nonRootBases: ['b'] },
    });
    expect(third.sources).toEqual([
      '.github/dockreview.yml',
      '.github/dockreview.yml',
      '.github/dockreview.yml',
    ]);
  });

  it('does not change the base config it is applied on', () => {
    const base = defaultConfig();
    dockreview('fail_on: never\nrules:\n  DL3015: off\n', base);
    expect(base).toEqual(defaultConfig());
  });

  it('files.include alone keeps the default exclude, and the other way round', () => {
    const c = dockreview('files:\n  exclude: [vendor/**]\n');
    expect(c.files).toEqual({ include: defaultConfig().files.include, exclude: ['vendor/**'] });
  });
});

describe('dockreview.yml errors', () => {
  it('an unknown top-level key names the key, on its line', () => {
    const e = configError(() =>
      dockreview('# settings\nfail_on: error\nfail_onn: warning\nmax_comments: 3\n'),
    );
    expect(e.line).toBe(3);
    expect(e.detail).toBe('unknown key `fail_onn`');
    expect(e.column).toBe(1);
    expect(e.message).toBe('.github/dockreview.yml:3:1: unknown key `fail_onn`');
    expect(e.path).toBe('.github/dockreview.yml');
    expect(e.name).toBe('ConfigError');
  });

  it('an unknown nested key names its full path', () => {
    const e = configError(() => dockreview('files:\n  include: [a]\n  excludes: [b]\n'));
    expect([e.line, e.detail]).toEqual([3, 'unknown key `files.excludes`']);
  });

  it('a ShellCheck code takes a severity for that code; the rule keeps its others', () => {
    const c = dockreview(
      'rules:\n  SC2086: off\n  sc2046: { severity: error }\n  shellcheck: { severity: warning }\n',
    );
    expect(c.rules).toEqual({
      shellcheck: { severity: 'warning', options: { codes: { SC2086: 'off', SC2046: 'error' } } },
    });
    // applied on top of a .hadolint.yaml: the later file wins per code
    const both = dockreview('rules:\n  SC2086: info\n', hadolint('ignored: [SC2086, SC2164]\n'));
    expect(both.rules.shellcheck?.options?.codes).toEqual({ SC2086: 'info', SC2164: 'off' });
  });

  it('a ShellCheck code with options is refused with its line', () => {
    const e = configError(() => dockreview('rules:\n  SC2086: { timeoutMs: 5 }\n'));
    expect([e.line, e.detail]).toEqual([
      2,
      '`rules.SC2086` is a ShellCheck code: it takes a severity (off, style, info, warning or error) and no options',
    ]);
  });

  it('setRuleSeverity (--rule) takes ids, aliases and ShellCheck codes', () => {
    const c = defaultConfig();
    expect(setRuleSeverity(c, 'SC2086', 'off')).toBe(true);
    expect(setRuleSeverity(c, 'DL3007', 'error')).toBe(true);
    expect(setRuleSeverity(c, 'AVD-DS-0002', 'warning')).toBe(true);
    expect(setRuleSeverity(c, 'SC99', 'off')).toBe(false);
    expect(c.rules).toEqual({
      shellcheck: { options: { codes: { SC2086: 'off' } } },
      'no-latest-tag': { severity: 'error' },
      'no-root-user': { severity: 'warning' },
    });
  });

  it('an unknown rule names it, with its line', () => {
    const e = configError(() =>
      dockreview('fail_on: error\nrules:\n  no-latest-tag: error\n  no-such-rule: off\n'),
    );
    expect(e.line).toBe(4);
    expect(e.detail).toContain('unknown rule `no-such-rule` in `rules`');
  });

  it('a bad enum names the key and the allowed values', () => {
    const e = configError(() => dockreview('comments: none\nfail_on: sometimes\n'));
    expect(e.line).toBe(2);
    expect(e.detail).toBe('`fail_on` must be one of `error`, `warning`, `info`, `style`, `never`');
  });

  it('a bad rule severity, short or long form, names the rule and the severities', () => {
    for (const text of [
      'rules:\n  no-latest-tag: fatal\n',
      'rules:\n  no-latest-tag:\n    severity: fatal\n',
    ]) {
      const e = configError(() => dockreview(text));
      // the long form names the `severity` key itself
      const at = text.includes('severity') ? 'rules.no-latest-tag.severity' : 'rules.no-latest-tag';
      expect(e.detail).toBe(`\`${at}\` must be one of \`off\`, \`style\`, \`info\`, \`warning\`, \`error\``);
      expect(e.line).toBe(text.split('\n').findIndex((l) => l.includes('fatal')) + 1);
    }
  });

  it('wrong types and ranges', () => {
    expect(configError(() => dockreview('suggestions: "yes"\n')).detail).toBe(
      '`suggestions` must be of type boolean',
    );
    expect(configError(() => dockreview('files:\n  include: a\n'))).toMatchObject({
      line: 2,
      detail: '`files.include` must be a list',
    });
    expect(configError(() => dockreview('\nmax_comments: 1000\n'))).toMatchObject({
      line: 2,
      detail: '`max_comments` must be <= 100',
    });
    expect(configError(() => dockreview('- a\n- b\n')).detail).toBe('the top level must be of type object');
  });

  it('invalid YAML gives the line', () => {
    const tab = configError(() => dockreview('fail_on: error\nrules:\n\tno-latest-tag: off\n'));
    expect(tab.line).toBe(3);
    expect(tab.detail).toMatch(/^not valid YAML: /);
    const implicit = configError(() => dockreview('fail_on: error\n- a\n'));
    expect(implicit.line).toBe(2);
    const dup = configError(() => dockreview('fail_on: error\nmax_comments: 2\nfail_on: never\n'));
    expect(dup).toMatchObject({ line: 3, detail: 'not valid YAML: Map keys must be unique' });
  });

  it('an alias bomb or an alias without anchor is a ConfigError, not a crash', () => {
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x]',
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]',
      'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]',
      '',
    ].join('\n');
    expect(configError(() => dockreview(bomb)).detail).toMatch(/^not valid YAML: .*alias/i);
    expect(configError(() => dockreview('rules: *nope\n')).detail).toMatch(/^not valid YAML: .*alias/i);
  });

  it('an unreadable file is a ConfigError naming the path', () => {
    const e = configError(() => loadConfigFile(defaultConfig(), join(FIXTURES, 'missing.yml')));
    expect(e.line).toBeNull();
    expect(e.message).toContain('missing.yml: cannot read the config file (ENOENT)');
  });
});

describe('.hadolint.yaml', () => {
  it('maps every key as documented', () => {
    const c = loadConfigFile(defaultConfig(), HADOLINT_ALL);
    const expected: Config['rules'] = {
      // ignored → off
      'no-latest-tag': { severity: 'off', options: undefined },
      'apt-no-install-recommends': { severity: 'off', options: undefined },
      // override.<severity> → that severity
      'pip-no-cache-dir': { severity: 'error', options: undefined },
      'apk-no-cache': { severity: 'warning', options: undefined },
      'exec-form': { severity: 'info', options: undefined },
      'no-maintainer': { severity: 'style', options: undefined },
    };
    // trustedRegistries configures the rule of DL3026, label-schema/strict-labels the rule of DL3049, when they exist
    for (const rule of findRules('DL3026'))
      expected[rule.id] = { severity: 'error', options: { registries: ['docker.io', 'ghcr.io'] } };
    for (const rule of findRules('DL3049'))
      expected[rule.id] = {
        severity: 'warning',
        options: { schema: { author: 'text', url: 'url' }, strict: true },
      };
    expect(c.rules).toEqual(expected);
    expect(c.failOn).toBe('info'); // failure-threshold (no-fail is false)
    expect(c.pragmas).toBe(false); // disable-ignore-pragma
    expect(c.pragmaPolicy).toBe('none'); // …is `pragmas: none`
    expect(c.sources).toEqual([HADOLINT_ALL]);
    // the keys dockreview has no use for leave the rest as it was
    expect({
      ...c,
      rules: {},
      failOn: 'error',
      pragmas: true,
      pragmaPolicy: 'all',
      sources: [],
    }).toEqual(defaultConfig());
  });

  it('takes the spellings hadolint itself reads: trusted-registries, one registry as a string, output-format', () => {
    const registries = (text: string): unknown =>
      Object.values(hadolint(text).rules).find((r) => r?.options && 'registries' in r.options)?.options
        ?.registries;
    expect(registries('trusted-registries:\n  - quay.io\n  - ghcr.io\n')).toEqual(['quay.io', 'ghcr.io']);
    expect(registries('trustedRegistries: registry.example.com\n')).toEqual(['registry.example.com']);
    expect(registries('trusted-registries: ghcr.io\n')).toEqual(['ghcr.io']);
    // an output setting of hadolint's own CLI: valid in the file, nothing for dockreview to do
    expect(hadolint('output-format: sarif\nno-color: true\n').rules).toEqual(defaultConfig().rules);
    expect(configError(() => hadolint('trustedRegistries: 5\n')).message).toContain(
      '`trustedRegistries` must be a string or a list',
    );
  });

  it('failure-threshold and no-fail set fail_on', () => {
    expect(hadolint('failure-threshold: warning\n').failOn).toBe('warning');
    expect(hadolint('failure-threshold: style\n').failOn).toBe('style');
    expect(hadolint('failure-threshold: none\n').failOn).toBe('never');
    expect(hadolint('failure-threshold: ignore\n').failOn).toBe('never');
    expect(hadolint('failure-threshold: error\nno-fail: true\n').failOn).toBe('never');
    expect(hadolint('no-fail: false\n').failOn).toBe('error');
  });

  it('a code dockreview does not implement is accepted and changes nothing', () => {
    expect(hadolint('ignored: [DL9999]\noverride:\n  error: [DL3999]\n').rules).toEqual({});
  });

  it('ShellCheck codes in ignored and override set that code of the shellcheck rule only', () => {
    const c = hadolint('ignored: [SC2086]\noverride:\n  error: [SC2046]\n  info: [sc1091]\n');
    expect(c.rules).toEqual({
      shellcheck: { options: { codes: { SC2086: 'off', SC2046: 'error', SC1091: 'info' } } },
    });
  });

  it('Trivy ids in any of their forms: DS002, DS-0002, AVD-DS-0002', () => {
    for (const id of ['DS002', 'ds-0002', 'AVD-DS-0002', 'DS2']) {
      expect(hadolint(`ignored: [${id}]\n`).rules).toEqual({
        'no-root-user': { severity: 'off', options: undefined },
      });
      expect(dockreview(`rules:\n  ${id}: error\n`).rules).toEqual({
        'no-root-user': { severity: 'error', options: undefined },
      });
    }
  });

  it('disable-ignore-pragma: false keeps pragmas', () => {
    expect(hadolint('disable-ignore-pragma: false\n').pragmas).toBe(true);
  });

  it('an unknown hadolint key is rejected with its line', () => {
    const e = configError(() => hadolint('ignored: [DL3007]\nignore: [DL3008]\n'));
    expect([e.line, e.detail]).toEqual([2, 'unknown key `ignore` in hadolint config']);
    const o = configError(() => hadolint('override:\n  fatal: [DL3007]\n'));
    expect([o.line, o.detail]).toEqual([2, 'unknown key `override.fatal` in hadolint config']);
  });

  it('bad values are rejected naming the key', () => {
    expect(configError(() => hadolint('failure-threshold: fatal\n')).detail).toBe(
      '`failure-threshold` must be one of `error`, `warning`, `info`, `style`, `ignore`, `none`',
    );
    expect(configError(() => hadolint('label-schema:\n  author: person\n'))).toMatchObject({
      line: 2,
      detail:
        '`label-schema.author` must be one of `text`, `url`, `semver`, `hash`, `rfc3339`, `spdx`, `email`',
    });
  });

  it('dockreview keys are unknown in a hadolint file, and the other way round', () => {
    expect(configError(() => hadolint('fail_on: error\n')).detail).toBe(
      'unknown key `fail_on` in hadolint config',
    );
    expect(configError(() => dockreview('ignored: [DL3007]\n')).detail).toBe('unknown key `ignored`');
  });
});

describe('pragmas', () => {
  it('`pragmas` takes all, base-only or none; the engine flag follows (off only for none)', () => {
    expect(defaultConfig()).toMatchObject({ pragmaPolicy: 'all', pragmas: true });
    expect(dockreview('pragmas: all\n')).toMatchObject({ pragmaPolicy: 'all', pragmas: true });
    // base-only: the engine still honours pragmas; the review drops those on added lines
    expect(dockreview('pragmas: base-only\n')).toMatchObject({ pragmaPolicy: 'base-only', pragmas: true });
    expect(dockreview('pragmas: none\n')).toMatchObject({ pragmaPolicy: 'none', pragmas: false });
  });

  it('an invalid value is a config error naming the values, on its line', () => {
    const e = configError(() => dockreview('fail_on: error\npragmas: some\n'));
    expect(e.line).toBe(2);
    expect(e.detail).toBe('`pragmas` must be one of `all`, `base-only`, `none`');
    expect(configError(() => dockreview('pragmas: false\n')).detail).toContain('`pragmas` must be one of');
  });

  it("hadolint's disable-ignore-pragma is `none`, and dockreview.yml applied on top wins", () => {
    const off = hadolint('disable-ignore-pragma: true\n');
    expect(off).toMatchObject({ pragmaPolicy: 'none', pragmas: false });
    expect(dockreview('pragmas: base-only\n', off)).toMatchObject({
      pragmaPolicy: 'base-only',
      pragmas: true,
    });
  });

  it('`none` turns off every inline pragma in the engine', async () => {
    await initLint();
    const text = 'FROM ubuntu\n# hadolint ignore=DL4000\nMAINTAINER x\n';
    const ids = (c: Config) => lintSource({ path: 'Dockerfile', text }, c).findings.map((f) => f.rule);
    expect(ids(dockreview('pragmas: all\n'))).not.toContain('no-maintainer');
    expect(ids(dockreview('pragmas: none\n'))).toContain('no-maintainer');
  });
});

describe("ShellCheck options are the host's, not the repository's", () => {
  it('shellcheckPath or timeoutMs in a config file is an error on its line, naming the flag and variable', () => {
    const path = configError(() =>
      dockreview(
        'fail_on: error\nrules:\n  shellcheck:\n    severity: error\n    shellcheckPath: /tmp/evil\n',
      ),
    );
    expect(path.line).toBe(5);
    expect(path.detail).toContain('`rules.shellcheck.shellcheckPath` is not read from config files');
    expect(path.detail).toContain('--shellcheck PATH');
    expect(path.detail).toContain('DOCKREVIEW_SHELLCHECK');
    const timeout = configError(() => dockreview('rules:\n  shellcheck: { timeoutMs: 1 }\n'));
    expect(timeout.line).toBe(2);
    expect(timeout.detail).toContain('--shellcheck-timeout MS');
    expect(timeout.detail).toContain('DOCKREVIEW_SHELLCHECK_TIMEOUT_MS');
  });

  it('by an alias, or nested under `options:`, it is refused the same', () => {
    const alias = configError(() => dockreview('rules:\n  SC:\n    shellcheckPath: sh\n'));
    expect(alias.line).toBe(3);
    expect(alias.detail).toContain('`rules.SC.shellcheckPath`');
    const nested = configError(() => dockreview('rules:\n  shellcheck:\n    options:\n      timeoutMs: 5\n'));
    expect(nested.line).toBe(4);
    expect(nested.detail).toContain('`rules.shellcheck.options.timeoutMs`');
  });

  it('other shellcheck settings are still read; the same option name on another rule is just unknown there', () => {
    expect(dockreview('rules:\n  shellcheck: error\n').rules['shellcheck']).toEqual({
      severity: 'error',
      options: undefined,
    });
    expect(configError(() => dockreview('rules:\n  require-user: { timeoutMs: 3 }\n')).detail).toBe(
      'unknown option `rules.require-user.timeoutMs` (its options: `nonRootBases`)',
    );
  });

  it('the environment sets them; the flags win; empty variables are unset', () => {
    expect(hostShellcheckOptions({})).toEqual({});
    expect(
      hostShellcheckOptions({ DOCKREVIEW_SHELLCHECK: '', DOCKREVIEW_SHELLCHECK_TIMEOUT_MS: '' }),
    ).toEqual({});
    const env = { DOCKREVIEW_SHELLCHECK: '/opt/sc', DOCKREVIEW_SHELLCHECK_TIMEOUT_MS: '2500' };
    expect(hostShellcheckOptions(env)).toEqual({ shellcheckPath: '/opt/sc', timeoutMs: 2500 });
    expect(
      hostShellcheckOptions(env, { shellcheck: '/usr/bin/shellcheck', shellcheckTimeout: '40' }),
    ).toEqual({
      shellcheckPath: '/usr/bin/shellcheck',
      timeoutMs: 40,
    });
  });

  it('a timeout that is not a positive whole number, or an empty path, is an error naming its source', () => {
    for (const bad of ['0', '-5', '1.5', 'abc', '1e3', '99999999999']) {
      const e = configError(() => hostShellcheckOptions({ DOCKREVIEW_SHELLCHECK_TIMEOUT_MS: bad }));
      expect(e).toBeInstanceOf(HostSettingError);
      expect(e.message).toMatch(/^DOCKREVIEW_SHELLCHECK_TIMEOUT_MS: must be a whole number of milliseconds/);
    }
    expect(configError(() => hostShellcheckOptions({}, { shellcheckTimeout: '0' })).path).toBe(
      '--shellcheck-timeout',
    );
    expect(configError(() => hostShellcheckOptions({}, { shellcheck: '' })).path).toBe('--shellcheck');
    // a control character in the value is not echoed raw
    const e = configError(() => hostShellcheckOptions({ DOCKREVIEW_SHELLCHECK_TIMEOUT_MS: '1\u001b[2J' }));
    expect(e.message).not.toContain('\u001b');
  });

  it('withHostOptions puts them into the rule last, keeping its severity and other options', () => {
    const base = dockreview('rules:\n  shellcheck: error\n');
    const c = withHostOptions(base, { shellcheckPath: '/opt/sc', timeoutMs: 7 });
    expect(c.rules['shellcheck']).toEqual({
      severity: 'error',
      options: { shellcheckPath: '/opt/sc', timeoutMs: 7 },
    });
    expect(base.rules['shellcheck']?.options).toBeUndefined(); // not mutated
    expect(withHostOptions(defaultConfig(), {}).rules).toEqual({});
    expect(withHostOptions(defaultConfig(), { timeoutMs: 9 }).rules['shellcheck']).toEqual({
      options: { timeoutMs: 9 },
    });
  });
});

describe('detectFormat', () => {
  it('by file name first, then by keys', () => {
    expect(detectFormat('.hadolint.yaml', 'fail_on: error\n')).toBe('hadolint');
    expect(detectFormat('conf/hadolint.yml', '')).toBe('hadolint');
    expect(detectFormat('.github/dockreview.yml', 'ignored: []\n')).toBe('dockreview');
    expect(detectFormat('lint.yml', 'ignored:\n  - DL3007\n')).toBe('hadolint');
    expect(detectFormat('lint.yml', 'failure-threshold: error\n')).toBe('hadolint');
    expect(detectFormat('lint.yml', 'fail_on: error\n')).toBe('dockreview');
  });
});

describe('resolveConfig', () => {
  const roots: string[] = [];
  afterAll(() => {
    for (const r of roots) rmSync(r, { recursive: true, force: true });
  });

  /** A temporary tree: `files` maps relative paths to contents (`null` makes a folder). */
  function tree(files: Record<string, string | null>): string {
    const root = mkdtempSync(join(tmpdir(), 'dockreview-config-'));
    roots.push(root);
    for (const [rel, text] of Object.entries(files)) {
      const p = join(root, rel);
      if (text === null) mkdirSync(p, { recursive: true });
      else {
        mkdirSync(dirname(p), { recursive: true });
        writeFileSync(p, text);
      }
    }
    return root;
  }

  const HADOLINT = 'override:\n  error: [DL3015]\nignored: [DL3007]\nfailure-threshold: info\n';
  const OWN = 'rules:\n  apt-no-install-recommends: warning\n';

  it('with no config file anywhere up to the repository root: the defaults', () => {
    const root = tree({ 'repo/.git': null, 'repo/src/app': null, '.hadolint.yaml': 'ignored: [DL3007]\n' });
    expect(findConfigFiles(join(root, 'repo/src/app'))).toEqual({ dockreview: null, hadolint: null });
    expect(resolveConfig(join(root, 'repo/src/app'))).toEqual(defaultConfig());
  });

  it('finds the nearest of each walking up, and applies dockreview over hadolint', () => {
    const root = tree({
      '.git': null,
      '.github/dockreview.yml': OWN,
      '.hadolint.yaml': HADOLINT,
      'services/api/Dockerfile': 'FROM alpine\n',
    });
    const start = join(root, 'services/api');
    expect(findConfigFiles(start)).toEqual({
      dockreview: join(root, '.github/dockreview.yml'),
      hadolint: join(root, '.hadolint.yaml'),
    });
    const c = resolveConfig(start);
    expect(c.sources).toEqual([join(root, '.hadolint.yaml'), join(root, '.github/dockreview.yml')]);
    // both set DL3015: dockreview's wins; the rest of hadolint's stays
    expect(c.rules['apt-no-install-recommends']?.severity).toBe('warning');
    expect(c.rules['no-latest-tag']?.severity).toBe('off');
    expect(c.failOn).toBe('info');
    // a file path as start works like its folder
    expect(resolveConfig(join(start, 'Dockerfile'))).toEqual(c);
  });

  it('dockreview fail_on wins over hadolint failure-threshold', () => {
    const root = tree({
      '.git': null,
      '.github/dockreview.yml': 'fail_on: never\n',
      '.hadolint.yml': 'failure-threshold: style\n',
    });
    expect(resolveConfig(root)).toMatchObject({ failOn: 'never' });
  });

  it('a nearer file shadows one further up', () => {
    const root = tree({
      '.git': null,
      '.hadolint.yaml': 'ignored: [DL3007]\n',
      '.github/dockreview.yml': 'max_comments: 1\n',
      'sub/.hadolint.yaml': 'ignored: [DL3015]\n',
      'sub/deeper/.dockreview.yml': 'max_comments: 2\n',
    });
    const start = join(root, 'sub/deeper');
    expect(findConfigFiles(start)).toEqual({
      dockreview: join(root, 'sub/deeper/.dockreview.yml'),
      hadolint: join(root, 'sub/.hadolint.yaml'),
    });
    const c = resolveConfig(start);
    expect(c.maxComments).toBe(2);
    expect(Object.keys(c.rules)).toEqual(['apt-no-install-recommends']);
  });

  it('does not look above the repository root', () => {
    const root = tree({
      '.hadolint.yaml': 'ignored: [DL3007]\n',
      'repo/.git': null,
      'repo/.github/dockreview.yml': OWN,
    });
    const c = resolveConfig(join(root, 'repo'));
    expect(c.sources).toEqual([join(root, 'repo/.github/dockreview.yml')]);
    expect(c.rules['no-latest-tag']).toBeUndefined();
  });

  it('`hadolint: false` skips .hadolint.yaml', () => {
    const root = tree({
      '.git': null,
      '.github/dockreview.yml': `hadolint: false\n${OWN}`,
      '.hadolint.yaml': HADOLINT,
    });
    const c = resolveConfig(root);
    expect(c.sources).toEqual([join(root, '.github/dockreview.yml')]);
    expect(c.rules).toEqual({ 'apt-no-install-recommends': { severity: 'warning', options: undefined } });
    expect(c.failOn).toBe('error');
    expect(c.hadolint).toBe(false);
  });

  it('only a .hadolint.yaml', () => {
    const root = tree({ '.git': null, '.hadolint.yaml': HADOLINT });
    const c = resolveConfig(root);
    expect(c.sources).toEqual([join(root, '.hadolint.yaml')]);
    expect(c.rules['apt-no-install-recommends']?.severity).toBe('error');
  });

  it('an invalid file found on the way is a ConfigError naming it', () => {
    const root = tree({ '.git': null, '.github/dockreview.yml': 'fail_on: sometimes\n' });
    const e = configError(() => resolveConfig(root));
    expect(e.path).toBe(join(root, '.github/dockreview.yml'));
    expect(e.line).toBe(1);
  });

  it('an explicit --config of either format is used alone', () => {
    const root = tree({
      '.git': null,
      '.github/dockreview.yml': 'max_comments: 7\n',
      '.hadolint.yaml': HADOLINT,
      'ci/lint.yml': 'ignored: [DL3019]\n',
      'ci/review.yml': 'fail_on: warning\n',
    });
    const full = resolveConfig(root, FULL);
    expect(full.sources).toEqual([FULL]);
    expect(full.maxComments).toBe(10);
    const had = resolveConfig(root, HADOLINT_ALL);
    expect(had.sources).toEqual([HADOLINT_ALL]);
    expect(had.pragmas).toBe(false);
    expect(had.maxComments).toBe(25);
    // by its keys when the name says nothing
    expect(resolveConfig(root, join(root, 'ci/lint.yml')).rules).toEqual({
      'apk-no-cache': { severity: 'off', options: undefined },
    });
    expect(resolveConfig(root, join(root, 'ci/review.yml'))).toMatchObject({
      failOn: 'warning',
      maxComments: 25,
    });
  });

  it('a config file found on the way that is a link out of its folder is refused, unread', () => {
    const root = tree({ '.git': null, 'app/Dockerfile': 'FROM alpine\n' });
    symlinkSync('/etc/passwd', join(root, '.hadolint.yaml'));
    const e = configError(() => resolveConfig(join(root, 'app')));
    expect(e.path).toBe(join(root, '.hadolint.yaml'));
    expect(e.message).toContain('a symbolic link to a file outside its folder: not read');
    expect(e.message).not.toContain('root:');
    // a link to a file inside the folder is read
    const inside = tree({ '.git': null, 'conf/dr.yml': 'max_comments: 3\n' });
    mkdirSync(join(inside, '.github'));
    symlinkSync(join(inside, 'conf/dr.yml'), join(inside, '.github/dockreview.yml'));
    expect(resolveConfig(inside).maxComments).toBe(3);
  });

  it('an explicit path that does not exist is a ConfigError', () => {
    const root = tree({ '.git': null });
    const e = configError(() => resolveConfig(root, join(root, 'nope.yml')));
    expect(e.detail).toBe('config file not found');
    expect(e.path).toBe(join(root, 'nope.yml'));
  });
});
