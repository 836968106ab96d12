/**
 * Command-line grammar of the tools rules care about: combined short flags (`-yq`), `--opt=value`, flags that
 * take a value (`-o Dpkg::Options=…`, `-r requirements.txt`), and wrappers (`sudo`, `env`, `python -m pip`).
 */
import type { SimpleCommand, Word } from './parser.js';

export interface ToolSpec {
  /** Flags (short `-o` or long `--option`) that consume a value. */
  valueFlags?: readonly string[];
  /** Single-dash words are whole flags (`-ldflags`), not clusters of letters. */
  singleDashLong?: boolean;
}

export interface ParsedFlag {
  /** Normalised name: `-y`, `--yes`. */
  name: string;
  value?: string;
  /** The word the flag was written in (a cluster word for `-yq`). */
  word: Word;
}

export interface ParsedArgs {
  flags: ParsedFlag[];
  positionals: Word[];
  has(...names: string[]): boolean;
  value(...names: string[]): string | undefined;
}

export function parseArgs(words: readonly Word[], spec: ToolSpec = {}): ParsedArgs {
  const valueFlags = new Set(spec.valueFlags ?? []);
  const flags: ParsedFlag[] = [];
  const positionals: Word[] = [];
  let onlyPositionals = false;
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const v = word.value;
    if (
      onlyPositionals ||
      v.length < 2 ||
      v[0] !== '-' ||
      word.raw.startsWith('"-$') ||
      word.raw.startsWith('$')
    ) {
      positionals.push(word);
      continue;
    }
    if (v === '--') {
      onlyPositionals = true;
      continue;
    }
    if (v.startsWith('--') || spec.singleDashLong) {
      const eq = v.indexOf('=');
      if (eq > 0) {
        flags.push({ name: v.slice(0, eq), value: v.slice(eq + 1), word });
      } else if (valueFlags.has(v) && i + 1 < words.length) {
        flags.push({ name: v, value: words[++i]!.value, word });
      } else {
        flags.push({ name: v, word });
      }
      continue;
    }
    // a cluster of short flags; the first value-taking one eats the rest of the word or the next word
    for (let j = 1; j < v.length; j++) {
      const name = `-${v[j]}`;
      if (v[j + 1] === '=') {
        // `-q=2`: an explicit value for a short flag, whether or not it usually takes one
        flags.push({ name, value: v.slice(j + 2), word });
        break;
      }
      if (valueFlags.has(name)) {
        const rest = v.slice(j + 1);
        if (rest) flags.push({ name, value: rest.startsWith('=') ? rest.slice(1) : rest, word });
        else if (i + 1 < words.length) flags.push({ name, value: words[++i]!.value, word });
        else flags.push({ name, word });
        break;
      }
      flags.push({ name, word });
    }
  }
  return {
    flags,
    positionals,
    has: (...names) => flags.some((f) => names.includes(f.name)),
    value: (...names) => {
      for (let k = flags.length - 1; k >= 0; k--) if (names.includes(flags[k]!.name)) return flags[k]!.value;
      return undefined;
    },
  };
}

/** Value-taking options yum and dnf share. */
const RPM_VALUE_FLAGS = [
  '-c',
  '--config',
  '-d',
  '--debuglevel',
  '-e',
  '--errorlevel',
  '-x',
  '--exclude',
  '--installroot',
  '--releasever',
  '--setopt',
  '--enablerepo',
  '--disablerepo',
];

