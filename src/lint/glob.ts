/**
 * Glob matching in linear time: the one place the lint core and the review layer match globs.
 *
 * Patterns come from pull requests (`COPY` sources, `rm` targets, `.dockerignore` lines), so a matcher that
 * backtracks or expands braces can be made to run for minutes by a few dozen bytes. Here a pattern is compiled once
 * into a small nondeterministic automaton (one node per pattern character, give or take) and a path is matched by
 * moving the whole set of live nodes one character at a time: at most O(pattern × path) steps, never more, whatever
 * the pattern. Patterns longer than MAX_GLOB_LENGTH match nothing (no real path pattern is that long).
 *
 * Two dialects:
 * - `glob` (config `files.include`/`exclude`, and the rules' own matching): `*` and `?` within one path segment,
 *   `**` as a whole segment for any number of segments (`a/**` also matches `a`, `**\/a` also matches `a`; `**`
 *   inside a segment is `*`), `[abc]`, `[a-z]`, `[!a]`/`[^a]`, POSIX classes (`[[:digit:]]`), `{a,b}` alternatives
 *   (nested), `\` escapes. Dot files match like any other (`dot: true`). Not supported, read literally: extglobs
 *   (`+(a|b)`), numeric ranges (`{1..3}`), a leading `!` negation (callers that want it strip it themselves).
 * - `dockerignore` (Docker's pattern matcher, Go's filepath.Match plus `**`): `*`, `?`, `[...]` with `^` negation,
 *   `\` escapes; `**` anywhere matches any number of characters, `/` included, and a `/` right after it is part of
 *   it (`**\/x` is `x` or `…/x`); no braces.
 * In both, a character class never matches `/`.
 */
import { table } from './table.js';

/** Longest pattern compiled; a longer one matches nothing. */
export const MAX_GLOB_LENGTH = 4096;

export type GlobDialect = 'glob' | 'dockerignore';

export interface Glob {
  /** Whether the pattern matches the whole of `path`. */
  test(path: string): boolean;
  /** Whether the pattern matches `path` or one of its parent folders (`a` or `a/b` for `a/b/c`), in one pass. */
  testPathOrParent(path: string): boolean;
}

// Node kinds of the automaton. Consuming nodes step to `out`; SPLIT moves to `out` and `alt` without consuming.

const CHAR = 0;
const ANY = 1; // one character other than `/`
const CLASS = 2;
const SPLIT = 4;
const MATCH = 5;
const STAR = 6; // zero or more characters other than `/`: loops on itself, and moves on to `out` without consuming
const STARALL = 7; // zero or more characters of any kind

const SLASH = 47;

interface ClassSet {
  negated: boolean;
  /** Inclusive code ranges. */
  ranges: number[];
}

type Item =
  | { t: 'char'; c: number }
  | { t: 'any' }
  | { t: 'class'; set: ClassSet }
  | { t: 'star' }
  /** `(.*\/)?`: any number of leading folders. */
  | { t: 'dirs' }
  /** `(\/.*)?`: the folder itself or anything below it. */
  | { t: 'below' }
  /** `.*` */
  | { t: 'all' }
  | { t: 'alt'; seqs: Item[][] };

const POSIX: Record<string, [number, number][]> = table({
  alpha: [
    [65, 90],
    [97, 122],
  ],
  digit: [[48, 57]],
  alnum: [
    [48, 57],
    [65, 90],
    [97, 122],
  ],
  upper: [[65, 90]],
  lower: [[97, 122]],
  space: [
    [9, 13],
    [32, 32],
  ],
  blank: [
    [9, 9],
    [32, 32],
  ],
  xdigit: [
    [48, 57],
    [65, 70],
    [97, 102],
  ],
  word: [
    [48, 57],
    [65, 90],
    [95, 95],
    [97, 122],
  ],
  punct: [
    [33, 47],
    [58, 64],
    [91, 96],
    [123, 126],
  ],
});

/** The class starting at `p[i] === '['`, or null when it is not closed (then `[` is a literal). */
function parseClass(p: string, i: number, dialect: GlobDialect): { set: ClassSet; end: number } | null {
  let j = i + 1;
  let negated = false;
  if (p[j] === '^' || (p[j] === '!' && dialect === 'glob')) {
    negated = true;
    j++;
  }
  const ranges: number[] = [];
  let first = true;
  while (j < p.length) {
    const ch = p[j]!;
    if (ch === ']' && !first) return { set: { negated, ranges }, end: j + 1 };
    first = false;
    if (ch === '[' && p[j + 1] === ':') {
      const close = p.indexOf(':]', j + 2);
      const name = close > 0 ? p.slice(j + 2, close) : '';
      const posix = POSIX[name];
      if (posix) {
        for (const [a, b] of posix) ranges.push(a, b);
        j = close + 2;
        continue;
      }
    }
    let lo: number;
    if (ch === '\\' && j + 1 < p.length) {
      lo = p.charCodeAt(j + 1);
      j += 2;
    } else {
      lo = p.charCodeAt(j);
      j++;
    }
    let hi = lo;
    if (p[j] === '-' && j + 1 < p.length && p[j + 1] !== ']') {
      if (p[j + 1] === '\\' && j + 2 < p.length) {
        hi = p.charCodeAt(j + 2);
        j += 3;
      } else {
        hi = p.charCodeAt(j + 1);
        j += 2;
      }
    }
    if (hi >= lo) ranges.push(lo, hi);
  }
  return null;
}

