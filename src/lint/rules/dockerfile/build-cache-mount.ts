import type { Instruction } from '../../dockerfile/model.js';
import { defineRule } from '../../rule.js';
import { argsOf, commandsByRun, thisRun, type RunCommand } from '../../dockerfile/run.js';
import { keepsOutOfLayer, runMounts } from '../../dockerfile/mounts.js';
import type { ImageRef } from '../../dockerfile/image-ref.js';
import { rootStage } from '../../dockerfile/stages.js';
import { resolveVars, varValue } from '../../dockerfile/vars.js';
import { normalisePath } from '../../paths.js';
import { code } from '../../quote.js';
import type { ParsedArgs } from '../../shell/args.js';

/** A directory a build tool downloads into (or compiles into) and reads again on the next build. */
interface ToolCache {
  /** What the message calls it: `cargo's registry`. */
  label: string;
  /**
   * Where it is when nothing moves it: an absolute path, or `~/…` under any user's home. A `*` segment stands for
   * any one directory (a Ruby version). A mount on the path or on a directory above it keeps the cache.
   */
  paths: readonly string[];
  /** Directories inside it that each hold downloads on their own: a mount on one of them is enough too. */
  parts?: readonly string[];
  /** Variables that move it, the first one set winning: `$GOPATH/pkg/mod` is that path below GOPATH's value. */
  env?: readonly string[];
  /** A command-line option that moves it (`--store-dir`), the same way. */
  flag?: { names: readonly string[]; sub: string };
  /** The mount target to propose, by default and under the official image that moves it (`rust` → CARGO_HOME). */
  suggest: string;
  suggestByImage?: Readonly<Record<string, string>>;
}

/** One of hadolint's DL3069–DL3077 checks: the tools it covers and which of their commands fill which caches. */
interface BuildTool {
  code: string;
  tools: readonly string[];
  /** The caches a command fills (any one of them mounted is enough), or null when it fills none. */
  fills(args: ParsedArgs, tool: string): readonly ToolCache[] | null;
}

/**
 * The caches. Paths are the tools' documented defaults on Linux; the `suggestByImage` entries are the official
 * images that set the variable moving them (`rust` sets CARGO_HOME=/usr/local/cargo, `golang` GOPATH=/go, `ruby`
 * GEM_HOME=/usr/local/bundle, `composer` COMPOSER_HOME=/tmp), which is why those paths are accepted too.
 */
const CARGO_REGISTRY: ToolCache = {
  label: "cargo's registry",
  paths: ['~/.cargo/registry', '/usr/local/cargo/registry'],
  // the downloaded crates and the index; `registry/src` is only their unpacked copy
  parts: ['cache', 'index'],
  env: ['$CARGO_HOME/registry'],
  suggest: '/root/.cargo/registry',
  suggestByImage: { rust: '/usr/local/cargo/registry' },
};
const GO_BUILD: ToolCache = {
  label: "Go's build cache",
  paths: ['~/.cache/go-build'],
  env: ['$GOCACHE', '$XDG_CACHE_HOME/go-build'],
  suggest: '/root/.cache/go-build',
};
const GO_MODULES: ToolCache = {
  label: "Go's module cache",
  paths: ['~/go/pkg/mod', '/go/pkg/mod'],
  env: ['$GOMODCACHE', '$GOPATH/pkg/mod'],
  suggest: '/root/go/pkg/mod',
  suggestByImage: { golang: '/go/pkg/mod' },
};
const MAVEN_REPOSITORY: ToolCache = {
  label: "Maven's local repository",
  paths: ['~/.m2/repository'],
  flag: { names: ['-Dmaven.repo.local'], sub: '' },
  // the repository, not all of ~/.m2: a settings.xml copied there stays visible
  suggest: '/root/.m2/repository',
};
const GRADLE_CACHES: ToolCache = {
  label: "Gradle's caches",
  paths: ['~/.gradle/caches'],
  env: ['$GRADLE_USER_HOME/caches'],
  flag: { names: ['-g', '--gradle-user-home'], sub: 'caches' },
  suggest: '/root/.gradle/caches',
};
const COMPOSER_CACHE: ToolCache = {
  label: "Composer's cache",
  paths: ['~/.composer/cache', '~/.cache/composer', '/tmp/cache'],
  env: ['$COMPOSER_CACHE_DIR', '$COMPOSER_HOME/cache'],
  suggest: '/root/.composer/cache',
  suggestByImage: { composer: '/tmp/cache' },
};
const NUGET_PACKAGES: ToolCache = {
  label: "NuGet's package folder",
  paths: ['~/.nuget/packages'],
  env: ['$NUGET_PACKAGES'],
  flag: { names: ['--packages'], sub: '' },
  suggest: '/root/.nuget/packages',
};
const PNPM_STORE: ToolCache = {
  label: "pnpm's store",
  paths: ['~/.local/share/pnpm/store', '~/.pnpm-store'],
  env: ['$PNPM_HOME/store', '$XDG_DATA_HOME/pnpm/store'],
  flag: { names: ['--store-dir'], sub: '' },
  suggest: '/root/.local/share/pnpm/store',
};
const HEX_CACHE: ToolCache = {
  label: "Hex's package cache",
  paths: ['~/.hex', '~/.mix'],
  env: ['$HEX_HOME', '$MIX_HOME'],
  suggest: '/root/.hex',
};
const GEM_CACHE: ToolCache = {
  label: "RubyGems' cache",
  paths: [
    ...['/usr/local/bundle/cache', '/var/lib/gems/*/cache', '/usr/lib/ruby/gems/*/cache'],
    ...['/usr/local/lib/ruby/gems/*/cache', '~/.gem', '~/.local/share/gem', '~/.bundle/cache'],
  ],
  env: ['$GEM_HOME/cache', '$BUNDLE_PATH/ruby/*/cache'],
  // elsewhere the directory depends on the distribution and the Ruby version: `gem env gemdir` prints it
  suggest: '<gem env gemdir>/cache',
  suggestByImage: { ruby: '/usr/local/bundle/cache' },
};