/** The grammar of each package manager and tool that rules inspect. */
export const TOOLS: Record<string, ToolSpec> = {
  'apt-get': {
    valueFlags: [
      '-o',
      '--option',
      '-t',
      '--target-release',
      '-c',
      '--config-file',
      '-a',
      '--host-architecture',
    ],
  },
  apt: {
    valueFlags: [
      '-o',
      '--option',
      '-t',
      '--target-release',
      '-c',
      '--config-file',
      '-a',
      '--host-architecture',
    ],
  },
  apk: {
    valueFlags: [
      '-X',
      '--repository',
      '-t',
      '--virtual',
      '-p',
      '--root',
      '--arch',
      '--keys-dir',
      '--cache-dir',
      '--repositories-file',
      '--cache-max-age',
    ],
  },
  pip: {
    valueFlags: [
      '-r',
      '--requirement',
      '-c',
      '--constraint',
      '-e',
      '--editable',
      '-t',
      '--target',
      '-i',
      '--index-url',
      '--extra-index-url',
      '-f',
      '--find-links',
      '--trusted-host',
      '--prefix',
      '--root',
      '--platform',
      '--python-version',
      '--implementation',
      '--abi',
      '--src',
      '--upgrade-strategy',
      '--progress-bar',
      '--cache-dir',
      '--log',
      '--log-file',
      '--proxy',
      '--timeout',
      '--retries',
      '--cert',
      '--client-cert',
      '--only-binary',
      '--no-binary',
      '--config-settings',
      '-C',
      '--report',
      '--global-option',
      '--install-option',
      '--exists-action',
      '--python',
      '--root-user-action',
      '--keyring-provider',
      '--use-feature',
      '--use-deprecated',
      '--group',
      // removed in pip 20, still in old Dockerfiles: `pip install --build /tmp/build pkg`
      '-b',
      '--build',
    ],
  },
  npm: {
    valueFlags: [
      '--omit',
      '--include',
      '--only',
      '--registry',
      '--cache',
      '--prefix',
      '--loglevel',
      '-w',
      '--workspace',
      '--userconfig',
      '--tag',
      '--before',
      '--install-strategy',
    ],
  },
  yarn: {
    valueFlags: [
      '--cwd',
      '--cache-folder',
      '--modules-folder',
      '--network-timeout',
      '--registry',
      '--mutex',
      '--mode',
    ],
  },
  pnpm: { valueFlags: ['-C', '--dir', '--filter', '-F', '--store-dir', '--registry', '--reporter'] },
  poetry: {
    valueFlags: ['--only', '--with', '--without', '-E', '--extras', '-C', '--directory', '-P', '--project'],
  },
  uv: {
    valueFlags: [
      '-r',
      '--requirement',
      '-c',
      '--constraint',
      '--extra',
      '--group',
      '--only-group',
      '--no-group',
      '--package',
      '-p',
      '--python',
      '--directory',
      '--project',
      '--index-url',
      '--extra-index-url',
      '--index',
      '--cache-dir',
    ],
  },
  pipenv: { valueFlags: ['--python', '-r', '--requirements', '--categories'] },
  bundle: {
    valueFlags: [
      '-j',
      '--jobs',
      '--retry',
      '--path',
      '--without',
      '--with',
      '--gemfile',
      '--trust-policy',
      '--shebang',
    ],
  },
  gem: {
    valueFlags: [
      '-v',
      '--version',
      '-i',
      '--install-dir',
      '-n',
      '--bindir',
      '-s',
      '--source',
      '-P',
      '--trust-policy',
      '--platform',
    ],
  },
  composer: { valueFlags: ['-d', '--working-dir'] },
  go: {
    singleDashLong: true,
    valueFlags: [
      '-o',
      '-C',
      '-p',
      '-mod',
      '-modfile',
      '-tags',
      '-ldflags',
      '-gcflags',
      '-asmflags',
      '-buildmode',
      '-pkgdir',
      '-overlay',
      '-pgo',
    ],
  },
  cargo: {
    valueFlags: [
      '-p',
      '--package',
      '--manifest-path',
      '--target',
      '--target-dir',
      '-F',
      '--features',
      '-j',
      '--jobs',
      '--profile',
      '--bin',
      '--example',
      '--color',
      '-Z',
      '--config',
    ],
  },
  yum: { valueFlags: [...RPM_VALUE_FLAGS, '--downloaddir'] },
  dnf: {
    valueFlags: [
      ...RPM_VALUE_FLAGS,
      '--repo',
      '--repoid',
      '--repofrompath',
      '--forcearch',
      '--downloaddir',
      '--destdir',
    ],
  },
  microdnf: {
    valueFlags: ['--config', '--installroot', '--releasever', '--setopt', '--enablerepo', '--disablerepo'],
  },
  zypper: {
    valueFlags: [
      '-c',
      '--config',
      '-R',
      '--root',
      '--reposd-dir',
      '--cache-dir',
      '-t',
      '--type',
      '-r',
      '--repo',
      '--from',
    ],
  },
  curl: {
    valueFlags: [
      '-o',
      '--output',
      '--output-dir',
      '-H',
      '--header',
      '-d',
      '--data',
      '--data-raw',
      '--data-binary',
      '--data-urlencode',
      '-u',
      '--user',
      '-A',
      '--user-agent',
      '-e',
      '--referer',
      '-X',
      '--request',
      '-w',
      '--write-out',
      '-m',
      '--max-time',
      '--connect-timeout',
      '--retry',
      '--retry-delay',
      '--retry-max-time',
      '-T',
      '--upload-file',
      '-F',
      '--form',
      '-x',
      '--proxy',
      '-b',
      '--cookie',
      '-c',
      '--cookie-jar',
      '-r',
      '--range',
      '-C',
      '--continue-at',
      '-K',
      '--config',
      '-E',
      '--cert',
      '--cacert',
      '--capath',
      '--key',
      '--proto',
      '--proto-redir',
      '--url',
      '-Y',
      '--speed-limit',
      '-y',
      '--speed-time',
      '-z',
      '--time-cond',
      '--limit-rate',
      '--resolve',
      '--max-redirs',
    ],
  },
  wget: {
    valueFlags: [
      '-O',
      '--output-document',
      '-P',
      '--directory-prefix',
      '-o',
      '--output-file',
      '-a',
      '--append-output',
      '-t',
      '--tries',
      '-T',
      '--timeout',
      '-U',
      '--user-agent',
      '--header',
      '-e',
      '--execute',
      '-i',
      '--input-file',
      '-B',
      '--base',
      '--user',
      '--password',
      '-Q',
      '--quota',
      '-w',
      '--wait',
      '-l',
      '--level',
      '-A',
      '--accept',
      '-R',
      '--reject',
      '-D',
      '--domains',
      '--post-data',
      '--post-file',
      '--ca-certificate',
      '--certificate',
      '--private-key',
    ],
  },
  git: {
    valueFlags: [
      '-C',
      '-c',
      '--config',
      '-b',
      '--branch',
      '--depth',
      '-o',
      '--origin',
      '-j',
      '--jobs',
      '--filter',
      '--reference',
      '-u',
      '--upload-pack',
      '--template',
      '--separate-git-dir',
      '--shallow-since',
      '--shallow-exclude',
    ],
  },
  tar: {
    valueFlags: [
      '-f',
      '--file',
      '-C',
      '--directory',
      '--exclude',
      '-T',
      '--files-from',
      '-X',
      '--exclude-from',
    ],
  },
  rm: {},
  mkdir: { valueFlags: ['-m', '--mode'] },
  cd: {},
  set: { valueFlags: ['-o', '+o'] },
};

