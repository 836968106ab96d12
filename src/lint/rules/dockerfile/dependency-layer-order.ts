import type { Instruction, Stage } from '../../dockerfile/model.js';
import { defineRule } from '../../rule.js';
import { argsOf, commandsByRun, type RunCommand, subcommand } from '../../dockerfile/run.js';
import { copyOperands } from '../../dockerfile/copy.js';
import { runMounts } from '../../dockerfile/mounts.js';
import { deleteInstruction, lineEnding, matchKeywordCase } from '../../dockerfile/edits.js';
import { globMatcher, normalisePath } from '../../paths.js';
import { stageChain } from '../../dockerfile/stages.js';
import { NPM_CI, NPM_INSTALL } from '../../packages/npm.js';
import { code } from '../../quote.js';
import { MAX_GLOB_LENGTH } from '../../glob.js';

/** A dependency install found in a RUN. */
interface Install {
  cmd: RunCommand;
  /** How the command reads, for messages (`npm ci`, `pip install -r requirements.txt`). */
  shown: string;
  /** Files whose presence means the manifest was copied on its own (any one of them). */
  manifests: string[];
  /** Files to copy before installing; null when a fix cannot be offered (and `why` says what to do instead). */
  copy: string[] | null;
  why?: string;
}

/** Commands that may share the moved RUN: they read no source, only manifests or the network. */
function harmless(c: RunCommand): boolean {
  const sub = subcommand(argsOf(c.inv));
  switch (c.inv.tool) {
    case 'rm':
    case 'true':
    case 'set':
    case 'echo':
    case 'mkdir':
      return true;
    case 'pip':
      return ['install', 'config', 'cache'].includes(sub ?? '');
    case 'npm':
      return NPM_CI.has(sub ?? '') || NPM_INSTALL.has(sub ?? '') || ['cache', 'config'].includes(sub ?? '');
    case 'yarn':
      return sub === undefined || ['install', 'cache', 'config'].includes(sub);
    case 'pnpm':
      return ['install', 'i', 'fetch', 'store', 'config'].includes(sub ?? '');
    case 'poetry':
      return ['install', 'config'].includes(sub ?? '');
    case 'uv':
      return sub === 'sync';
    case 'pipenv':
      return ['install', 'sync'].includes(sub ?? '');
    case 'bundle':
      return sub === undefined || ['install', 'config'].includes(sub);
    case 'gem':
      return sub === 'install';
    case 'go':
      return sub === 'mod';
    case 'composer':
      return ['install', 'config'].includes(sub ?? '');
  }
  return false;
}

const isBareName = (p: string): boolean => !p.includes('/') && !p.includes('$') && p !== '.' && p !== '..';

/**
 * Tools whose install command installs the dependencies and then the project itself. With the flag that leaves
 * the project out (`depsOnly`), copying the manifests first is enough; without it, the advice is to run it that way
 * first. A Map: the tool name comes from the file, and must not find an Object prototype key.
 */
const PHASED = new Map<string, { sub: string; manifests: string[]; depsOnly: string; why: string }>([
  [
    'poetry',
    {
      sub: 'install',
      manifests: ['pyproject.toml', 'poetry.lock'],
      depsOnly: '--no-root',
      why: 'run `poetry install --no-root` on `pyproject.toml` and `poetry.lock` first, then install the project after',
    },
  ],
  [
    'uv',
    {
      sub: 'sync',
      manifests: ['pyproject.toml', 'uv.lock'],
      depsOnly: '--no-install-project',
      why: 'run `uv sync --no-install-project` on `pyproject.toml` and `uv.lock` first, then sync again after',
    },
  ],
  [
    'composer',
    {
      sub: 'install',
      manifests: ['composer.json', 'composer.lock'],
      depsOnly: '--no-scripts',
      why: 'run `composer install --no-scripts --no-autoloader` on `composer.json` and `composer.lock` first, then `composer dump-autoload` after',
    },
  ],
]);

