import { defineRule, type ReportMessage } from '../../rule.js';
import { parseArgs } from '../../shell/args.js';
import type { Span } from '../../types.js';
import { argsOf, runCommands, subcommand } from '../../dockerfile/run.js';
import { code } from '../../quote.js';

interface EnvCheck {
  /** Does this value switch verification off? */
  disables(value: string): boolean;
  alias: string;
  what: string;
}

/** Environment variables that switch certificate checks off, by name (upper-cased). */
const ENV_CHECKS: ReadonlyMap<string, EnvCheck> = new Map([
  ['PYTHONHTTPSVERIFY', { disables: (v) => v === '0', alias: 'CKV2_DOCKER_5', what: 'Python' }],
  ['NODE_TLS_REJECT_UNAUTHORIZED', { disables: (v) => v === '0', alias: 'CKV2_DOCKER_6', what: 'Node.js' }],
  [
    'NPM_CONFIG_STRICT_SSL',
    { disables: (v) => v.toLowerCase() === 'false', alias: 'CKV2_DOCKER_12', what: 'npm' },
  ],
  // git skips verification when this is set to anything
  ['GIT_SSL_NO_VERIFY', { disables: (v) => v !== '', alias: 'CKV2_DOCKER_14', what: 'git' }],
  [
    'PIP_TRUSTED_HOST',
    { disables: (v) => v !== '', alias: 'CKV2_DOCKER_16', what: 'pip (for the hosts it lists)' },
  ],
]);

/** The message for a variable set, as written (`setting`), to a value that switches verification off. */
function envOff(setting: string, check: EnvCheck): ReportMessage {
  return { messageId: 'envOff', data: { setting: code(setting), what: check.what } };
}

/** Names whose case does not matter to the tool that reads them (npm reads `npm_config_*` in any case). */
function envCheck(name: string): EnvCheck | undefined {
  const check = ENV_CHECKS.get(name.toUpperCase());
  if (!check) return undefined;
  return name === name.toUpperCase() || name.toUpperCase() === 'NPM_CONFIG_STRICT_SSL' ? check : undefined;
}

