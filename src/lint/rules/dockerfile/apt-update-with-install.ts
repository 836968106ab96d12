import { defineRule } from '../../rule.js';
import { argsOf, groupByRun, subcommand, toolCommands } from '../../dockerfile/run.js';
import { code } from '../../quote.js';

/** What makes use of a fresh package index, per package manager family. */
const USES_INDEX: Record<string, Set<string>> = {
  apt: new Set([
    'install',
    'upgrade',
    'dist-upgrade',
    'full-upgrade',
    'build-dep',
    'source',
    'download',
    'reinstall',
    'satisfy',
  ]),
  apk: new Set(['add', 'upgrade', 'fix', 'fetch']),
};

function family(tool: string): 'apt' | 'apk' {
  return tool === 'apk' ? 'apk' : 'apt';
}

/** An index refreshed in its own layer goes stale: Docker reuses that layer while later installs change. */
export default defineRule({
  id: 'apt-update-with-install',
  aliases: ['CKV_DOCKER_5', 'DS-0017'],
  kind: 'dockerfile',
  severity: 'warning',
  fixable: false,
  summary: '`apt-get update` alone in a RUN, without an install after it',
  why: 'The layer of a lone `apt-get update` is cached and reused: when a later RUN changes its install list, it installs against the old package index, which fails or installs outdated versions once the mirror has moved on.',
  check({ model, report }) {
    for (const [ins, list] of groupByRun(toolCommands(model, 'apt-get', 'apt', 'apk'))) {
      for (const c of list) {
        const args = argsOf(c.inv);
        if (subcommand(args) !== 'update') continue;
        const fam = family(c.inv.tool);
        const usedLater = list.some(
          (o) =>
            o.command.index > c.command.index &&
            family(o.inv.tool) === fam &&
            USES_INDEX[fam]!.has(subcommand(argsOf(o.inv)) ?? ''),
        );
        if (usedLater) continue;
        const sub = args.positionals[0]!;
        const install = fam === 'apk' ? 'apk add' : `${c.inv.tool} install`;
        report({
          at: { start: c.inv.toolWord.start, end: sub.end },
          message: `${code(`${c.inv.tool} update`)} is not followed by ${code(install)} in ${ins.onbuild ? 'this ONBUILD RUN' : 'this RUN'}: its cached layer keeps a stale package index for later installs, so update and install in one RUN.`,
        });
      }
    }
  },
});
