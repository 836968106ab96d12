import { type RunCommand, runCommands } from '../../dockerfile/run.js';
import type { Word } from '../../shell/parser.js';
import { defineRule } from '../../rule.js';
import { code } from '../../quote.js';

/** Files that list package repositories. */
const REPO_FILE =
  /^\/etc\/(apt\/sources\.list(\.d\/.*)?|apk\/repositories|yum\.repos\.d\/.*|zypp\/repos\.d\/.*)$/;

/** Package managers whose indexes are not signed: a plain-http index can serve anything. */
const UNSIGNED = new Set(['pip', 'npm', 'yarn', 'pnpm', 'gem', 'bundle']);

/** `http://` to anything but the builder itself (a registry run in the build). */
function plainHttp(text: string): boolean {
  return /(^|[\s=|,;])http:\/\//i.test(text) && !/http:\/\/(localhost|127\.0\.0\.1)[:/]/i.test(text);
}

function httpWord(words: readonly Word[]): Word | undefined {
  return words.find((w) => plainHttp(w.value));
}

/**
 * Environment variables that point a package manager at its index, by the tool that reads them (npm reads its
 * `npm_config_*` variables in any case).
 */
const INDEX_VARIABLES: ReadonlyMap<string, string> = new Map([
  ['PIP_INDEX_URL', 'pip'],
  ['PIP_EXTRA_INDEX_URL', 'pip'],
  ['UV_INDEX_URL', 'uv'],
  ['UV_EXTRA_INDEX_URL', 'uv'],
  ['UV_DEFAULT_INDEX', 'uv'],
  ['UV_INDEX', 'uv'],
  ['NPM_CONFIG_REGISTRY', 'npm'],
  ['YARN_REGISTRY', 'yarn'],
  ['YARN_NPM_REGISTRY_SERVER', 'yarn'],
]);

function indexVariable(name: string): string | undefined {
  return (
    INDEX_VARIABLES.get(name) ??
    INDEX_VARIABLES.get(name.toUpperCase().startsWith('NPM_CONFIG_') ? name.toUpperCase() : '')
  );
}

/** The replacement texts of a sed script's `s` commands (`s|pattern|replacement|g; s/a/b/`). */
function sedReplacements(script: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < script.length && out.length < 32) {
    while (i < script.length && /[\s;]/.test(script[i]!)) i++;
    // an address before the command (`/^deb/s/…/…/`, `1s/…/…/`) is skipped up to its `s`
    const s = script.indexOf('s', i);
    if (s < 0 || s + 1 >= script.length) break;
    const delim = script[s + 1]!;
    if (/[\w\s\\]/.test(delim)) {
      i = s + 1;
      continue;
    }
    const parts: string[] = [];
    let part = '';
    let j = s + 2;
    for (; j < script.length && parts.length < 2; j++) {
      const ch = script[j]!;
      if (ch === '\\' && j + 1 < script.length) {
        part += ch + script[++j]!;
      } else if (ch === delim) {
        parts.push(part);
        part = '';
      } else part += ch;
    }
    if (parts.length === 2) out.push(parts[1]!);
    i = j;
  }
  return out;
}

/** `sed -i 's|http://deb.debian.org|http://mirror.example|' /etc/apt/sources.list`: switches a repository to http. */
function sedToHttp(c: RunCommand): Word | null {
  if (c.inv.tool !== 'sed') return null;
  const args = c.inv.args;
  if (!args.some((w) => REPO_FILE.test(w.value) || /^\/etc\/apt\/sources\.list\.d\/?\*?/.test(w.value)))
    return null;
  const scripts: Word[] = [];
  for (let k = 0; k < args.length; k++) {
    const v = args[k]!.value;
    if ((v === '-e' || v === '--expression') && args[k + 1]) scripts.push(args[++k]!);
    else if (v.startsWith('--expression=')) scripts.push(args[k]!);
  }
  // without -e, the first operand that is not an option is the script
  if (scripts.length === 0) {
    const first = args.find((w) => !w.value.startsWith('-'));
    if (first) scripts.push(first);
  }
  return scripts.find((w) => w.value.length <= 4096 && sedReplacements(w.value).some(plainHttp)) ?? null;
}

/** Configuration files that set an unsigned index, by the tool that reads them. */
const INDEX_CONFIG: readonly { file: RegExp; tool: string }[] = [
  { file: /(^|\/)pip\.(conf|ini)$/, tool: 'pip' },
  { file: /(^|\/)\.npmrc$/, tool: 'npm' },
  { file: /(^|\/)\.yarnrc(\.yml)?$/, tool: 'yarn' },
];

/**
 * `echo "registry=http://…" > .npmrc`, `printf '[global]\nindex-url = http://…' > /etc/pip.conf` (or through
 * `tee`): the tool whose index configuration an echo/printf writes with an http:// URL in it, and that URL's word.
 */
function indexConfigOverHttp(c: RunCommand, all: readonly RunCommand[]): { word: Word; tool: string } | null {
  if (c.inv.tool !== 'echo' && c.inv.tool !== 'printf') return null;
  const word = httpWord(c.inv.args);
  if (!word) return null;
  const targets = c.command.redirects.filter((r) => r.op.includes('>')).map((r) => r.target);
  if (c.command.nextOp === '|') {
    const next = all.find((n) => n.instruction === c.instruction && n.command.index === c.command.index + 1);
    if (next?.inv.tool === 'tee') targets.push(...next.inv.args.map((w) => w.value));
  }
  for (const target of targets) {
    const config = INDEX_CONFIG.find((f) => f.file.test(target));
    if (config) return { word, tool: config.tool };
  }
  return null;
}

