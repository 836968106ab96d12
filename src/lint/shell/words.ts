/** One simple command and its words read from the syntax tree: values with quotes removed, redirects, spans. */
import type { Assignment, Redirect, SimpleCommand, Word } from './parser.js';
import type { SyntaxNode } from './syntax-tree.js';

/** Gives a command back the word tree-sitter folded into the heredoc operator right after it. */
export function reclaimLostWord(command: SyntaxNode, lost: readonly SyntaxNode[], text: string): void {
  for (const word of lost) {
    if (word.start < command.end || !/^[ \t]*$/.test(text.slice(command.end, word.start))) continue;
    command.children.push(word);
    command.end = word.end;
    return;
  }
}

export interface WalkContext {
  text: string;
  toFile: (i: number) => number;
}

export function readCommand(
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

export const REDIRECTS = new Set(['file_redirect', 'herestring_redirect', 'heredoc_redirect']);

export function readRedirect(node: SyntaxNode, text: string): Redirect {
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