/** The index of the `}` closing the brace at `p[i] === '{'`, when it holds a top-level `,`; else -1. */
function braceEnd(p: string, i: number): number {
  let depth = 0;
  let comma = false;
  for (let j = i; j < p.length; j++) {
    const ch = p[j];
    if (ch === '\\') j++;
    else if (ch === '{') depth++;
    else if (ch === '}') {
      depth--;
      if (depth === 0) return comma ? j : -1;
    } else if (ch === ',' && depth === 1) comma = true;
  }
  return -1;
}

/**
 * The items of `p[from, to)`. Braces recurse, but every character is read once per nesting level it sits in, and
 * brace ends are found once per brace: the scan is quadratic only in the nesting depth of a pattern under 4 KiB.
 */
function parse(p: string, from: number, to: number, dialect: GlobDialect): Item[] {
  const items: Item[] = [];
  let i = from;
  while (i < to) {
    const ch = p[i]!;
    if (ch === '\\' && i + 1 < to) {
      items.push({ t: 'char', c: p.charCodeAt(i + 1) });
      i += 2;
    } else if (ch === '?') {
      items.push({ t: 'any' });
      i++;
    } else if (ch === '[') {
      const cls = parseClass(p, i, dialect);
      if (cls && cls.end <= to) {
        items.push({ t: 'class', set: cls.set });
        i = cls.end;
      } else {
        items.push({ t: 'char', c: 91 });
        i++;
      }
    } else if (ch === '*') {
      let j = i;
      while (j < to && p[j] === '*') j++;
      if (j - i >= 2 && dialect === 'dockerignore') {
        // Docker: `**` then an optional `/`; at the end anything at all, elsewhere any leading folders
        if (p[j] === '/') j++;
        items.push(j >= to ? { t: 'all' } : { t: 'dirs' });
      } else if (j - i >= 2 && (i === from || p[i - 1] === '/') && (j === to || p[j] === '/')) {
        const prev = items[items.length - 1];
        if (j === to && i === from) items.push({ t: 'all' });
        else if (j === to && prev?.t === 'char' && prev.c === SLASH) {
          items.pop();
          items.push({ t: 'below' });
        } else if (j === to) items.push({ t: 'all' });
        else {
          items.push({ t: 'dirs' });
          j++; // the `/` is part of `**/`
        }
      } else items.push({ t: 'star' });
      i = j;
    } else if (ch === '{' && dialect === 'glob') {
      const end = braceEnd(p, i);
      if (end < 0 || end >= to) {
        items.push({ t: 'char', c: 123 });
        i++;
        continue;
      }
      const seqs: Item[][] = [];
      let start = i + 1;
      let depth = 0;
      for (let j = i + 1; j < end; j++) {
        const c = p[j];
        if (c === '\\') j++;
        else if (c === '{') depth++;
        else if (c === '}') depth--;
        else if (c === ',' && depth === 0) {
          seqs.push(parse(p, start, j, dialect));
          start = j + 1;
        }
      }
      seqs.push(parse(p, start, end, dialect));
      items.push({ t: 'alt', seqs });
      i = end + 1;
    } else {
      items.push({ t: 'char', c: p.charCodeAt(i) });
      i++;
    }
  }
  return items;
}

class Automaton {
  kind: number[] = [];
  out: number[] = [];
  alt: number[] = [];
  arg: number[] = [];
  classes: ClassSet[] = [];

  node(kind: number, out: number, alt = -1, arg = 0): number {
    this.kind.push(kind);
    this.out.push(out);
    this.alt.push(alt);
    this.arg.push(arg);
    return this.kind.length - 1;
  }

  /** The entry node of `items` followed by `next`, built back to front so that continuations are shared. */
  seq(items: readonly Item[], next: number): number {
    let at = next;
    for (let k = items.length - 1; k >= 0; k--) at = this.item(items[k]!, at);
    return at;
  }

  item(it: Item, next: number): number {
    switch (it.t) {
      case 'char':
        return this.node(CHAR, next, -1, it.c);
      case 'any':
        return this.node(ANY, next);
      case 'class':
        this.classes.push(it.set);
        return this.node(CLASS, next, -1, this.classes.length - 1);
      case 'star':
        return this.node(STAR, next);
      case 'all':
        return this.node(STARALL, next);
      case 'dirs': {
        // skip, or anything then a `/`
        const slash = this.node(CHAR, next, -1, SLASH);
        return this.node(SPLIT, next, this.node(STARALL, slash));
      }
      case 'below': {
        const slash = this.node(CHAR, this.node(STARALL, next), -1, SLASH);
        return this.node(SPLIT, next, slash);
      }
      case 'alt': {
        let at = this.seq(it.seqs[it.seqs.length - 1]!, next);
        for (let k = it.seqs.length - 2; k >= 0; k--) at = this.node(SPLIT, this.seq(it.seqs[k]!, next), at);
        return at;
      }
    }
  }
}

