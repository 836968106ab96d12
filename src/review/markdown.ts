/**
 * Text from a pull request, made safe for the GitHub markdown of review comments and check-run summaries. A finding's
 * message is our prose with quotes of the file as code spans (`code()` in the lint core); everything outside those
 * spans may still hold the file's text (or a rule's raw interpolation), so it is escaped until nothing in it renders
 * live: no mention, link, image, HTML, notifying reference, heading or list.
 *
 * Two kinds of escape, because GitHub renders in two steps. The markdown parser honours a backslash before any ASCII
 * punctuation, which kills emphasis, links, images, HTML, entities, tables and math. Mentions, references and the
 * bare-URL autolinks are found afterwards in the rendered text, where a backslash is already gone: those are broken
 * by a ZERO WIDTH JOINER (U+200D) after `@`, after `#` before a digit, inside `://` and `www.`. It is invisible,
 * allows no line break where it stands (unlike a zero-width space, which would let `@` end one line and the name
 * start the next), and is not a character the mention, reference or autolink patterns accept, so they do not
 * match. An HTML comment (`@<!-- -->user`, the usual trick) would put HTML back in; a full-width `＠` changes what
 * a reader copies.
 *
 * Inside a code span GitHub renders nothing live, so code spans are kept as they are, found as CommonMark finds
 * them: a run of n backticks opens a span that only a run of exactly n backticks closes.
 */
import { code, CONTROL, longestBacktickRun } from '../lint/quote.js';

const ZWJ = '\u200d';

/** Longest message rendered; a longer one (never ours: an internal error's text) is cut. */
const MESSAGE_LIMIT = 4000;
/** A file path is quoted whole up to this length (the tables have room; a path rarely comes near). */
const PATH_LIMIT = 500;

/** Backslash-escaped outside code spans: what starts emphasis, links, images, HTML, entities, tables, math. */
const ESCAPED = new Set(['\\', '`', '*', '_', '[', ']', '<', '>', '&', '~', '|', '$']);

type Part = { code: false; text: string } | { code: true; text: string; fence: number };

/**
 * The message as code spans and the text between them, per CommonMark: an unmatched run of backticks is literal
 * text. Linear: each length's closing runs are looked up through a pointer that only moves forward.
 */
export function splitCodeSpans(s: string): Part[] {
  const runs: { start: number; length: number }[] = [];
  for (let i = 0; i < s.length;) {
    if (s.charCodeAt(i) !== 0x60) {
      i++;
      continue;
    }
    const start = i;
    while (i < s.length && s.charCodeAt(i) === 0x60) i++;
    runs.push({ start, length: i - start });
  }
  const byLength = new Map<number, number[]>();
  runs.forEach((r, k) => {
    const list = byLength.get(r.length);
    if (list) list.push(k);
    else byLength.set(r.length, [k]);
  });
  const next = new Map<number, number>();
  const parts: Part[] = [];
  let textFrom = 0;
  for (let k = 0; k < runs.length;) {
    const open = runs[k]!;
    const list = byLength.get(open.length)!;
    let p = next.get(open.length) ?? 0;
    while (p < list.length && list[p]! <= k) p++;
    next.set(open.length, p);
    if (p === list.length) {
      k++; // literal backticks: stay in the text
      continue;
    }
    const m = list[p]!;
    const close = runs[m]!;
    if (open.start > textFrom) parts.push({ code: false, text: s.slice(textFrom, open.start) });
    parts.push({
      code: true,
      text: s.slice(open.start + open.length, close.start),
      fence: open.length,
    });
    textFrom = close.start + close.length;
    k = m + 1;
  }
  if (textFrom < s.length) parts.push({ code: false, text: s.slice(textFrom) });
  return parts;
}

function isAlnum(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** Text outside code spans, escaped as the module comment says. */
function escapeText(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    const nextCode = s.charCodeAt(i + 1);
    if (ESCAPED.has(ch)) out += `\\${ch}`;
    else if (ch === '@' && isAlnum(nextCode))
      out += `@${ZWJ}`; // @user, @org/team, a@b.c, user@sha
    else if (ch === '#' && isDigit(nextCode))
      out += `#${ZWJ}`; // #1, org/repo#1
    else if (ch === ':' && s.startsWith('//', i + 1))
      out += `:${ZWJ}`; // http://…, ftp://…
    else if ((ch === 'w' || ch === 'W') && s.slice(i, i + 4).toLowerCase() === 'www.') {
      out += `${s.slice(i, i + 3)}${ZWJ}.`;
      i += 3;
    } else if (ch === '-' && i >= 2 && isDigit(nextCode) && s.slice(i - 2, i).toLowerCase() === 'gh')
      out += `-${ZWJ}`; // GH-1
    else out += ch;
  }
  return out;
}

/** Cut at `limit` characters, never inside a surrogate pair. */
function cut(s: string, limit: number): string {
  if (s.length <= limit) return s;
  let end = limit;
  const c = s.charCodeAt(end - 1);
  if (c >= 0xd800 && c <= 0xdbff) end--;
  return `${s.slice(0, end)}…`;
}

/**
 * A finding's message (or a fix's description) as one line of GitHub markdown that renders nothing live, its code
 * spans kept. Safe at the start of a line: a leading `#`, `-`, `+`, `=` or `1.` does not make a heading or a list.
 */
export function renderMessage(message: string): string {
  // line breaks and control characters become spaces: a message is one line, a paragraph of its own
  const folded = cut(message, MESSAGE_LIMIT).replace(CONTROL, ' ').trim();
  let out = '';
  for (const part of splitCodeSpans(folded)) {
    if (part.code) {
      const fence = '`'.repeat(part.fence);
      out += `${fence}${part.text}${fence}`;
    } else out += escapeText(part.text);
  }
  // what would start a block at the start of a line: ATX heading, list item, setext underline, ordered list
  if (/^[#+\-=]/.test(out)) return `\\${out}`;
  const ordered = /^\d{1,9}[.)]/.exec(out);
  if (ordered) {
    const at = ordered[0].length - 1;
    return `${out.slice(0, at)}\\${out.slice(at)}`;
  }
  return out;
}

/** A file path as a code span, whatever it holds. */
export function inlineCode(path: string): string {
  return code(path, PATH_LIMIT);
}

/**
 * Markdown for a GitHub table cell: a `|`, even inside a code span, ends the cell unless escaped (GitHub removes
 * the backslash before the span is read, so the span still shows the `|`).
 */
export function tableCell(markdown: string): string {
  return markdown.replace(/\|/g, '\\|');
}

/**
 * `text` as a fenced code block with `info` (```suggestion): the fence is one backtick longer than the longest run
 * of backticks in the text, at least three, so no line of the text can close it. GitHub reads a suggestion only
 * from a backtick fence, so tildes are not an option.
 */
export function fenced(text: string, info: string): string {
  const fence = '`'.repeat(Math.max(3, longestBacktickRun(text) + 1));
  return `${fence}${info}\n${text === '' ? '' : `${text}\n`}${fence}`;
}

/**
 * A message as plain text (check-run annotations, which GitHub shows unrendered): code spans lose their backticks
 * and keep their words, with CommonMark's one space of padding removed; control characters other than line breaks
 * are folded to spaces.
 */
export function plainText(message: string): string {
  let out = '';
  for (const part of splitCodeSpans(message)) {
    let t = part.text;
    if (part.code && t.length >= 2 && t.startsWith(' ') && t.endsWith(' ') && /[^ ]/.test(t))
      t = t.slice(1, -1);
    out += t;
  }
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  return out.replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g, ' ');
}
