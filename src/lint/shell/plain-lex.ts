/** The character classes and tokens of the plain shell reader (./plain.ts), kept apart to keep the reader short. */
import type { SyntaxNode } from './syntax-tree.js';

/** Command names tree-sitter-bash reads as syntax or as declaration commands rather than as a command. */
export const RESERVED = new Set([
  'if',
  'then',
  'else',
  'elif',
  'fi',
  'case',
  'esac',
  'for',
  'select',
  'while',
  'until',
  'do',
  'done',
  'in',
  'function',
  'time',
  'coproc',
  'declare',
  'typeset',
  'export',
  'readonly',
  'local',
  'unset',
  'unsetenv',
]);

/** Characters a plain (unquoted) word may hold. */
export function isSafe(c: number): boolean {
  return (
    (c >= 97 && c <= 122) || // a-z
    (c >= 65 && c <= 90) || // A-Z
    (c >= 48 && c <= 57) || // 0-9
    c === 95 || // _
    c === 46 || // .
    c === 47 || // /
    c === 58 || // :
    c === 64 || // @
    c === 37 || // %
    c === 43 || // +
    c === 44 || // ,
    c === 61 || // =
    c === 45 || // -
    c === 126 || // ~
    // glob characters: tree-sitter-bash keeps them inside the word
    c === 42 || // *
    c === 63 // ?
  );
}

/**
 * Characters a plain command name may hold: tree-sitter-bash fails on `a%b`, `do@x` or `a+:` as a command name, and
 * reads `*`, `?`, `=` and `~` there in ways of its own.
 */
export function isCommandChar(c: number): boolean {
  return isNameChar(c) || c === 46 || c === 47 || c === 45; // . / -
}

export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

export function isNameStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}

export function isNameChar(c: number): boolean {
  return isNameStart(c) || (c >= 48 && c <= 57);
}

export function node(
  type: string,
  named: boolean,
  start: number,
  end: number,
  children: SyntaxNode[] = [],
): SyntaxNode {
  return { type, named, start, end, children };
}

/**
 * `-?(0x)?[0-9]+`: tree-sitter-bash's `number` token (its `#base` form holds a `#`, refused anyway), which wins over
 * `word` when it covers the whole piece.
 */
export function isNumber(text: string, start: number, end: number): boolean {
  let i = start;
  if (text.charCodeAt(i) === 45) i++;
  if (text.charCodeAt(i) === 48 && text.charCodeAt(i + 1) === 120) i += 2; // 0x
  if (i >= end) return false;
  for (; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}
