/**
 * RUN bodies parsed into simple commands with their arguments, the operators between them and exact offsets mapped
 * back to the Dockerfile through line continuations. The syntax tree comes from the plain reader (./plain.ts) when
 * it takes the script, else from tree-sitter-bash (WASM); both give the same tree, read here the same way.
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { Language, Parser } from 'web-tree-sitter';
import { materialise, type SyntaxNode } from './syntax-tree.js';
import { readPlain } from './plain.js';
import { readCommand, readRedirect, reclaimLostWord, REDIRECTS, type WalkContext } from './words.js';

export type ShellOp = '&&' | '||' | ';' | '|' | '&';

/** One shell word: quotes removed, expansions kept as written (`$X`, `${X:-y}`). */
export interface Word {
  value: string;
  /** The word as written in the file (after line continuations are joined). */
  raw: string;
  /** Offsets in the Dockerfile (half-open). */
  start: number;
  end: number;
  /** Contains a parameter expansion or command substitution. */
  dynamic: boolean;
}

export interface Assignment {
  name: string;
  value: string;
  start: number;
  end: number;
}

export interface Redirect {
  op: string;
  target: string;
}

export interface SimpleCommand {
  /** Position among the script's commands. */
  index: number;
  name: Word;
  args: Word[];
  /** `VAR=x cmd` prefixes. */
  assignments: Assignment[];
  redirects: Redirect[];
  /** Operator that joins this command to the previous one; null for the first. */
  prevOp: ShellOp | null;
  /** Operator that joins it to the next one; null for the last. */
  nextOp: ShellOp | null;
  /** Inside `$(…)` or backticks. */
  inSubstitution: boolean;
  /** Inside if/for/while/case/function or a subshell. */
  nested: boolean;
  /**
   * Its status is a test's: in the condition of `if`/`elif`/`while`/`until`, inside `[ ]`/`[[ ]]`, or in a
   * substitution that is an operand of one of those or of `test`.
   */
  condition: boolean;
  start: number;
  end: number;
}

/** A pipeline `a | b | c`: where each of its parts lies (Dockerfile offsets), in order. */
export interface ShellPipeline {
  parts: { start: number; end: number }[];
  /** Inside `$(…)` or backticks. */
  inSubstitution: boolean;
  /** Its status is a test's (see `SimpleCommand.condition`). */
  condition: boolean;
}

export interface ShellScript {
  /** The shell text as the shell sees it. */
  text: string;
  commands: SimpleCommand[];
  /** Any pipe `|` between commands. */
  hasPipe: boolean;
  /** Every pipeline, in source order (an outer pipeline before those nested in it). */
  pipelines: ShellPipeline[];
  /** The parser met text it could not read; commands hold what it could. */
  hasError: boolean;
  /** Maps an offset in `text` to the Dockerfile offset. */
  toFile(offset: number): number;
}

let parser: Parser | undefined;
let loading: Promise<void> | undefined;

/**
 * Loads the WASM parser once per process. Long-lived entry points (the app, the server, the pool worker) await it at
 * start; the CLI's `lintFiles` awaits it only for files with a script the plain reader (./plain.ts) refuses.
 */
export function initShell(): Promise<void> {
  loading ??= (async () => {
    const require = createRequire(import.meta.url);
    await Parser.init();
    // the grammar's bytes, not its path: given a path, web-tree-sitter reads it with a dynamic `import()`, which the
    // CommonJS CLI bundle, run from cached code, cannot make
    const bash = await Language.load(readFileSync(require.resolve('tree-sitter-bash/tree-sitter-bash.wasm')));
    const p = new Parser();
    p.setLanguage(bash);
    parser = p;
  })();
  return loading;
}

export function shellReady(): boolean {
  return parser !== undefined;
}

const OPS = new Set(['&&', '||', ';', '|', '|&', '&', ';;']);
/** Commands whose arguments are a test's operands. */
const TEST_COMMANDS = new Set(['test', '[', '[[']);
const NESTING = new Set([
  'if_statement',
  'for_statement',
  'c_style_for_statement',
  'while_statement',
  'case_statement',
  'function_definition',
  'subshell',
  'compound_statement',
]);

export interface ShellSource {
  /** The logical shell text. */
  text: string;
  /** `map[i]` is the Dockerfile offset of `text[i]`, with one extra entry for the end. */
  map: ArrayLike<number>;
}