const WRAPPERS = new Set([
  'sudo',
  'env',
  'command',
  'exec',
  'nohup',
  'time',
  'nice',
  'stdbuf',
  'su-exec',
  'gosu',
]);

/** Wrapper options that take the next word as their value. */
const WRAPPER_VALUE_FLAGS: Record<string, readonly string[]> = {
  sudo: ['-u', '-g', '-C', '-D', '-h', '-p', '-r', '-t', '-U'],
  env: ['-u', '--unset', '-C', '--chdir', '-S', '--split-string'],
  nice: ['-n', '--adjustment'],
  exec: ['-a'],
  time: ['-f', '--format', '-o', '--output'],
};

export interface Invocation {
  /** The tool actually run, after wrappers (`sudo`, `env X=1`, `python -m pip` → `pip`). */
  tool: string;
  /** The word that names the tool. */
  toolWord: Word;
  args: Word[];
  command: SimpleCommand;
}

/** Sees through wrappers and interpreters to the tool a command runs. */
export function invocation(command: SimpleCommand): Invocation {
  let words = [command.name, ...command.args];
  let guard = 0;
  while (words.length > 1 && guard++ < 8) {
    const head = basename(words[0]!.value);
    if (WRAPPERS.has(head)) {
      // skip the wrapper's own options and VAR=value words
      let k = 1;
      while (
        k < words.length &&
        (words[k]!.value.startsWith('-') || /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[k]!.value))
      ) {
        const opt = words[k]!.value;
        k++;
        if (WRAPPER_VALUE_FLAGS[head]?.includes(opt)) k++;
      }
      // `gosu user cmd`, `su-exec user cmd`: the user comes before the command
      if ((head === 'gosu' || head === 'su-exec') && k < words.length) k++;
      if (k >= words.length) break;
      words = words.slice(k);
      continue;
    }
    if (/^python(\d(\.\d+)?)?$/.test(head) && words[1]?.value === '-m' && words[2]) {
      words = words.slice(2);
      continue;
    }
    break;
  }
  const toolWord = words[0]!;
  return { tool: normaliseTool(basename(toolWord.value)), toolWord, args: words.slice(1), command };
}

function basename(s: string): string {
  const i = s.lastIndexOf('/');
  return i >= 0 ? s.slice(i + 1) : s;
}

function normaliseTool(name: string): string {
  if (/^pip\d?(\.\d+)?$/.test(name)) return 'pip';
  return name;
}
