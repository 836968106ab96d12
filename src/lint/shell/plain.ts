/**
 * A reader for "plain" shell scripts, the ones most RUN bodies are (`apt-get update && apt-get install -y curl`,
 * `apk add curl=8.9.1-r0`, `CMD node server.js`): for a script inside a deliberately small subset of the shell it
 * returns the very tree `materialise(parser.parse(text), text)` gives for it, and null for anything else, which
 * then goes to tree-sitter. A lint whose every script is plain never loads the WASM parser (about 65 ms of a CLI
 * start). The subset is what the property tests (test/shell-plain*.test.ts) prove equal to tree-sitter's tree over
 * the corpus and over generated scripts, near-misses included:
 *
 * - statements separated by `;` or newlines, each an and-or list (`&&`, `||`) of pipelines (`|`);
 * - simple commands: `NAME=value` prefixes, a command name, arguments, then redirects: `>`, `>>`, `<` with a word
 *   (`> /dev/null`, `>> /etc/x.conf`, `< in`), `>&1`, `>&2`, each maybe after a file descriptor `1` or `2`
 *   (`2>&1`, `2> err`);
 * - words made of safe characters (letters, digits, `_ . / : @ % + , = - ~`), `'…'` on one line, `"…"` on one
 *   line holding safe characters, spaces, tabs and `$NAME`/`${NAME}`, `$NAME`/`${NAME}` alone, and any
 *   concatenation of those pieces.
 *
 * Anything else (comments, other redirects, heredocs, globs, escapes, substitutions, `&`, subshells, keywords,
 * non-ASCII…) is refused. One pass over the characters, no regular expression, no backtracking: quoted pull-request
 * text is read in linear time, and the input is capped besides.
 */
import type { SyntaxNode } from './syntax-tree.js';
import {
  isCommandChar,
  isDigit,
  isNameChar,
  isNameStart,
  isNumber,
  isSafe,
  node,
  RESERVED,
} from './plain-lex.js';

/** Longer scripts go to tree-sitter: plain ones are short, and this bounds the work on hostile input. */
export const PLAIN_MAX_LENGTH = 16_384;
/**
 * tree-sitter nests `a && b && c` to the left, one level per operator, and the materialised tree stops at 256
 * levels (syntax-tree.ts): long chains are left to it so the depth cut-off stays the same.
 */
const MAX_AND_OR = 100;

