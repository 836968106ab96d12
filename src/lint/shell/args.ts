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