/** `cat > /etc/yum.repos.d/x.repo <<EOF … baseurl=http://… EOF`: the heredoc body is the repository file. */
function heredocRepo(c: RunCommand): { start: number; end: number } | null {
  const { tool, args } = c.inv;
  const writes =
    tool === 'cat'
      ? c.command.redirects.some((r) => r.op.includes('>') && REPO_FILE.test(r.target))
      : tool === 'tee' && args.some((w) => REPO_FILE.test(w.value));
  if (!writes) return null;
  for (const r of c.command.redirects) {
    if (!r.op.startsWith('<<') || r.op === '<<<') continue;
    const name = r.target.replace(/^["']|["']$/g, '');
    const body = c.instruction.heredocs.find((h) => h.name === name);
    if (!body || body.content.length > 65536) continue;
    for (const m of body.content.matchAll(/http:\/\/[^\s"']*/gi)) {
      const at = m.index;
      if (!plainHttp(body.content.slice(at > 0 ? at - 1 : at, at + m[0].length))) continue;
      return { start: body.contentSpan.start + at, end: body.contentSpan.start + at + m[0].length };
    }
  }
  return null;
}

/** The http:// word of a command that adds a package repository or index, or null. */
function repoOverHttp(c: RunCommand): Word | null {
  const { tool, args } = c.inv;
  const word = httpWord(args);
  if (!word) return null;
  const values = args.map((w) => w.value);
  switch (tool) {
    case 'add-apt-repository':
      return word;
    case 'yum-config-manager':
    case 'dnf':
      return values.some((v) => v === '--add-repo' || v.startsWith('--add-repo=')) ? word : null;
    case 'zypper':
      return values.some((v) => v === 'ar' || v === 'addrepo') ? word : null;
    case 'apk':
      return values.some((v) => v === '--repository' || v === '-X' || v.startsWith('--repository='))
        ? word
        : null;
    case 'pip':
      return values.some(
        (v) =>
          /^(--index-url|--extra-index-url|-i)(=|$)/.test(v) ||
          /^--(extra-)?index-url=/.test(v) ||
          // `pip config set global.index-url http://…`
          /^[a-z]+\.(extra-)?index-url$/.test(v),
      )
        ? word
        : null;
    case 'npm':
    case 'yarn':
    case 'pnpm':
      return values.some((v) => v === 'registry' || v.startsWith('--registry')) ? word : null;
    case 'gem':
    case 'bundle':
      return values.some((v) => v === '--source' || v === '-s' || v === 'source') ? word : null;
    case 'echo':
    case 'printf':
      return c.command.redirects.some((r) => r.op.includes('>') && REPO_FILE.test(r.target)) ? word : null;
    default:
      return null;
  }
}

/** `echo "deb http://…" | tee /etc/apt/sources.list.d/x.list`: the tee writes the repository file. */
function teedRepo(c: RunCommand, all: readonly RunCommand[]): Word | null {
  if (c.inv.tool !== 'echo' && c.inv.tool !== 'printf') return null;
  if (c.command.nextOp !== '|') return null;
  const next = all.find((n) => n.instruction === c.instruction && n.command.index === c.command.index + 1);
  if (!next || next.inv.tool !== 'tee' || !next.inv.args.some((w) => REPO_FILE.test(w.value))) return null;
  return httpWord(c.inv.args) ?? null;
}

/** A package repository or index added over plain http://. */
export default defineRule({
  id: 'package-repo-http',
  aliases: [],
  kind: 'dockerfile',
  severity: 'info',
  fixable: false,
  summary: 'A package repository or index added over plain `http://`',
  why: 'Over plain http anyone on the path can see and change what the build downloads. apt, yum and apk still check the repository signature, so there the risk is downgrades and privacy; pip, npm and gem indexes are not signed, so there a tampered package is installed as is.',
  messages: {
    unsignedIndex:
      '{{tool}} uses a package index over plain `http://`: its packages are not signed, so anyone on the network path can replace them. Use `https://`.',
    signedRepository:
      'A package repository is added over plain `http://`: its signature still protects the packages, but not against being served old, vulnerable versions, and the traffic is readable. Use `https://` where the mirror offers it.',
  },
  check({ model, report }) {
    const unsignedIndex = (at: { start: number; end: number }, tool: string): void =>
      report({ at, severity: 'warning', messageId: 'unsignedIndex', data: { tool: code(tool) } });
    // `ENV PIP_INDEX_URL=http://…`: every later pip install uses it
    for (const ins of [...model.each('ENV'), ...model.each('ARG')]) {
      for (const pair of ins.pairs) {
        const tool = indexVariable(pair.name);
        if (tool && pair.value && pair.valueSpan && plainHttp(pair.value))
          unsignedIndex(pair.valueSpan, tool);
      }
    }
    const all = runCommands(model);
    for (const c of all) {
      for (const a of c.command.assignments) {
        const tool = indexVariable(a.name);
        if (tool && plainHttp(a.value)) unsignedIndex(a, tool);
      }
      const config = indexConfigOverHttp(c, all);
      if (config) {
        unsignedIndex(config.word, config.tool);
        continue;
      }
      const word = repoOverHttp(c) ?? teedRepo(c, all) ?? sedToHttp(c) ?? heredocRepo(c);
      if (!word) continue;
      const unsigned = UNSIGNED.has(c.inv.tool);
      report({
        at: { start: word.start, end: word.end },
        severity: unsigned ? 'warning' : 'info',
        ...(unsigned
          ? { messageId: 'unsignedIndex', data: { tool: code(c.inv.tool) } }
          : { messageId: 'signedRepository' }),
      });
    }
  },
});
