import { defineRule } from '../../rule.js';
import { dockerignoreExcludes, dockerignoreOf, dockerignoreRules } from '../../dockerfile/dockerignore.js';
import { runCommands } from '../../dockerfile/run.js';
import { wholeContextCopies } from '../../dockerfile/copy.js';
import { code } from '../../quote.js';

/** What a `.dockerignore` must keep out when the whole context is copied. */
const ESSENTIALS: { path: string; line: string; why: string; when?: 'node' }[] = [
  { path: '.git', line: '.git', why: 'the repository history' },
  { path: '.env', line: '.env*', why: 'local secrets' },
  { path: '.env.local', line: '.env*', why: 'local secrets' },
  { path: 'node_modules', line: 'node_modules', why: 'dependencies built for the host', when: 'node' },
];

const NODE_TOOLS = new Set(['npm', 'yarn', 'pnpm', 'npx', 'node']);

export default defineRule({
  id: 'dockerignore-essentials',
  aliases: [],
  kind: 'dockerfile',
  severity: 'info',
  fixable: false,
  summary:
    "The context's `.dockerignore` lets `.git`, `.env*` or `node_modules` through while the whole context is copied",
  why: 'A `.dockerignore` that misses `.git`, `.env*` or `node_modules` still ships history, secrets or host-built dependencies into the image whenever `COPY . .` runs.',
  check({ model, source, related, report }) {
    const ignore = dockerignoreOf(source.path, related);
    if (!ignore) return;
    const first = wholeContextCopies(model)[0];
    if (!first) return;
    const lines = dockerignoreRules(ignore.text.split(/\r?\n/));
    // node_modules matters where the image installs or runs Node packages
    const node = runCommands(model).some((c) => NODE_TOOLS.has(c.inv.tool));
    const missing = new Map<string, string>();
    for (const e of ESSENTIALS) {
      if (e.when === 'node' && !node) continue;
      if (!missing.has(e.line) && !dockerignoreExcludes(lines, e.path)) missing.set(e.line, e.why);
    }
    if (missing.size === 0) return;
    const list = [...missing].map(([line, why]) => `${code(line)} (${why})`).join(', ');
    report({
      at: first.argsSpan ?? first.span,
      message: `${code(`${first.keyword} ${first.args.map((a) => a.value).join(' ')}`)} copies the whole context, but ${code(ignore.path)} does not exclude ${list}: add ${missing.size === 1 ? 'that line' : 'those lines'} to it.`,
    });
  },
});
