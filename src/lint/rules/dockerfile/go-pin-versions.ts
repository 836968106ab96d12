import type { Instruction } from '../../dockerfile/model.js';
import { defineRule } from '../../rule.js';
import { subcommandCalls } from '../../dockerfile/run.js';
import { copyOperands } from '../../dockerfile/copy.js';
import { reportUnpinned, unpinnedPackages } from '../../packages/pins.js';
import { goPinned } from '../../packages/pin-syntax.js';
import { runMounts } from '../../dockerfile/mounts.js';
import { stageChain } from '../../dockerfile/stages.js';

const GO_MOD = /(?:^|\/)go\.mod$/;

/**
 * The RUN has a `go.mod` to resolve packages against: bind-mounted into it (`--mount=type=bind,source=go.mod`), or
 * copied into its stage (or one it is built from) before it. `go install pkg` without `@version` then builds the
 * version that `go.mod` requires (a `tool` directive or a requirement), which is pinned.
 */
function hasGoMod(ins: Instruction): boolean {
  if (
    runMounts(ins).some(
      (m) =>
        m.type === 'bind' &&
        (GO_MOD.test(m.options.get('source') ?? m.options.get('src') ?? '') || GO_MOD.test(m.target ?? '')),
    )
  )
    return true;
  if (!ins.stage || ins.onbuild) return false;
  for (const stage of stageChain(ins.stage)) {
    for (const i of stage.instructions) {
      if (stage === ins.stage && i.span.start >= ins.span.start) break;
      if (i.keyword !== 'COPY' && i.keyword !== 'ADD') continue;
      if (copyOperands(i)?.sources.some((src) => GO_MOD.test(src.replace(/^["']|["']$/g, '')))) return true;
    }
  }
  return false;
}

/** `go install example.com/tool` (or `@latest`) builds whatever the module's newest version is. */
export default defineRule({
  id: 'go-pin-versions',
  aliases: ['DL3062'],
  kind: 'dockerfile',
  severity: 'info',
  fixable: false,
  summary: '`go install pkg` without `@version` (or with `@latest`)',
  why: "Without a fixed `@version` (or with `@latest`) `go install`, `go get` and `go run` build whatever the module's newest release is when the image is built, so rebuilds of one commit can differ.",
  check({ model, report }) {
    for (const c of subcommandCalls(model, { go: ['install', 'get', 'run'] })) {
      const sub = c.sub.value;
      // `go run pkg@v1 args…`: only the package; what follows belongs to the program
      const operands = c.args.positionals.slice(1, sub === 'run' ? 2 : undefined);
      // with a go.mod at hand a package without `@version` gets the version go.mod requires; `@latest` still floats
      const pinned = hasGoMod(c.instruction)
        ? (spec: string) => goPinned(spec) || !spec.includes('@')
        : goPinned;
      reportUnpinned(
        report,
        `go ${sub}`,
        unpinnedPackages(c, operands, pinned),
        '`<package>@<version>` with a fixed version',
      );
    }
  },
});