const CARGO_FILLS = new Set([
  ...['build', 'b', 'check', 'c', 'run', 'r', 'test', 't', 'bench', 'doc', 'd', 'install', 'fetch'],
  ...['update', 'vendor', 'generate-lockfile', 'clippy', 'fix', 'rustc', 'rustdoc'],
]);
const GO_MOD_FILLS = new Set(['download', 'tidy', 'vendor', 'verify']);
const GO_FILLS = new Set(['build', 'install', 'get', 'test', 'run', 'vet']);
const HELP = ['--version', '-v', '--help', '-h'];
const COMPOSER_FILLS = new Set([
  ...['install', 'i', 'update', 'u', 'upgrade', 'require', 'r'],
  ...['create-project', 'reinstall'],
]);
/** dotnet commands that restore packages first unless told `--no-restore`. */
const DOTNET_RESTORING = new Set(['build', 'publish', 'test', 'run', 'pack']);
const PNPM_FILLS = new Set([
  ...['install', 'i', 'add', 'update', 'up', 'upgrade', 'fetch'],
  ...['install-test', 'it', 'deploy'],
]);
/** Only the tasks that download packages: `mix local.hex` installs into ~/.mix, which a cache mount would hide. */
const MIX_FILLS = new Set(['deps.get', 'deps.update']);
const BUNDLE_FILLS = new Set(['install', 'update', 'add', 'cache', 'package']);

const positional = (args: ParsedArgs, i: number): string | undefined => args.positionals[i]?.value;

