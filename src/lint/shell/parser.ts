/**
 * RUN bodies parsed by tree-sitter-bash (WASM): simple commands with their arguments, the operators between
 * them and exact offsets mapped back to the Dockerfile through line continuations.
 */
import { createRequire } from 'node:module';
import { Language, Parser, type Node } from 'web-tree-sitter';

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
  start: number;
  end: number;
}

export interface ShellScript {
  /** The shell text as the shell sees it. */
  text: string;
  commands: SimpleCommand[];
  /** Any pipe `|` between commands. */
  hasPipe: boolean;
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

/**
 * Parses `text` (the logical shell text); `map[i]` is the Dockerfile offset of `text[i]`, with one extra entry
 * for the end.
 */
export function parseShell(text: string, map: ArrayLike<number>): ShellScript {
  if (!parser) throw new Error('shell parser not initialised: await initShell() first');
  const toFile = (i: number): number => map[Math.max(0, Math.min(i, map.length - 1))]!;
  const tree = parser.parse(text);
  if (!tree) throw new Error('tree-sitter returned no tree');
  const commands: SimpleCommand[] = [];
  let hasPipe = false;
  let pending: ShellOp | null = null;
  const root = tree.rootNode;

  const visit = (node: Node, inSub: boolean, nested: boolean): void => {
    if (!node.isNamed) {
      const t = node.type;
      if (OPS.has(t)) {
        pending = t === '|&' ? '|' : t === ';;' ? ';' : (t as ShellOp);
        if (pending === '|') hasPipe = true;
      }
      return;
    }
    if (node.type === 'command') {
      const cmd = readCommand(node, toFile, inSub, nested);
      if (cmd) {
        const prev = commands[commands.length - 1];
        cmd.index = commands.length;
        cmd.prevOp = prev ? (pending ?? ';') : null;
        if (prev) prev.nextOp = cmd.prevOp;
        commands.push(cmd);
        pending = null;
        // substitutions inside the arguments hold commands of their own
        for (const child of node.namedChildren) if (child) visitSubstitutions(child, nested);
      }
      return;
    }
    const nowNested = nested || NESTING.has(node.type);
    const nowSub = inSub || node.type === 'command_substitution';
    for (const child of node.children) if (child) visit(child, nowSub, nowNested);
  };
  const visitSubstitutions = (node: Node, nested: boolean): void => {
    if (node.type === 'command_substitution') {
      for (const child of node.children) if (child) visit(child, true, nested);
      return;
    }
    for (const child of node.namedChildren) if (child) visitSubstitutions(child, nested);
  };
  visit(root, false, false);
  const hasError = root.hasError;
  tree.delete();
  return { text, commands, hasPipe, hasError, toFile };
}

function readCommand(
  node: Node,
  toFile: (i: number) => number,
  inSubstitution: boolean,
  nested: boolean,
): SimpleCommand | null {
  let name: Word | null = null;
  const args: Word[] = [];
  const assignments: Assignment[] = [];
  const redirects: Redirect[] = [];
  for (const child of node.namedChildren) {
    if (!child) continue;
    switch (child.type) {
      case 'command_name': {
        const inner = child.firstNamedChild ?? child;
        name = toWord(inner, toFile);
        break;
      }
      case 'variable_assignment': {
        const nameNode = child.childForFieldName('name') ?? child.firstNamedChild;
        const valueNode = child.childForFieldName('value');
        assignments.push({
          name: nameNode?.text ?? '',
          value: valueNode ? wordValue(valueNode) : '',
          start: toFile(child.startIndex),
          end: toFile(child.endIndex),
        });
        break;
      }
      case 'file_redirect':
      case 'herestring_redirect':
      case 'heredoc_redirect': {
        const op = child.children.find((c) => c && !c.isNamed)?.type ?? '';
        const target = child.namedChildren.filter((c) => c && c.type !== 'file_descriptor').at(-1);
        redirects.push({ op, target: target ? wordValue(target) : '' });
        break;
      }
      case 'comment':
        break;
      default:
        args.push(toWord(child, toFile));
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
    start: toFile(node.startIndex),
    end: toFile(node.endIndex),
  };
}

function toWord(node: Node, toFile: (i: number) => number): Word {
  return {
    value: wordValue(node),
    raw: node.text,
    start: toFile(node.startIndex),
    end: toFile(node.endIndex),
    dynamic: isDynamic(node),
  };
}

function isDynamic(node: Node): boolean {
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
  for (const c of node.namedChildren) if (c && isDynamic(c)) return true;
  return false;
}

/** The value of a word as the shell would see it, quotes removed; expansions stay as written. */
export function wordValue(node: Node): string {
  switch (node.type) {
    case 'word':
    case 'number':
      return unescapeUnquoted(node.text);
    case 'raw_string':
      return node.text.slice(1, -1);
    case 'ansi_c_string':
      return node.text.slice(2, -1);
    case 'string': {
      // the text between the quotes, with \" \\ \$ \` unescaped
      const inner = node.text.slice(1, -1);
      return inner.replace(/\\([\\"$`])/g, '$1');
    }
    case 'translated_string':
      return node.text.slice(2, -1);
    case 'concatenation': {
      let out = '';
      for (const c of node.namedChildren) if (c) out += wordValue(c);
      // unnamed pieces (e.g. `=` in some grammars) are kept as written
      return node.namedChildren.length === 0 ? node.text : out;
    }
    default:
      return node.text;
  }
}

function unescapeUnquoted(s: string): string {
  return s.includes('\\') ? s.replace(/\\(.)/g, '$1') : s;
}
