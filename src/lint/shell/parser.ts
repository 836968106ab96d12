/**
 * RUN bodies parsed by tree-sitter-bash (WASM): simple commands with their arguments, the operators between
 * them and exact offsets mapped back to the Dockerfile through line continuations.
 */
import { createRequire } from 'node:module';
import { Language, Parser, type Tree } from 'web-tree-sitter';

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

/** Loads the WASM parser once per process. Every lint entry point awaits this before linting. */
export function initShell(): Promise<void> {
  loading ??= (async () => {
    const require = createRequire(import.meta.url);
    await Parser.init();
    const bash = await Language.load(require.resolve('tree-sitter-bash/tree-sitter-bash.wasm'));
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

/** A syntax node copied out of the WASM tree in one cursor walk: reading fields off tree-sitter's Node objects
 * one at a time crosses into WASM for each, which costs more than the parse itself. */
interface SyntaxNode {
  type: string;
  named: boolean;
  start: number;
  end: number;
  children: SyntaxNode[];
}

/** Nodes whose insides no reader needs: the walk does not descend into them. */
const LEAVES = new Set([
  'word',
  'raw_string',
  'number',
  'string_content',
  'variable_name',
  'simple_expansion',
  'expansion',
  'arithmetic_expansion',
  'ansi_c_string',
  'comment',
  'file_descriptor',
  'heredoc_body',
  'regex',
  'special_variable_name',
  'test_operator',
]);

/**
 * Deeper syntax is not descended into (the script then counts as unparsed): the readers below recurse, and
 * `$($($(…)))` ten thousand levels deep would overflow the stack. Real scripts nest a handful of levels.
 */
const MAX_DEPTH = 256;

/**
 * tree-sitter-bash folds a short dash word written against a heredoc (`wget -q<<EOF`, `cat -<<EOF`) into the
 * `<<` token and drops it from the command; such words are cut back out of the token and kept aside, so
 * `buildScript` can return them to the command they follow.
 */
function splitHeredocToken(node: SyntaxNode, text: string, lost: SyntaxNode[]): void {
  const opStart = node.end - node.type.length;
  let start = node.start;
  while (start < opStart && (text[start] === ' ' || text[start] === '\t')) start++;
  if (start < opStart) lost.push({ type: 'word', named: true, start, end: opStart, children: [] });
  node.start = opStart;
}

function materialise(tree: Tree, text: string): { root: SyntaxNode; tooDeep: boolean; lost: SyntaxNode[] } {
  let tooDeep = false;
  const lost: SyntaxNode[] = [];
  const cursor = tree.walk();
  const root: SyntaxNode = {
    type: cursor.nodeType,
    named: true,
    start: cursor.startIndex,
    end: cursor.endIndex,
    children: [],
  };
  const stack: SyntaxNode[] = [root];
  if (cursor.gotoFirstChild()) {
    for (;;) {
      const node: SyntaxNode = {
        type: cursor.nodeType,
        named: cursor.nodeIsNamed,
        start: cursor.startIndex,
        end: cursor.endIndex,
        children: [],
      };
      if (
        !node.named &&
        node.end - node.start > node.type.length &&
        (node.type === '<<' || node.type === '<<-')
      )
        splitHeredocToken(node, text, lost);
      stack[stack.length - 1]!.children.push(node);
      if (!LEAVES.has(node.type) && cursor.gotoFirstChild()) {
        if (stack.length < MAX_DEPTH) {
          stack.push(node);
          continue;
        }
        tooDeep = true;
        cursor.gotoParent();
      }
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent() || stack.length <= 1) {
          cursor.delete();
          return { root, tooDeep, lost };
        }
        stack.pop();
      }
    }
  }
  cursor.delete();
  return { root, tooDeep, lost };
}

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

/** Blank lines between scripts parsed together: any construct left open makes the batch fall back. */
const SEPARATOR = '\n\n';

/**
 * Parses several scripts (the RUNs of one file) in one tree-sitter call: each call has a fixed cost larger than
 * parsing a typical RUN. The batch is kept only when it is error-free and every top-level statement lies inside
 * one script; otherwise each script is parsed on its own, so one broken RUN cannot affect another.
 */
export function parseShellBatch(sources: readonly ShellSource[]): ShellScript[] {
  if (!parser) throw new Error('shell parser not initialised: await initShell() first');
  if (sources.length === 0) return [];
  if (sources.length > 1) {
    const combined = sources.map((s) => s.text).join(SEPARATOR);
    const tree = parser.parse(combined);
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
    const tree = parser!.parse(source.text);
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

/** Gives a command back the word tree-sitter folded into the heredoc operator right after it. */
function reclaimLostWord(command: SyntaxNode, lost: readonly SyntaxNode[], text: string): void {
  for (const word of lost) {
    if (word.start < command.end || !/^[ \t]*$/.test(text.slice(command.end, word.start))) continue;
    command.children.push(word);
    command.end = word.end;
    return;
  }
}

interface WalkContext {
  text: string;
  toFile: (i: number) => number;
}

function readCommand(
  node: SyntaxNode,
  ctx: WalkContext,
  inSubstitution: boolean,
  nested: boolean,
  condition: boolean,
): SimpleCommand | null {
  const { text, toFile } = ctx;
  let name: Word | null = null;
  const args: Word[] = [];
  const assignments: Assignment[] = [];
  const redirects: Redirect[] = [];
  for (const child of node.children) {
    if (!child.named) continue;
    switch (child.type) {
      case 'command_name': {
        const inner = child.children.find((c) => c.named) ?? child;
        name = toWord(inner, ctx);
        break;
      }
      case 'variable_assignment': {
        // NAME=value: the name, then the `=` token, then the value (absent for `NAME=`)
        const eq = child.children.findIndex((c) => !c.named && (c.type === '=' || c.type === '+='));
        const nameNode = child.children.find((c) => c.named);
        const valueNode = eq >= 0 ? child.children.slice(eq + 1).find((c) => c.named) : undefined;
        assignments.push({
          name: nameNode ? text.slice(nameNode.start, nameNode.end) : '',
          value: valueNode ? wordValue(valueNode, text) : '',
          start: toFile(child.start),
          end: toFile(child.end),
        });
        break;
      }
      case 'file_redirect':
      case 'herestring_redirect':
      case 'heredoc_redirect':
        redirects.push(readRedirect(child, text));
        break;
      case 'comment':
        break;
      default:
        args.push(toWord(child, ctx));
    }
  }
  if (!name) return null;
  return {
    index: 0,
    name,
    args,
    assignments,
    redirects,
    prevOp: null,
    nextOp: null,
    inSubstitution,
    nested,
    condition,
    start: toFile(node.start),
    end: toFile(node.end),
  };
}

const REDIRECTS = new Set(['file_redirect', 'herestring_redirect', 'heredoc_redirect']);

function readRedirect(node: SyntaxNode, text: string): Redirect {
  const op = node.children.find((c) => !c.named)?.type ?? '';
  const target = node.children.filter((c) => c.named && c.type !== 'file_descriptor').at(-1);
  return { op, target: target ? wordValue(target, text) : '' };
}

function toWord(node: SyntaxNode, ctx: WalkContext): Word {
  return {
    value: wordValue(node, ctx.text),
    raw: ctx.text.slice(node.start, node.end),
    start: ctx.toFile(node.start),
    end: ctx.toFile(node.end),
    dynamic: isDynamic(node),
  };
}

function isDynamic(node: SyntaxNode): boolean {
  switch (node.type) {
    case 'simple_expansion':
    case 'expansion':
    case 'command_substitution':
    case 'arithmetic_expansion':
    case 'process_substitution':
      return true;
    case 'word':
    case 'raw_string':
    case 'number':
    case 'ansi_c_string':
      return false;
  }
  for (const c of node.children) if (c.named && isDynamic(c)) return true;
  return false;
}

/** The value of a word as the shell would see it, quotes removed; expansions stay as written. */
function wordValue(node: SyntaxNode, text: string): string {
  const raw = text.slice(node.start, node.end);
  switch (node.type) {
    case 'word':
    case 'number':
      return unescapeUnquoted(raw);
    case 'raw_string':
      return raw.slice(1, -1);
    case 'ansi_c_string':
      return raw.slice(2, -1);
    case 'string':
      // the text between the quotes, with \" \\ \$ \` unescaped
      return raw.slice(1, -1).replace(/\\([\\"$`])/g, '$1');
    case 'translated_string':
      return raw.slice(2, -1);
    case 'concatenation': {
      const named = node.children.filter((c) => c.named);
      if (named.length === 0) return raw;
      let out = '';
      for (const c of named) out += wordValue(c, text);
      return out;
    }
    default:
      return raw;
  }
}

function unescapeUnquoted(s: string): string {
  return s.includes('\\') ? s.replace(/\\(.)/g, '$1') : s;
}