/** The table: one row per hadolint code. */
const BUILD_TOOLS: readonly BuildTool[] = [
  {
    code: 'DL3069',
    tools: ['cargo'],
    fills(args) {
      // `cargo +nightly build`: a toolchain override before the sub-command
      const words = args.positionals.map((w) => w.value).filter((v, i) => !(i === 0 && v.startsWith('+')));
      const [sub, second] = words;
      // offline, cargo downloads nothing: it reads what an earlier step fetched, which is where a mount belongs
      if (args.has('--offline', '--frozen')) return null;
      if (sub === 'chef') return second === 'cook' ? [CARGO_REGISTRY] : null;
      return sub !== undefined && CARGO_FILLS.has(sub) ? [CARGO_REGISTRY] : null;
    },
  },
  {
    code: 'DL3070',
    tools: ['go'],
    fills(args) {
      const sub = positional(args, 0);
      if (sub === 'mod') return GO_MOD_FILLS.has(positional(args, 1) ?? '') ? [GO_MODULES] : null;
      return sub !== undefined && GO_FILLS.has(sub) ? [GO_BUILD, GO_MODULES] : null;
    },
  },
  {
    code: 'DL3071',
    tools: ['mvn', 'mvnw'],
    // every phase and goal resolves the project's dependencies; `mvn -v` does not, nor an offline build (it reads
    // what an earlier step downloaded, as with cargo)
    fills: (args) =>
      args.positionals.length > 0 && !args.has(...HELP, '-o', '--offline') ? [MAVEN_REPOSITORY] : null,
  },
  {
    code: 'DL3072',
    tools: ['gradle', 'gradlew'],
    fills: (args) =>
      args.positionals.length > 0 && !args.has(...HELP, '--stop', '--status', '--offline')
        ? [GRADLE_CACHES]
        : null,
  },
  {
    code: 'DL3073',
    tools: ['composer', 'composer.phar'],
    fills(args) {
      const sub = positional(args, 0);
      const real = sub === 'global' ? positional(args, 1) : sub;
      return real !== undefined && COMPOSER_FILLS.has(real) ? [COMPOSER_CACHE] : null;
    },
  },
  {
    code: 'DL3074',
    tools: ['dotnet', 'nuget'],
    fills(args, tool) {
      const sub = positional(args, 0) ?? '';
      const words = args.positionals.map((w) => w.value);
      const fills =
        tool === 'nuget'
          ? sub === 'restore' || sub === 'install' || sub === 'update'
          : sub === 'restore' ||
            (DOTNET_RESTORING.has(sub) && !args.has('--no-restore')) ||
            (sub === 'add' && words.includes('package')) ||
            (sub === 'tool' && ['install', 'update', 'restore'].includes(words[1] ?? ''));
      return fills ? [NUGET_PACKAGES] : null;
    },
  },
  {
    code: 'DL3075',
    tools: ['pnpm'],
    fills: (args) =>
      PNPM_FILLS.has(positional(args, 0) ?? '') && !args.has('--offline') ? [PNPM_STORE] : null,
  },
  {
    code: 'DL3076',
    tools: ['mix'],
    fills(args) {
      // `mix do deps.get, compile` (or `+` between tasks) runs each task
      const tasks = args.positionals.map((w) => w.value.replace(/,$/, ''));
      const run = tasks[0] === 'do' ? tasks.slice(1) : tasks.slice(0, 1);
      return run.some((t) => MIX_FILLS.has(t)) ? [HEX_CACHE] : null;
    },
  },
  {
    code: 'DL3077',
    tools: ['gem', 'bundle', 'bundler'],
    fills(args, tool) {
      const sub = positional(args, 0);
      // `--local`: installed from a `.gem` file or the cache already there, nothing downloaded
      if (args.has('--local', '-l')) return null;
      if (tool === 'gem') return sub === 'install' || sub === 'i' || sub === 'update' ? [GEM_CACHE] : null;
      // a bare `bundle` is `bundle install`
      if (sub === undefined) return args.has(...HELP) ? null : [GEM_CACHE];
      return BUNDLE_FILLS.has(sub) ? [GEM_CACHE] : null;
    },
  },
];

const BY_TOOL = new Map(BUILD_TOOLS.flatMap((t) => t.tools.map((name) => [name, t] as const)));

const HOMES = ['/root', '/home/*'];

function segments(path: string): string[] {
  return normalisePath(path).split('/').filter(Boolean);
}

/** Each segment of `mount` names the same directory as the one of `path` at its place (`*` matching any one). */
function isPrefix(mount: readonly string[], path: readonly string[]): boolean {
  return mount.length <= path.length && mount.every((m, i) => path[i] === '*' || path[i] === m);
}

/**
 * A mount target keeps `path` out of the layer: it is that directory or one above it. A `~/…` path is under any
 * home: `/root`, `/home/<user>`, or a directory ending in its hidden first component (`/srv/app/.cargo`, for a
 * user whose home is `/srv/app`), since a build's user may have any home.
 */
