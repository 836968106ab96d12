import { type RunCommand, runCommands } from '../../dockerfile/run.js';
import type { Word } from '../../shell/parser.js';
import { defineRule } from '../../rule.js';
import { code } from '../../quote.js';

/** Files that list package repositories. */
const REPO_FILE =
  /^\/etc\/(apt\/sources\.list(\.d\/.*)?|apk\/repositories|yum\.repos\.d\/.*|zypp\/repos\.d\/.*)$/;

/** Package managers whose indexes are not signed: a plain-http index can serve anything. */
const UNSIGNED = new Set(['pip', 'npm', 'yarn', 'pnpm', 'gem', 'bundle']);

function httpWord(words: readonly Word[]): Word | undefined {
  return words.find(
    (w) => /(^|[\s=])http:\/\//i.test(w.value) && !/http:\/\/(localhost|127\.0\.0\.1)[:/]/i.test(w.value),
  );
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
        (v) => /^(--index-url|--extra-index-url|-i)(=|$)/.test(v) || /^--(extra-)?index-url=/.test(v),
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
    const all = runCommands(model);
    for (const c of all) {
      const word = repoOverHttp(c) ?? teedRepo(c, all);
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