/** Parses one script. */
export function parseShell(text: string, map: ArrayLike<number>): ShellScript {
  return parseShellBatch([{ text, map }])[0]!;
}

/** How many scripts each reader has read in this process: lets tests prove which path a lint took. */
export const shellParseCounts = { plain: 0, treeSitter: 0 };

const NONE_LOST: readonly SyntaxNode[] = [];

/**
 * Parses several scripts (the RUNs of one file). A plain script (./plain.ts) is read by the plain reader, which
 * gives the tree tree-sitter would; the others go to tree-sitter, together.
 */
export function parseShellBatch(sources: readonly ShellSource[]): ShellScript[] {
  const out: ShellScript[] = new Array<ShellScript>(sources.length);
  const rest: ShellSource[] = [];
  const restAt: number[] = [];
  sources.forEach((source, i) => {
    const root = readPlain(source.text);
    if (root) {
      shellParseCounts.plain++;
      out[i] = buildScript(root, source.text, 0, source, false, NONE_LOST);
    } else {
      rest.push(source);
      restAt.push(i);
    }
  });
  if (rest.length > 0) treeSitterBatch(rest).forEach((script, k) => (out[restAt[k]!] = script));
  return out;
}

/** tree-sitter's tree for one script, as `parseShellBatch` reads it: what the plain reader must reproduce. */
export function treeSitterTree(text: string): { root: SyntaxNode; hasError: boolean; lost: SyntaxNode[] } {
  const tree = loadedParser().parse(text);
  if (!tree) throw new Error('tree-sitter returned no tree');
  const { root, tooDeep, lost } = materialise(tree, text);
  const hasError = tree.rootNode.hasError || tooDeep;
  tree.delete();
  return { root, hasError, lost };
}

function loadedParser(): Parser {
  // an internal error, never an empty result: a caller that skipped `initShell` for a file it judged plain has a
  // shell text its check did not list (see `needsShellParser` in ../dockerfile/run-shell.ts)
  if (!parser)
    throw new Error('shell parser not initialised for a script that is not plain: await initShell() first');
  shellParseCounts.treeSitter++;
  return parser;
}

/** Blank lines between scripts parsed together: any construct left open makes the batch fall back. */
const SEPARATOR = '\n\n';

/**
 * Parses several scripts in one tree-sitter call: each call has a fixed cost larger than parsing a typical RUN.
 * The batch is kept only when it is error-free and every top-level statement lies inside one script; otherwise
 * each script is parsed on its own, so one broken RUN cannot affect another.
 */
function treeSitterBatch(sources: readonly ShellSource[]): ShellScript[] {
  const ts = loadedParser();
  if (sources.length > 1) {
    const combined = sources.map((s) => s.text).join(SEPARATOR);
    const tree = ts.parse(combined);
    const whole = tree && !tree.rootNode.hasError ? materialise(tree, combined) : null;
    if (tree && whole && !whole.tooDeep) {
      const root = whole.root;
      tree.delete();
      const scripts: ShellScript[] = [];
      let k = 0;
      let offset = 0;
      for (const source of sources) {
        const end = offset + source.text.length;
        const children: SyntaxNode[] = [];
        for (; k < root.children.length && root.children[k]!.start < end + SEPARATOR.length; k++) {
          const child = root.children[k]!;
          if (child.start < offset || child.end > end) break;
          children.push(child);
        }
        if (k < root.children.length && root.children[k]!.start < end) break;
        scripts.push(
          buildScript(
            { type: 'program', named: true, start: offset, end, children },
            combined,
            offset,
            source,
            false,
            whole.lost,
          ),
        );
        offset = end + SEPARATOR.length;
      }
      if (scripts.length === sources.length && k === root.children.length) return scripts;
    } else tree?.delete();
  }
  return sources.map((source) => {
    const tree = ts.parse(source.text);
    if (!tree) throw new Error('tree-sitter returned no tree');
    const { root, tooDeep, lost } = materialise(tree, source.text);
    const hasError = tree.rootNode.hasError || tooDeep;
    tree.delete();
    return buildScript(root, source.text, 0, source, hasError, lost);
  });
}