function mountHolds(target: string, path: string): boolean {
  if (path.startsWith('~/')) {
    const rest = segments(path.slice(2));
    if (HOMES.some((home) => mountHolds(target, `${home}/${rest.join('/')}`))) return true;
    const t = segments(target);
    // a relative path (`--store-dir .pnpm-store`) or a home-relative one: match its trailing components
    const hidden = rest[0]?.startsWith('.') ?? false;
    for (let k = hidden ? 1 : rest.length; k <= rest.length; k++) {
      const tail = rest.slice(0, k);
      if (t.length >= tail.length && tail.every((s, i) => t[t.length - tail.length + i] === s)) return true;
    }
    return false;
  }
  return target.startsWith('/') && isPrefix(segments(target), segments(path));
}

function join(dir: string, sub: string): string {
  return sub ? `${dir.replace(/\/+$/, '')}/${sub}` : dir;
}

/**
 * A variable as this command sees it: a `VAR=x cmd` prefix, `env VAR=x cmd`, or an ENV or ARG in scope. (The
 * shell walk has no `export` statements: the parser keeps them out of the commands.)
 */
function variable(c: RunCommand, name: string): string | null {
  const prefix = c.command.assignments.find((a) => a.name === name);
  if (prefix) return prefix.value;
  const wrapper = [c.command.name, ...c.command.args].find(
    (w) => w.end <= c.inv.toolWord.start && w.value.startsWith(`${name}=`),
  );
  if (wrapper) return wrapper.value.slice(name.length + 1);
  return varValue(c.instruction.model, c.instruction, name);
}

/** `--flag value`, `--flag=value`, or `-Dkey=value` for a Maven property. */
function optionValue(c: RunCommand, names: readonly string[]): string | null {
  const words = c.inv.args;
  for (let i = 0; i < words.length; i++) {
    const v = words[i]!.value;
    for (const name of names) {
      if (v.startsWith(`${name}=`)) return v.slice(name.length + 1);
      if (v === name && !name.includes('.') && i + 1 < words.length) return words[i + 1]!.value;
    }
  }
  return null;
}

/**
 * Where an option or a variable moves the cache for this command, or null when nothing does (or the value still
 * holds an unknown `$VAR`). A relative value is a path under the working directory, as a relative mount target is.
 */
function movedTo(c: RunCommand, cache: ToolCache): string | null {
  const flag = cache.flag ? optionValue(c, cache.flag.names) : null;
  let dir: string | null = flag !== null ? join(flag, cache.flag!.sub) : null;
  for (const template of cache.env ?? []) {
    if (dir !== null) break;
    const slash = template.indexOf('/');
    const name = template.slice(1, slash < 0 ? undefined : slash);
    const value = variable(c, name);
    // GOPATH may list several directories: modules go to the first
    if (value) dir = join(value.split(':')[0]!, slash < 0 ? '' : template.slice(slash + 1));
  }
  return dir === null || dir.includes('$') ? null : normalisePath(dir);
}

/** The places the cache is for this command: where it was moved, else its default locations. */
function cachePaths(c: RunCommand, cache: ToolCache): string[] {
  const moved = movedTo(c, cache);
  const paths = moved === null ? cache.paths : [moved.startsWith('/') ? moved : `~/${moved}`];
  return paths.flatMap((p) => [p, ...(cache.parts ?? []).map((part) => join(p, part))]);
}

/** The targets of the RUN's cache and tmpfs mounts, with ARG/ENV references resolved where they can be. */
function mountTargets(ins: Instruction): string[] {
  return runMounts(ins)
    .filter((m) => keepsOutOfLayer(m) && m.target !== null)
    .map((m) => {
      const target = m.target!;
      return target.includes('$') ? normalisePath(resolveVars(ins.model, ins, target) ?? target) : target;
    });
}

const DOCKER_HUB = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);

/**
 * The name of a Docker Official Image (`golang`, for `golang:1.23`, `docker.io/library/golang` or a mirror's
 * `…/library/golang`); null for anyone else's image, whose variables the official one's say nothing about.
 */
function officialName(ref: ImageRef): string | null {
  const m = /^(?:docker\/)?library\/([^/]+)$/.exec(ref.name);
  if (m) return m[1]!.toLowerCase();
  return !ref.name.includes('/') && (ref.registry === null || DOCKER_HUB.has(ref.registry))
    ? ref.name.toLowerCase()
    : null;
}