const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s;
const EXPORTERS = new Set(['export', 'declare', 'typeset', 'readonly', 'local', 'env']);
const EXPORTED = /(?:^|[\s;&|(])export\s+([^;&|\n]*)/g;
// starts only at the start of a name: from inside one, a long name without `=` was rescanned at every letter
const EXPORT_PAIR = /(?<![A-Za-z0-9_])([A-Za-z_][A-Za-z0-9_]*)=("[^"]*"|'[^']*'|[^\s;&|]*)/g;
const GIT_FALSE = /^(false|no|off|0|)$/i;
const SSLVERIFY_KEY = /^http\.(.+\.)?sslverify$/i;
const SSLVERIFY_SETOPT = /^(?:[^=]+\.)?sslverify\s*=\s*["']?(0|false|no)["']?$/i;

/** Certificate checks switched off: every download of the build can be swapped by whoever sits on the network path. */
export default defineRule({
  id: 'no-tls-verify-disabled',
  aliases: [
    'CKV2_DOCKER_2',
    'CKV2_DOCKER_3',
    'CKV2_DOCKER_4',
    'CKV2_DOCKER_5',
    'CKV2_DOCKER_6',
    'CKV2_DOCKER_12',
    'CKV2_DOCKER_13',
    'CKV2_DOCKER_14',
    'CKV2_DOCKER_15',
    'CKV2_DOCKER_16',
  ],
  kind: 'dockerfile',
  severity: 'error',
  fixable: false,
  summary:
    'TLS certificate verification switched off (`curl -k`, `--no-check-certificate`, `--trusted-host`…)',
  why: 'Without certificate checks anyone on the network path (a proxy, a hostile Wi-Fi, a compromised mirror) can serve their own files in place of the ones the build downloads, and that code ends up in the image.',
  messages: {
    envOff:
      '{{setting}} switches certificate verification off for {{what}}: install the CA certificate the server needs instead.',
    insecureFlag: '{{flag}} accepts any certificate: drop it and fix the CA bundle instead.',
    pipTrustedHost:
      '`pip --trusted-host{{hosts}}` lets pip download from that host without verifying its certificate.',
    pipConfigTrustedHost:
      '{{command}} lets pip download from those hosts without verifying their certificates.',
    npmStrictSsl:
      '{{command}} makes {{tool}} accept any registry certificate: configure the CA instead (`cafile`).',
    gitSslVerify: '{{command}} makes git accept any server certificate: configure `http.sslCAInfo` instead.',
    rpmSslVerify:
      '{{setting}} makes {{manager}} download packages and metadata without verifying the server certificate.',
  },
  check({ model, report }) {
    const found = (at: Span, aliases: string[], message: ReportMessage): void =>
      report({ at, aliases, ...message });
    const span = (w: { start: number; end: number }): Span => ({ start: w.start, end: w.end });

    // ENV and ARG defaults (ONBUILD triggers included)
    for (const ins of model.each('ENV', 'ARG')) {
      for (const pair of ins.pairs) {
        const check = envCheck(pair.name);
        if (!check || pair.value === null || !check.disables(pair.value)) continue;
        found(pair.span, [check.alias], envOff(`${ins.keyword} ${pair.name}=${pair.value}`, check));
      }
    }

    // `export VAR=…` (a declaration, not a simple command, to the shell parser), once per RUN script
    const scripts = new Set(runCommands(model).map((c) => c.script));
    for (const script of scripts) {
      if (!script.text.includes('export')) continue;
      for (const m of script.text.matchAll(EXPORTED)) {
        const base = m.index + m[0].length - m[1]!.length;
        for (const a of m[1]!.matchAll(EXPORT_PAIR)) {
          const check = envCheck(a[1]!);
          const value = a[2]!.replace(/^(["'])(.*)\1$/s, '$2');
          if (!check || !check.disables(value)) continue;
          const start = base + a.index;
          found(
            { start: script.toFile(start), end: script.toFile(start + a[0].length - 1) + 1 },
            [check.alias],
            envOff(`export ${a[1]}=${value}`, check),
          );
        }
      }
    }

    for (const { inv, command } of runCommands(model)) {
      // VAR=… prefixes, `env VAR=… cmd`, `export VAR=…`
      const words = [command.name, ...command.args];
      const assigned = [
        ...command.assignments.map((a) => ({
          name: a.name,
          value: a.value,
          at: { start: a.start, end: a.end },
        })),
        ...words
          .filter((w, i) => w.end <= inv.toolWord.start || (i > 0 && EXPORTERS.has(command.name.value)))
          .flatMap((w) => {
            const m = ASSIGNMENT.exec(w.value);
            return m ? [{ name: m[1]!, value: m[2]!, at: span(w) }] : [];
          }),
      ];
      for (const a of assigned) {
        const check = envCheck(a.name);
        if (check && check.disables(a.value))
          found(a.at, [check.alias], envOff(`${a.name}=${a.value}`, check));
      }

      const tool = inv.tool;
      if (tool === 'curl') {
        for (const f of argsOf(inv).flags)
          if (f.name === '-k' || f.name === '--insecure')
            found(span(f.word), ['CKV2_DOCKER_2'], {
              messageId: 'insecureFlag',
              data: { flag: code(`curl ${f.name}`) },
            });
      } else if (tool === 'wget') {
        for (const f of argsOf(inv).flags)
          if (f.name === '--no-check-certificate')
            found(span(f.word), ['CKV2_DOCKER_3'], {
              messageId: 'insecureFlag',
              data: { flag: code('wget --no-check-certificate') },
            });
      } else if (tool === 'pip') {
        const args = argsOf(inv);
        for (const f of args.flags)
          if (f.name === '--trusted-host')
            found(span(f.word), ['CKV2_DOCKER_4'], {
              messageId: 'pipTrustedHost',
              data: { hosts: f.value ? ` ${f.value}` : '' },
            });
        const [sub, action, key] = args.positionals.map((w) => w.value);
        if (
          sub === 'config' &&
          action === 'set' &&
          /^(global|install|download)\.trusted-host$/.test(key ?? '')
        )
          found({ start: inv.toolWord.start, end: command.end }, [], {
            messageId: 'pipConfigTrustedHost',
            data: { command: code(`pip config set ${key}`) },
          });
      } else if (tool === 'npm' || tool === 'yarn' || tool === 'pnpm') {
        const pos = argsOf(inv).positionals.map((w) => w.value);
        let i = 0;
        if (pos[i] === 'config' || pos[i] === 'c') i++;
        if (pos[i] === 'set') {
          const [key, value] = pos[i + 1]?.includes('=')
            ? pos[i + 1]!.split('=', 2)
            : [pos[i + 1], pos[i + 2]];
          if ((key === 'strict-ssl' || key === 'enableStrictSsl') && (value ?? '').toLowerCase() === 'false')
            found(
              { start: inv.toolWord.start, end: command.end },
              key === 'strict-ssl' ? ['CKV2_DOCKER_13'] : [],
              { messageId: 'npmStrictSsl', data: { command: code(`${tool} config set ${key} false`), tool } },
            );
        }
      } else if (tool === 'git') {
        const args = argsOf(inv);
        for (const f of args.flags) {
          if (f.name !== '-c' || f.value === undefined) continue;
          const [key, value = 'true'] = f.value.split('=', 2);
          if (SSLVERIFY_KEY.test(key!) && GIT_FALSE.test(value))
            found(span(f.word), [], {
              messageId: 'gitSslVerify',
              data: { command: code(`git -c ${f.value}`) },
            });
        }
        if (subcommand(args) === 'config') {
          const rest = args.positionals.slice(1).filter((w) => w.value !== 'set');
          const k = rest.findIndex((w) => SSLVERIFY_KEY.test(w.value));
          if (k >= 0 && rest[k + 1] && GIT_FALSE.test(rest[k + 1]!.value))
            found({ start: inv.toolWord.start, end: command.end }, [], {
              messageId: 'gitSslVerify',
              data: { command: code(`git config ${rest[k]!.value} ${rest[k + 1]!.value}`) },
            });
        }
      } else if (tool === 'yum' || tool === 'dnf' || tool === 'microdnf' || tool === 'yum-config-manager') {
        const args =
          tool === 'yum-config-manager' ? parseArgs(inv.args, { valueFlags: ['--setopt'] }) : argsOf(inv);
        const configManager = tool === 'yum-config-manager' || subcommand(args) === 'config-manager';
        const values = [
          ...args.flags
            .filter((f) => f.name === '--setopt' && f.value !== undefined)
            .map((f) => ({ value: f.value!, at: span(f.word) })),
          // dnf5: `dnf config-manager setopt repo.sslverify=0`
          ...(configManager && args.positionals[1]?.value === 'setopt'
            ? args.positionals.slice(2).map((w) => ({ value: w.value, at: span(w) }))
            : []),
        ];
        for (const v of values)
          if (SSLVERIFY_SETOPT.test(v.value))
            found(v.at, configManager ? ['CKV2_DOCKER_15'] : [], {
              messageId: 'rpmSslVerify',
              data: { setting: code(v.value), manager: tool === 'yum-config-manager' ? 'yum' : tool },
            });
      }
    }
  },
});