const enum C {
  Tab = 9,
  Newline = 10,
  Space = 32,
  Quote = 34,
  Dollar = 36,
  Amp = 38,
  Apostrophe = 39,
  Semicolon = 59,
  Less = 60,
  Equals = 61,
  Greater = 62,
  LeftBrace = 123,
  Pipe = 124,
  RightBrace = 125,
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

  /**
   * An and-or list of pipelines, nested to the left as tree-sitter nests it. Redirects after a command hang, in
   * tree-sitter's tree, on everything of the statement read so far (`a && b | c > f` redirects the whole list, see
   * parser.ts's `buildScript`), which then goes on as the first command of a new pipeline (`a | b > f | c`).
   */
  private statement(): SyntaxNode {
    let left: SyntaxNode | null = null;
    let op: SyntaxNode | null = null;
    let pipe: SyntaxNode[] = [];
    let levels = 0;
    /** A redirect hangs on a pipeline of three or more commands: nothing may follow in the statement. */
    let sealed = false;
    let wrapped = false;
    /** The pipeline read so far joined to the list before it. */
    const close = (): SyntaxNode => {
      let current = pipe[0]!;
      if (pipe.length > 1) {
        current = node('pipeline', true, current.start, pipe[pipe.length - 1]!.end, pipe);
        if (pipe.length > 3) this.long = true;
      }
      if (left === null || op === null) return current;
      return node('list', true, left.start, current.end, [left, op, current]);
    };
    for (;;) {
      const redirects: SyntaxNode[] = [];
      pipe.push(this.command(redirects));
      this.blank(false);
      if (redirects.length > 0) {
        if (++levels > MAX_AND_OR) throw REFUSE;
        const body = close();
        const end = redirects[redirects.length - 1]!.end;
        pipe = [node('redirected_statement', true, body.start, end, [body, ...redirects])];
        left = op = null;
        // tree-sitter reads `a | b | c > f | d && e` otherwise (its `a | b | c && d` quirk, see below): left to it
        sealed = this.long;
        wrapped = true;
      }
      const c = this.at();
      const next = this.text.charCodeAt(this.i + 1);
      if (c === C.Pipe && next !== C.Pipe) {
        if (next === C.Amp || sealed) throw REFUSE; // `|&`, or after a sealed redirect
        pipe.push(node('|', false, this.i, this.i + 1));
        this.i++;
        this.blank(true);
        continue;
      }
      const type = c === C.Amp && next === C.Amp ? '&&' : c === C.Pipe && next === C.Pipe ? '||' : null;
      if (type === null) {
        if (c === C.Amp) throw REFUSE; // `&` alone: a background job
        return close();
      }
      // tree-sitter reads `a | b | c && d` as `a | (b | c && d)`: a first pipeline of three or more commands
      // followed by `&&`/`||` is left to it, as is one anywhere after a redirect (`a > f && b | c | d && e`)
      if ((left === null || wrapped) && pipe.length > 3) throw REFUSE;
      if (sealed) throw REFUSE;
      if (++levels > MAX_AND_OR) throw REFUSE;
      left = close();
      op = node(type, false, this.i, this.i + 2);
      pipe = [];
      this.i += 2;
      this.blank(true);
    }
  }

  /**
   * `NAME=value… name args… redirects…`; the redirects go to `redirects`. A word after a redirect is read by
   * tree-sitter as part of the redirect (`a > f x`): left to it, as are redirects before the command name.
   */
  private command(redirects: SyntaxNode[]): SyntaxNode {
    const children: SyntaxNode[] = [];
    const start = this.i;
    let named = false;
    for (;;) {
      const c = this.at();
      if (c === -1 || c === C.Space || c === C.Tab || c === C.Newline) break;
      if (c === C.Semicolon || c === C.Pipe || c === C.Amp) break;
      if (named && this.redirectAhead()) {
        // tree-sitter drops a `-` argument written just before a file descriptor (`cat - 2>err`)
        const last = children[children.length - 1]!;
        const dash = last.end === last.start + 1 && this.text.charCodeAt(last.start) === 45;
        if (dash && redirects.length === 0 && isDigit(this.at())) throw REFUSE;
        redirects.push(this.redirect());
      } else if (redirects.length > 0) throw REFUSE;
      else if (!named) {
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

  /** A redirect starts here: `>`, `<`, or a file descriptor written against `>` (`2>`). */
  private redirectAhead(): boolean {
    const c = this.at();
    if (c === C.Greater || c === C.Less) return true;
    let j = this.i;
    while (j < this.text.length && isDigit(this.text.charCodeAt(j))) j++;
    return j > this.i && (this.text.charCodeAt(j) === C.Greater || this.text.charCodeAt(j) === C.Less);
  }

  /**
   * `>` `>>` `<` with a word, and `>&1`/`>&2`, each after an optional file descriptor `1` or `2` (`2>&1`,
   * `2>/dev/null`). tree-sitter reads `0<f` as an argument `0` and `<f`, `<>`, `>|`, `&>`, `<<`, `<<<` and `>&-`
   * each its own way: all refused, as is a line break before the target.
   */
  private redirect(): SyntaxNode {
    const start = this.i;
    const children: SyntaxNode[] = [];
    let c = this.at();
    if (c !== C.Greater && c !== C.Less) {
      // one digit, and only before `>`: `0<f`, `10>f` and `3>f` are not what scripts here write
      if ((c !== 49 && c !== 50) || this.text.charCodeAt(this.i + 1) !== C.Greater) throw REFUSE;
      children.push(node('file_descriptor', true, this.i, this.i + 1));
      c = this.text.charCodeAt(++this.i);
    }
    const next = this.text.charCodeAt(this.i + 1);
    const type = c === C.Less ? '<' : next === C.Greater ? '>>' : next === C.Amp ? '>&' : '>';
    children.push(node(type, false, this.i, this.i + type.length));
    this.i += type.length;
    if (type !== '>&') this.blank(false);
    const target = this.word();
    if (type === '>&') {
      // `>&1`, `>&2` only: `>&-`, `>&10`, `>& f` and `>&$X` are left to tree-sitter
      const digit = this.text.charCodeAt(target.start);
      if (target.type !== 'number' || target.end !== target.start + 1 || (digit !== 49 && digit !== 50))
        throw REFUSE;
    }
    children.push(target);
    return node('file_redirect', true, start, this.i, children);
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
