/**
 * A reader for "plain" shell scripts, the ones most RUN bodies are (`apt-get update && apt-get install -y curl`,
 * `apk add curl=8.9.1-r0`, `CMD node server.js`): for a script inside a deliberately small subset of the shell it
 * returns the very tree `materialise(parser.parse(text), text)` gives for it, and null for anything else, which
 * then goes to tree-sitter. A lint whose every script is plain never loads the WASM parser (about 65 ms of a CLI
 * start). The subset is what the property tests (test/shell-plain*.test.ts) prove equal to tree-sitter's tree over
 * the corpus and over generated scripts, near-misses included:
 *
 * - statements separated by `;` or newlines, each an and-or list (`&&`, `||`) of pipelines (`|`);
 * - simple commands: `NAME=value` prefixes, a command name, arguments;
 * - words made of safe characters (letters, digits, `_ . / : @ % + , = - ~`), `'…'` on one line, `"…"` on one
 *   line holding safe characters, spaces, tabs and `$NAME`/`${NAME}`, `$NAME`/`${NAME}` alone, and any
 *   concatenation of those pieces.
 *
 * Anything else (comments, redirects, heredocs, globs, escapes, substitutions, `&`, subshells, keywords, non-ASCII…)
 * is refused. One pass over the characters, no regular expression, no backtracking: quoted pull-request text is
 * read in linear time, and the input is capped besides.
 */
import type { SyntaxNode } from './syntax-tree.js';

/** Longer scripts go to tree-sitter: plain ones are short, and this bounds the work on hostile input. */
export const PLAIN_MAX_LENGTH = 16_384;
/**
 * tree-sitter nests `a && b && c` to the left, one level per operator, and the materialised tree stops at 256
 * levels (syntax-tree.ts): long chains are left to it so the depth cut-off stays the same.
 */
const MAX_AND_OR = 100;