function installOf(c: RunCommand): Install | null {
  const args = argsOf(c.inv);
  const sub = subcommand(args);
  const pos = args.positionals;
  const tool = c.inv.tool;
  const make = (shown: string, manifests: string[], copy: string[] | null, why?: string): Install => ({
    cmd: c,
    shown,
    manifests,
    copy,
    ...(why ? { why } : {}),
  });
  const phased = PHASED.get(tool);
  if (phased) {
    if (sub !== phased.sub) return null;
    const shown = `${tool} ${sub}`;
    return args.has(phased.depsOnly)
      ? make(shown, phased.manifests, phased.manifests)
      : make(shown, phased.manifests, null, phased.why);
  }
  switch (tool) {
    case 'pip': {
      if (sub !== 'install') return null;
      const files = args.flags
        .filter((f) => ['-r', '--requirement', '-c', '--constraint'].includes(f.name) && f.value)
        .map((f) => f.value!);
      const reqs = args.flags
        .filter((f) => f.name === '-r' || f.name === '--requirement')
        .map((f) => f.value ?? '');
      if (reqs.length > 0) {
        const rel = files.map((f) => f.replace(/^\.\//, ''));
        return make(
          `pip install -r ${reqs[0]}`,
          rel,
          rel.every(isBareName) ? rel : null,
          'copy the requirements files it reads first',
        );
      }
      const project =
        args.flags.some(
          (f) => (f.name === '-e' || f.name === '--editable') && /^\.\/?(\[.*\])?$/.test(f.value ?? ''),
        ) || pos.slice(1).some((w) => /^\.\/?(\[.*\])?$/.test(w.value));
      if (!project || args.has('--no-deps')) return null;
      return make(
        'pip install .',
        ['requirements.txt', 'requirements*.txt', 'pyproject.toml', 'setup.py', 'setup.cfg'],
        null,
        'install the dependencies from a requirements or lock file before it, then `pip install --no-deps .` after',
      );
    }
    case 'npm':
      if (
        NPM_CI.has(sub ?? '') ||
        (NPM_INSTALL.has(sub ?? '') && pos.length === 1 && !args.has('-g', '--global'))
      ) {
        return make(`npm ${sub}`, ['package.json'], ['package*.json']);
      }
      return null;
    case 'yarn':
      if (sub === undefined || (sub === 'install' && pos.length === 1))
        return make(sub ? 'yarn install' : 'yarn', ['package.json'], ['package.json', 'yarn.lock']);
      return null;
    case 'pnpm':
      if ((sub === 'install' || sub === 'i') && pos.length === 1)
        return make(`pnpm ${sub}`, ['package.json', 'pnpm-lock.yaml'], ['package.json', 'pnpm-lock.yaml']);
      return null;
    case 'pipenv':
      if ((sub === 'install' && pos.length === 1) || sub === 'sync')
        return make(`pipenv ${sub}`, ['Pipfile', 'Pipfile.lock'], ['Pipfile', 'Pipfile.lock']);
      return null;
    case 'bundle':
      if (sub === undefined || sub === 'install')
        return make('bundle install', ['Gemfile', 'Gemfile.lock'], ['Gemfile', 'Gemfile.lock']);
      return null;
    case 'go':
      if (sub === 'mod' && pos[1]?.value === 'download')
        return make('go mod download', ['go.mod', 'go.sum'], ['go.mod', 'go.sum']);
      return null;
    case 'cargo':
      if (sub !== 'fetch' && sub !== 'build') return null;
      if (sub === 'build' && cargoCacheMounted(c.instruction)) return null;
      return make(
        `cargo ${sub}`,
        ['Cargo.toml', 'Cargo.lock'],
        null,
        'build the dependencies from `Cargo.toml` and `Cargo.lock` first (with a placeholder `src/main.rs`, or cargo-chef), or use cache mounts for the registry and `target`',
      );
  }
  return null;
}

function cargoCacheMounted(ins: Instruction): boolean {
  return ins.flags.some(
    (f) =>
      f.name.toLowerCase() === 'mount' &&
      /type=cache/.test(f.value ?? '') &&
      /(cargo\/registry|\/target)/.test(f.value ?? ''),
  );
}

/** A COPY/ADD of the whole build context (`COPY . .`, `ADD ./ /app`). */
function copiesContext(ins: Instruction): { dest: string } | null {
  if ((ins.keyword !== 'COPY' && ins.keyword !== 'ADD') || ins.flag('from')) return null;
  const ops = copyOperands(ins);
  if (!ops || !ops.sources.some((s) => s === '.' || s === './')) return null;
  return { dest: ops.dest };
}

/** A pattern globMatcher reads as a plain string (no wildcard, class, brace or escape). */
const plain = (p: string): boolean => !/[*?[{\\]/.test(p);

/**
 * Whether the COPYs before the first whole-context one brought a manifest on its own: a source that is a parent
 * folder of the manifest, or whose last segment matches the manifest's (either way round, as globs). The sources
 * are indexed once, so each install costs its manifests, not a scan of every earlier COPY; answers are kept per
 * manifest.
 */
function manifestIndex(sources: readonly string[]): (manifests: string[]) => boolean {
  const srcs = new Set<string>();
  // source bases globMatcher can match by equality (a longer pattern matches nothing), and every base
  const bases = new Set<string>();
  const allBases = new Set<string>();
  const wildBases: string[] = [];
  let longest = 0;
  for (const raw of sources) {
    const src = raw.replace(/^\.\//, '').replace(/(?<!\/)\/+$/, '');
    if (src === '.' || src === '' || src.includes('$')) continue;
    srcs.add(src);
    longest = Math.max(longest, src.length);
    const srcBase = src.slice(src.lastIndexOf('/') + 1);
    allBases.add(srcBase);
    if (srcBase.length > MAX_GLOB_LENGTH) continue;
    bases.add(srcBase);
    if (!plain(srcBase)) wildBases.push(srcBase);
  }
  const known = new Map<string, boolean>();
  const copied = (m: string): boolean => {
    // `m` under a copied folder: only prefixes as long as a source can match
    for (let i = m.indexOf('/'); i >= 0 && i <= longest; i = m.indexOf('/', i + 1))
      if (srcs.has(m.slice(0, i))) return true;
    const base = m.slice(m.lastIndexOf('/') + 1);
    // a plain base matches a source base equal to it, or a wildcard one matching it
    if (bases.has(base)) return true;
    if (wildBases.some((w) => globMatcher(w)(base))) return true;
    if (plain(base)) return false;
    const g = globMatcher(base);
    for (const b of allBases) if (g(b)) return true;
    return false;
  };
  return (manifests) =>
    manifests.some((m) => {
      let hit = known.get(m);
      if (hit === undefined) known.set(m, (hit = copied(m)));
      return hit;
    });
}

/**
 * Tools that build the dependencies from a stand-in for the manifests: `cargo chef cook` builds them from the
 * recipe `cargo chef prepare` wrote (copied in from the planner stage), which stands for `Cargo.toml` and
 * `Cargo.lock`. A RUN of one before the whole-context copy is the dependency layer.
 */
function standsInFor(c: RunCommand): string[] {
  const args = argsOf(c.inv);
  if (c.inv.tool === 'cargo' && subcommand(args) === 'chef' && args.positionals[1]?.value === 'cook')
    return ['Cargo.toml', 'Cargo.lock'];
  return [];
}

/**
 * What reached the build before the whole-context copy and can hold the manifests: the sources of every COPY/ADD
 * (from the context or another stage: a planner's recipe, a deps stage's lock file), the files bind-mounted into
 * a RUN (`RUN --mount=type=bind,source=uv.lock,…  uv sync --no-install-project`, Docker's documented pattern), and
 * the manifests a dependency build such as `cargo chef cook` stands for. The stages this one is built FROM ran
 * before it, so theirs count too.
 */
function sourcesBefore(
  earlier: readonly Instruction[],
  byRun: ReadonlyMap<Instruction, RunCommand[]>,
): string[] {
  const out: string[] = [];
  for (const ins of earlier) {
    if (ins.keyword === 'COPY' || ins.keyword === 'ADD') {
      out.push(...(copyOperands(ins)?.sources ?? []));
    } else if (ins.keyword === 'RUN') {
      for (const m of runMounts(ins)) {
        const src = m.options.get('source') ?? m.options.get('src');
        if (m.type === 'bind' && src) out.push(src);
      }
      for (const c of byRun.get(ins) ?? []) out.push(...standsInFor(c));
    }
  }
  return out;
}

/** The WORKDIR in force at an instruction ('' when none is set). */
function workdirAt(ins: Instruction): string {
  let cwd = '';
  const outer = ins.onbuild ?? ins;
  if (!ins.stage) return cwd;
  for (const s of stageChain(ins.stage).reverse()) {
    for (const other of s.instructions) {
      if (other.span.start >= outer.span.start) break;
      if (other.keyword === 'WORKDIR' && other.args[0]) {
        const w = other.args[0].value;
        cwd = normalisePath(w.startsWith('/') ? w : `${cwd || '/'}/${w}`);
      }
    }
  }
  return cwd;
}

/** Instructions that may stand between the COPY and the moved RUN without changing what the RUN sees. */
const NEUTRAL = new Set(['COPY', 'ADD', 'LABEL', 'EXPOSE']);

/** Dependency installs should sit in a layer only manifest changes invalidate. */
export default defineRule({
  id: 'dependency-layer-order',
  aliases: [],
  kind: 'dockerfile',
  severity: 'warning',
  severityNote:
    'info where the dependencies cannot be installed from the manifests alone (a Rust build needs a placeholder source or cargo-chef)',
  fixable: 'sugg',
  summary: 'the whole build context is copied before dependencies are installed from a manifest',
  why: 'Docker reuses a layer only while everything before it is unchanged: after `COPY . .`, every source edit re-runs the dependency install. Copy the manifests, install, then copy the rest.',
  check({ model, report }) {
    const byRun = commandsByRun(model);
    const eol = lineEnding(model);
    const text = model.source.text;
    const sequences = (stage: Stage): Instruction[][] => [
      stage.instructions.filter((i) => i.keyword !== 'ONBUILD'),
      stage.instructions.flatMap((i) => (i.trigger ? [i.trigger] : [])),
    ];
    for (const stage of model.stages) {
      for (const seq of sequences(stage)) {
        // only the first whole-context copy is the one that busts the cache
        const ci = seq.findIndex((i) => copiesContext(i) !== null);
        if (ci < 0) continue;
        const copy = seq[ci]!;
        const ctx = copiesContext(copy)!;
        // ONBUILD triggers run in the child build, after all of this file's stages: only their own order counts
        const parents = seq[0]?.onbuild
          ? []
          : stageChain(stage)
              .slice(1)
              .reverse()
              .flatMap((s) => s.instructions);
        const manifestCopied = manifestIndex(sourcesBefore([...parents, ...seq.slice(0, ci)], byRun));
        // read once: the same COPY heads every finding of this sequence
        const copyText = text.slice(copy.span.start, copy.span.end).replace(/\s+/g, ' ').trim();
        // the fix moves a RUN up past what stands between: only neutral instructions may
        let firstBlocking = ci + 1;
        while (firstBlocking < seq.length && NEUTRAL.has(seq[firstBlocking]!.keyword)) firstBlocking++;
        for (let ri = ci + 1; ri < seq.length; ri++) {
          const run = seq[ri]!;
          const cmds = byRun.get(run);
          if (!cmds) continue;
          const installs = cmds
            .map(installOf)
            .filter((x): x is Install => x !== null && !manifestCopied(x.manifests));
          if (installs.length === 0) continue;
          const shown = installs.map((i) => code(i.shown)).join(' and ');
          const outerRun = run.onbuild ?? run;
          const edits = fixFor(copy, ctx.dest, run, cmds, installs, ri <= firstBlocking);
          const blocked = installs.find((i) => i.copy === null);
          const files = [...new Set(installs.flatMap((i) => i.copy ?? []))];
          const advice =
            blocked?.why ??
            `copy ${files.map((f) => code(f)).join(', ')} and install before ${code(copyText)}`;
          report({
            at: copy,
            // copying the manifests first is a change of two lines a reviewer can ask for; a build that needs a
            // stand-in source or another tool to cache its dependencies is advice for the check run
            ...(blocked ? { severity: 'info' as const } : {}),
            message: `${code(copyText)} copies the whole build context before ${shown} (line ${outerRun.line}) installs dependencies, so every source change re-runs the install: ${advice}.`,
            ...(edits
              ? { fix: { description: 'copy the manifests and install before copying the rest', edits } }
              : {}),
          });
        }
      }
    }

    function fixFor(
      copy: Instruction,
      dest: string,
      run: Instruction,
      cmds: RunCommand[],
      installs: Install[],
      onlyNeutralBetween: boolean,
    ) {
      if (installs.some((i) => i.copy === null)) return null;
      if (!onlyNeutralBetween) return null;
      if (cmds.some((c) => c.inv.tool === 'cd' || c.command.nested || !harmless(c))) return null;
      // the install must run where the context lands
      const wd = workdirAt(copy);
      const d = dest === '.' || dest === './' ? wd || '.' : normalisePath(dest);
      if (d !== (wd || '.') || workdirAt(run) !== wd) return null;
      const destSlash = dest.endsWith('/') ? dest : `${dest}/`;
      const outerCopy = copy.onbuild ?? copy;
      const outerRun = run.onbuild ?? run;
      const lineStart = text.lastIndexOf('\n', outerCopy.span.start - 1) + 1;
      const indent = text.slice(lineStart, outerCopy.span.start);
      if (indent.trim() !== '') return null;
      const prefix = copy.onbuild ? `${copy.onbuild.written} ` : '';
      const flagText = copy.flags.map((f) => text.slice(f.span.start, f.span.end)).join(' ');
      const keyword = matchKeywordCase(copy.written, 'COPY');
      const files = [...new Set(installs.flatMap((i) => i.copy!))];
      const newCopy = `${prefix}${keyword} ${flagText ? `${flagText} ` : ''}${files.join(' ')} ${destSlash}`;
      const runText = text.slice(outerRun.span.start, outerRun.span.end).trimEnd();
      return [
        {
          start: outerCopy.span.start,
          end: outerCopy.span.start,
          text: `${newCopy}${eol}${indent}${runText}${eol}${indent}`,
        },
        deleteInstruction(model, outerRun),
      ];
    }
  },
});