/** Collects the simple commands under `root`, whose offsets are in `text` and start at `offset` for this script. */
function buildScript(
  root: SyntaxNode,
  text: string,
  offset: number,
  source: ShellSource,
  hasError: boolean,
  lost: readonly SyntaxNode[],
): ShellScript {
  const map = source.map;
  const toFile = (i: number): number => map[Math.max(0, Math.min(i - offset, map.length - 1))]!;
  const ctx: WalkContext = { text, toFile };
  const commands: SimpleCommand[] = [];
  const pipelines: ShellPipeline[] = [];
  let hasPipe = false;
  let pending: ShellOp | null = null;

  const visit = (node: SyntaxNode, inSub: boolean, nested: boolean, cond = false): void => {
    if (!node.named) {
      const t = node.type;
      if (OPS.has(t)) {
        pending = t === '|&' ? '|' : t === ';;' ? ';' : (t as ShellOp);
        if (pending === '|') hasPipe = true;
      }
      return;
    }
    if (node.type === 'command') {
      if (lost.length > 0) reclaimLostWord(node, lost, text);
      const cmd = readCommand(node, ctx, inSub, nested, cond);
      if (cmd) {
        const prev = commands[commands.length - 1];
        cmd.index = commands.length;
        cmd.prevOp = prev ? (pending ?? ';') : null;
        if (prev) prev.nextOp = cmd.prevOp;
        commands.push(cmd);
        pending = null;
        // substitutions inside the arguments hold commands of their own; a test's operands are tests too
        const operand = cond || TEST_COMMANDS.has(cmd.name.value);
        for (const child of node.children) if (child.named) visitSubstitutions(child, nested, operand);
      }
      return;
    }
    const nowNested = nested || NESTING.has(node.type);
    const nowSub = inSub || node.type === 'command_substitution';
    if (node.type === 'pipeline') {
      const parts = node.children
        .filter((c) => c.named && c.type !== 'comment')
        .map((c) => ({ start: toFile(c.start), end: toFile(c.end) }));
      if (parts.length > 1) pipelines.push({ parts, inSubstitution: nowSub, condition: cond });
    }
    if (node.type === 'if_statement' || node.type === 'elif_clause' || node.type === 'while_statement') {
      // the list between `if`/`elif` and `then`, or between `while`/`until` and the `do` group, is the condition
      let inCondition = false;
      for (const child of node.children) {
        if (
          !child.named &&
          (child.type === 'if' || child.type === 'elif' || child.type === 'while' || child.type === 'until')
        )
          inCondition = true;
        else if ((!child.named && child.type === 'then') || child.type === 'do_group') inCondition = false;
        visit(child, nowSub, nowNested, cond || inCondition);
      }
      return;
    }
    const nowCond = cond || node.type === 'test_command';
    if (node.type === 'redirected_statement') {
      // `cmd > file`, `{ a; b; } > file`: the redirects apply to every command of the body
      const first = commands.length;
      const redirects: Redirect[] = [];
      let body: SyntaxNode | undefined;
      for (const child of node.children) {
        if (REDIRECTS.has(child.type)) redirects.push(readRedirect(child, text));
        else {
          if (!body && child.named) body = child;
          visit(child, nowSub, nowNested, nowCond);
        }
      }
      // tree-sitter hangs `a && b > f` and `a | b > f` on the whole list or pipeline; the shell applies it to `b`
      while (body && (body.type === 'list' || body.type === 'pipeline')) {
        const last: SyntaxNode | undefined = body.children
          .filter((c) => c.named && c.type !== 'comment')
          .at(-1);
        if (!last) break;
        body = last;
      }
      const from = body ? toFile(body.start) : 0;
      for (let i = first; i < commands.length; i++) {
        const c = commands[i]!;
        if (c.inSubstitution === inSub && c.start >= from) c.redirects.push(...redirects);
      }
      return;
    }
    for (const child of node.children) {
      // `a|b)` in a case pattern separates alternatives: not a pipe
      if (node.type === 'case_item' && !child.named && child.type === '|') continue;
      visit(child, nowSub, nowNested, nowCond);
    }
  };
  const visitSubstitutions = (node: SyntaxNode, nested: boolean, cond: boolean): void => {
    if (node.type === 'command_substitution') {
      for (const child of node.children) visit(child, true, nested, cond);
      return;
    }
    for (const child of node.children) if (child.named) visitSubstitutions(child, nested, cond);
  };
  visit(root, false, false);
  const own = (i: number): number => map[Math.max(0, Math.min(i, map.length - 1))]!;
  return { text: source.text, commands, hasPipe, pipelines, hasError, toFile: own };
}