/** The mount to propose for a cache: where it was moved, else where the official base image keeps it. */
function suggestion(c: RunCommand, cache: ToolCache): string {
  let target = movedTo(c, cache);
  if (target === null) {
    const stage = c.instruction.stage;
    const root = stage ? rootStage(stage) : null;
    const ref = root && !root.isScratch ? root.resolvedImage : null;
    const byImage = cache.suggestByImage ?? {};
    // an image whose tag names the official one is built on it (`lukemathwalker/cargo-chef:latest-rust-1.80`)
    const names = ref ? [officialName(ref), ...(ref.tag ?? '').toLowerCase().split(/[-_.]/)] : [];
    const image = names.find((n) => n !== null && Object.hasOwn(byImage, n));
    target = image ? byImage[image]! : cache.suggest;
  }
  // a `*` of a moved path is a Ruby version the file does not say
  return `--mount=type=cache,target=${target.replace(/(^|\/)\*(?=\/|$)/g, '$1<version>')}`;
}

/** Sub-commands whose own sub-command says what runs (`go mod download`, `composer global require`). */
const TWO_WORD: Readonly<Record<string, readonly string[]>> = {
  go: ['mod'],
  cargo: ['chef'],
  composer: ['global'],
  dotnet: ['tool'],
  mix: ['do'],
};

/** Tools that take a list of phases or tasks (`mvn clean package`): a few are shown. */
const TASK_LISTS = new Set(['mvn', 'mvnw', 'gradle', 'gradlew']);

/** `cargo build`, `go mod download`, `mvn clean package`: the command as the message names it. */
function commandText(c: RunCommand, args: ParsedArgs): string {
  // `mix do deps.get, compile`: the comma separates tasks
  const words = args.positionals.map((w) => w.value.replace(/,$/, ''));
  const count = TASK_LISTS.has(c.inv.tool) ? 3 : TWO_WORD[c.inv.tool]?.includes(words[0] ?? '') ? 2 : 1;
  return [c.inv.tool, ...words.slice(0, count)].join(' ');
}

/** Downloads and build outputs a RUN throws away make every rebuild fetch and compile everything again. */
export default defineRule({
  id: 'build-cache-mount',
  aliases: ['DL3069', 'DL3070', 'DL3071', 'DL3072', 'DL3073', 'DL3074', 'DL3075', 'DL3076', 'DL3077'],
  kind: 'dockerfile',
  severity: 'off',
  fixable: false,
  summary:
    'A build tool (cargo, go, Maven, Gradle, Composer, dotnet/NuGet, pnpm, mix, gem/bundle) run without a BuildKit cache mount on its cache',
  why: 'Without a cache mount every rebuild of the layer downloads (and compiles) all dependencies again, and what the tool cached stays in the layer; `RUN --mount=type=cache` keeps its cache between builds and out of the image.',
  messages: {
    noCacheMount: '{{command}} runs without a BuildKit cache mount on {{cache}}: add {{mount}} to {{run}}.',
  },
  check({ model, report }) {
    for (const [ins, commands] of commandsByRun(model)) {
      let targets: string[] | null = null;
      // one finding per tool and RUN: one set of mounts serves every command of the tool in it
      const reported = new Set<string>();
      for (const c of commands) {
        const tool = BY_TOOL.get(c.inv.tool);
        if (!tool || reported.has(tool.code)) continue;
        const args = argsOf(c.inv);
        const caches = tool.fills(args, c.inv.tool);
        if (!caches) continue;
        // read once per RUN, and only for a RUN that runs one of the tools
        const mounted = (targets ??= mountTargets(ins));
        const held = caches.some((cache) =>
          cachePaths(c, cache).some((path) => mounted.some((t) => mountHolds(t, path))),
        );
        if (held) continue;
        reported.add(tool.code);
        const last = args.positionals[0] ?? c.inv.toolWord;
        report({
          at: { start: c.inv.toolWord.start, end: Math.max(last.end, c.inv.toolWord.end) },
          messageId: 'noCacheMount',
          data: {
            command: code(commandText(c, args)),
            cache: caches.map((k) => k.label).join(' and '),
            mount: caches.map((cache) => code(suggestion(c, cache))).join(' and '),
            run: thisRun(ins),
          },
          aliases: [tool.code],
        });
      }
    }
  },
});