function inClass(set: ClassSet, c: number): boolean {
  if (c === SLASH) return false;
  let hit = false;
  for (let k = 0; k < set.ranges.length && !hit; k += 2) hit = c >= set.ranges[k]! && c <= set.ranges[k + 1]!;
  return hit !== set.negated;
}

const NOTHING: Glob = { test: () => false, testPathOrParent: () => false };

/** A pattern without any special character: plain string comparison. */
function literal(p: string): Glob {
  return {
    test: (path) => path === p,
    testPathOrParent: (path) => path === p || (path.startsWith(p) && path.charCodeAt(p.length) === SLASH),
  };
}

function isLiteral(p: string, dialect: GlobDialect): boolean {
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === '*' || c === '?' || c === '[' || c === '\\' || (c === '{' && dialect === 'glob')) return false;
  }
  return true;
}

/** Compiles `pattern` once; the result matches any number of paths. */
export function compileGlob(pattern: string, dialect: GlobDialect = 'glob'): Glob {
  if (pattern === '' || pattern.length > MAX_GLOB_LENGTH) return NOTHING;
  if (isLiteral(pattern, dialect)) return literal(pattern);
  const a = new Automaton();
  const accept = a.node(MATCH, -1);
  const start = a.seq(parse(pattern, 0, pattern.length, dialect), accept);
  const { classes } = a;
  const [kind, out, alt, arg] = [a.kind, a.out, a.alt, a.arg].map((v) => Int32Array.from(v)) as [
    Int32Array,
    Int32Array,
    Int32Array,
    Int32Array,
  ];
  const n = kind.length;
  // two lists of live nodes and, per node, the step it was last added at (no set to clear between steps)
  let cur = new Int32Array(n);
  let nxt = new Int32Array(n);
  const seen = new Int32Array(n);
  // a node is pushed at most once per edge into it: 2n + 1 bounds the pushes of one closure
  const stack = new Int32Array(2 * n + 2);
  let generation = 0;

  /** Adds `s` and every node reachable from it without consuming; returns the new length of `list`. */
  const add = (list: Int32Array, len: number, s: number): number => {
    let sp = 0;
    stack[sp++] = s;
    while (sp > 0) {
      const x = stack[--sp]!;
      if (seen[x] === generation) continue;
      seen[x] = generation;
      const k = kind[x]!;
      if (k === SPLIT) {
        if (seen[alt[x]!] !== generation) stack[sp++] = alt[x]!;
        if (seen[out[x]!] !== generation) stack[sp++] = out[x]!;
      } else {
        list[len++] = x;
        if ((k === STAR || k === STARALL) && seen[out[x]!] !== generation) stack[sp++] = out[x]!;
      }
    }
    return len;
  };

  const run = (path: string, parents: boolean): boolean => {
    if (generation > 0x3fffffff - path.length) {
      seen.fill(0);
      generation = 0;
    }
    generation++;
    let len = add(cur, 0, start);
    for (let i = 0; i < path.length; i++) {
      const c = path.charCodeAt(i);
      if (parents && c === SLASH) {
        for (let k = 0; k < len; k++) if (kind[cur[k]!] === MATCH) return true;
      }
      generation++;
      let nlen = 0;
      for (let k = 0; k < len; k++) {
        const x = cur[k]!;
        let y = -1;
        switch (kind[x]) {
          case CHAR:
            if (arg[x] === c) y = out[x]!;
            break;
          case ANY:
            if (c !== SLASH) y = out[x]!;
            break;
          case CLASS:
            if (inClass(classes[arg[x]!]!, c)) y = out[x]!;
            break;
          case STAR:
            if (c !== SLASH) y = x;
            break;
          case STARALL:
            y = x;
            break;
        }
        if (y < 0 || seen[y] === generation) continue;
        const ky = kind[y];
        // a node that only consumes needs no closure: the common case, kept out of `add`
        if (ky === CHAR || ky === ANY || ky === CLASS || ky === MATCH) {
          seen[y] = generation;
          nxt[nlen++] = y;
        } else nlen = add(nxt, nlen, y);
      }
      if (nlen === 0) return false;
      const swap = cur;
      cur = nxt;
      nxt = swap;
      len = nlen;
    }
    for (let k = 0; k < len; k++) if (kind[cur[k]!] === MATCH) return true;
    return false;
  };

  return { test: (path) => run(path, false), testPathOrParent: (path) => run(path, true) };
}