/** Command names tree-sitter-bash reads as syntax or as declaration commands rather than as a command. */
const RESERVED = new Set([
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

const enum C {
  Tab = 9,
  Newline = 10,
  Space = 32,
  Quote = 34,
  Dollar = 36,
  Amp = 38,
  Apostrophe = 39,
  Semicolon = 59,
  Equals = 61,
  LeftBrace = 123,
  Pipe = 124,
  RightBrace = 125,
}

/** Characters a plain (unquoted) word may hold. */
function isSafe(c: number): boolean {
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
    c === C.Equals ||
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
function isCommandChar(c: number): boolean {
  return isNameChar(c) || c === 46 || c === 47 || c === 45; // . / -
}

function isNameStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}

function isNameChar(c: number): boolean {
  return isNameStart(c) || (c >= 48 && c <= 57);
}

function node(
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
function isNumber(text: string, start: number, end: number): boolean {
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

/** Thrown inside the reader to refuse a script; caught by `readPlain`, never escapes it. */
class NotPlain extends Error {}
const REFUSE = new NotPlain();

/**
 * The tree tree-sitter-bash gives `text`, when the script is plain; null otherwise. Never throws.
 */
export function readPlain(text: string): SyntaxNode | null {
  if (text.length > PLAIN_MAX_LENGTH) return null;
  try {
    return new Reader(text).program();
  } catch (err) {
    if (err === REFUSE) return null;
    throw err;
  }
}

/** True when `readPlain` takes the script: the CLI then needs no tree-sitter for it. */
export function isPlainShell(text: string): boolean {
  return readPlain(text) !== null;
}

class Reader {
  private i = 0;
  /** The statement being read holds a pipeline of three or more commands. */
  private long = false;

  constructor(private readonly text: string) {}

  private at(): number {
    return this.i < this.text.length ? this.text.charCodeAt(this.i) : -1;
  }

  /** Skips spaces and tabs; with `newlines`, line breaks too. */
  private blank(newlines: boolean): void {
    for (;;) {
      const c = this.at();
      if (c === C.Space || c === C.Tab || (newlines && c === C.Newline)) this.i++;
      else return;
    }
  }

  program(): SyntaxNode {
    const children: SyntaxNode[] = [];
    this.blank(true);
    const start = this.i;
    if (this.i >= this.text.length) throw REFUSE;
    while (this.i < this.text.length) {
      this.long = false;
      children.push(this.statement());
      this.blank(false);
      const c = this.at();
      // tree-sitter-bash carries a pipeline of three or more commands on over a line break (`a | b | c` newline
      // `d && e` becomes one pipeline): such a statement must end the script or a `;`
      if (this.long && c === C.Newline) throw REFUSE;
      if (c === C.Semicolon) {
        if (this.text.charCodeAt(this.i + 1) === C.Semicolon) throw REFUSE; // `;;` is case syntax
        children.push(node(';', false, this.i, this.i + 1));
        this.i++;
        this.blank(true);
      } else if (c === C.Newline) this.blank(true);
      else if (c !== -1) throw REFUSE;
    }
    return node('program', true, start, this.text.length, children);
  }

  /** An and-or list of pipelines, nested to the left as tree-sitter nests it. */
  private statement(): SyntaxNode {
    let left = this.pipeline();
    let operators = 0;
    for (;;) {
      this.blank(false);
      const c = this.at();
      const next = this.text.charCodeAt(this.i + 1);
      const op = c === C.Amp && next === C.Amp ? '&&' : c === C.Pipe && next === C.Pipe ? '||' : null;
      if (op === null) {
        if (c === C.Amp) throw REFUSE; // `&` alone: a background job
        return left;
      }
      // tree-sitter reads `a | b | c && d` as `a | (b | c && d)`: a first pipeline of three or more commands
      // followed by `&&`/`||` is left to it
      if (operators === 0 && left.type === 'pipeline' && left.children.length > 3) throw REFUSE;
      if (++operators > MAX_AND_OR) throw REFUSE;
      const opNode = node(op, false, this.i, this.i + 2);
      this.i += 2;
      this.blank(true);
      const right = this.pipeline();
      left = node('list', true, left.start, right.end, [left, opNode, right]);
    }
  }

  private pipeline(): SyntaxNode {
    const first = this.command();
    const children = [first];
    for (;;) {
      this.blank(false);
      if (this.at() !== C.Pipe) break;
      const next = this.text.charCodeAt(this.i + 1);
      if (next === C.Pipe) break; // `||`
      if (next === C.Amp) throw REFUSE; // `|&`
      children.push(node('|', false, this.i, this.i + 1));
      this.i++;
      this.blank(true);
      children.push(this.command());
    }
    if (children.length === 1) return first;
    if (children.length > 3) this.long = true;
    return node('pipeline', true, first.start, children[children.length - 1]!.end, children);
  }

  /** `NAME=value… name args…`. */
  private command(): SyntaxNode {
    const children: SyntaxNode[] = [];
    const start = this.i;
    let named = false;
    for (;;) {
      const c = this.at();
      if (c === -1 || c === C.Space || c === C.Tab || c === C.Newline) break;
      if (c === C.Semicolon || c === C.Pipe || c === C.Amp) break;
      if (!named) {
        const assignment = this.assignment();
        if (assignment) children.push(assignment);
        else {
          const word = this.word();
          // a command name must be an ordinary word: `1`, `$CMD`, `"x"` or `--x` read differently or not at all
          if (word.type !== 'word') throw REFUSE;
          if (this.text.charCodeAt(word.start) === 45) throw REFUSE; // `-x`
          const name = this.text.slice(word.start, word.end);
          for (let k = 0; k < name.length; k++) if (!isCommandChar(name.charCodeAt(k))) throw REFUSE;
          // a reserved word is a token of its own even written against punctuation (`time@x`, `done.sh`)
          let letters = 0;
          while (letters < name.length && isNameStart(name.charCodeAt(letters))) letters++;
          const next = letters < name.length ? name.charCodeAt(letters) : -1;
          if (!isNameChar(next) && RESERVED.has(name.slice(0, letters))) throw REFUSE;
          children.push(node('command_name', true, word.start, word.end, [word]));
          named = true;
        }
      } else children.push(this.word());
      this.blank(false);
    }
    if (!named) throw REFUSE; // a bare assignment (`A=1`) or nothing at all
    return node('command', true, start, children[children.length - 1]!.end, children);
  }

  /** `NAME=value` before the command name, or null (nothing consumed) when the word is not one. */
  private assignment(): SyntaxNode | null {
    const text = this.text;
    const start = this.i;
    if (!isNameStart(this.at())) return null;
    let j = start + 1;
    while (j < text.length && isNameChar(text.charCodeAt(j))) j++;
    // `_` is a special parameter to tree-sitter-bash: `_=x cmd` is a command named `_=x`
    if (j === start + 1 && text.charCodeAt(start) === 95) throw REFUSE;
    if (text.charCodeAt(j) !== C.Equals) {
      // `a+=b`, `a[0]=b` and such: not a plain assignment, and not to be read as a command name either
      for (let k = j; k < text.length; k++) {
        const c = text.charCodeAt(k);
        if (c === C.Equals) throw REFUSE;
        if (!isSafe(c)) break;
      }
      return null;
    }
    const children = [node('variable_name', true, start, j), node('=', false, j, j + 1)];
    this.i = j + 1;
    const c = this.at();
    if (c !== -1 && c !== C.Space && c !== C.Tab && c !== C.Newline && c !== C.Semicolon) {
      if (c === C.Pipe || c === C.Amp) throw REFUSE;
      children.push(this.word());
    } else if (c !== C.Space && c !== C.Tab) throw REFUSE; // `A=` must be followed by more of the command
    return node('variable_assignment', true, start, this.i, children);
  }

  /** One shell word: a single piece, or a concatenation of pieces written against each other. */
  private word(): SyntaxNode {
    const pieces: SyntaxNode[] = [];
    const start = this.i;
    let awkward = false;
    let expanded = false;
    for (;;) {
      const c = this.at();
      if (c === -1 || c === C.Space || c === C.Tab || c === C.Newline) break;
      if (c === C.Semicolon || c === C.Pipe || c === C.Amp) break;
      if (c === C.Apostrophe) {
        pieces.push(this.rawString());
        awkward = true;
      } else if (c === C.Quote) {
        pieces.push(this.string());
        awkward = true;
      } else if (c === C.Dollar) {
        // tree-sitter-bash misreads a `$` after another expansion or a quoted piece of the same word (`$A$B`,
        // `$A/x$B`, `'a'$B`, `${A}${B}$C`: that `$` becomes a token of its own); only `${A}${B}` is safe
        const expansion = this.expansion();
        if (awkward || (expansion.type === 'simple_expansion' && expanded)) throw REFUSE;
        awkward = expansion.type === 'simple_expansion';
        expanded = true;
        pieces.push(expansion);
      } else if (isSafe(c)) pieces.push(this.bare());
      else throw REFUSE;
    }
    if (pieces.length === 0) throw REFUSE;
    if (pieces.length === 1) return pieces[0]!;
    return node('concatenation', true, start, this.i, pieces);
  }

  /** A run of safe characters: a `word`, or a `number` when it is all digits. */
  private bare(): SyntaxNode {
    const start = this.i;
    while (isSafe(this.at())) this.i++;
    // `==` and `=~` are operator tokens to tree-sitter-bash even among a command's arguments
    if (this.text.charCodeAt(start) === C.Equals) {
      const next = this.text.charCodeAt(start + 1);
      if (next === C.Equals || next === 126) throw REFUSE;
    }
    if (isNumber(this.text, start, this.i)) return node('number', true, start, this.i);
    return node('word', true, start, this.i);
  }

  /** `'…'` on one line. */
  private rawString(): SyntaxNode {
    const start = this.i++;
    for (;;) {
      const c = this.at();
      if (c === C.Apostrophe) break;
      // printable ASCII only: no line breaks, controls or non-ASCII inside
      if (c < C.Space || c > 126) throw REFUSE;
      this.i++;
    }
    this.i++;
    return node('raw_string', true, start, this.i);
  }

  /** `"…"` on one line, holding safe characters, spaces, tabs and simple expansions. */
  private string(): SyntaxNode {
    const start = this.i++;
    const children = [node('"', false, start, start + 1)];
    let content = -1;
    let simple = false;
    let solid = false;
    const flush = (): void => {
      // tree-sitter-bash drops a run of only spaces and tabs between the quotes and the expansions (`"  "`,
      // `"$X "`), or folds it into the expansion after it (`" $X"`): left to it
      if (content >= 0 && !solid) throw REFUSE;
      if (content >= 0) children.push(node('string_content', true, content, this.i));
      content = -1;
      solid = false;
    };
    for (;;) {
      const c = this.at();
      if (c === C.Quote) break;
      if (c === C.Dollar) {
        flush();
        if (simple) throw REFUSE; // as in `word`
        const expansion = this.expansion();
        simple = expansion.type === 'simple_expansion';
        children.push(expansion);
      } else if (isSafe(c) || c === C.Space || c === C.Tab) {
        if (content < 0) content = this.i;
        if (c !== C.Space && c !== C.Tab) solid = true;
        this.i++;
      } else throw REFUSE;
    }
    flush();
    children.push(node('"', false, this.i, this.i + 1));
    this.i++;
    return node('string', true, start, this.i, children);
  }

  /** `$NAME` or `${NAME}`. */
  private expansion(): SyntaxNode {
    const start = this.i++;
    const braced = this.at() === C.LeftBrace;
    if (braced) this.i++;
    if (!isNameStart(this.at())) throw REFUSE;
    while (isNameChar(this.at())) this.i++;
    if (!braced) return node('simple_expansion', true, start, this.i);
    if (this.at() !== C.RightBrace) throw REFUSE;
    this.i++;
    return node('expansion', true, start, this.i);
  }
}
