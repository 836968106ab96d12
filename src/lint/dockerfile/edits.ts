/** Text edits that fixes make to a Dockerfile: words, flags, whole instructions, a command appended to a RUN. */
import type { FixProposal } from '../rule.js';
import type { DockerfileModel, Flag, Instruction } from './model.js';
import type { ShellScript, Word } from '../shell/parser.js';
import type { TextEdit } from '../types.js';

export function insertAfter(word: Word, text: string): TextEdit {
  return { start: word.end, end: word.end, text };
}

export function replaceWord(word: Word, text: string): TextEdit {
  return { start: word.start, end: word.end, text };
}

/** `replacement` written in the case style of `written` (`add` → `copy`, `Add` → `Copy`, `ADD` → `COPY`). */
export function matchKeywordCase(written: string, replacement: string): string {
  if (written === written.toLowerCase()) return replacement.toLowerCase();
  if (written === written.toUpperCase()) return replacement.toUpperCase();
  return replacement.charAt(0).toUpperCase() + replacement.slice(1).toLowerCase();
}

/**
 * An edit deleting an instruction's whole line(s), trailing newline included; only the instruction's own text when
 * something else shares its first or last line.
 */
export function deleteInstruction(model: DockerfileModel, ins: Instruction): TextEdit {
  const text = model.source.text;
  let start = ins.span.start;
  while (start > 0 && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
  let end = ins.span.end;
  while (end < text.length && (text[end] === ' ' || text[end] === '\t' || text[end] === '\r')) end++;
  const wholeLines = (start === 0 || text[start - 1] === '\n') && (end === text.length || text[end] === '\n');
  if (!wholeLines) return { start: ins.span.start, end: ins.span.end, text: '' };
  return { start, end: end < text.length ? end + 1 : end, text: '' };
}

/** The line ending the file uses (`\r\n` when any line has it). */
export function lineEnding(model: DockerfileModel): string {
  // asked per fix: scanning a large file each time would be quadratic
  let eol = eolCache.get(model);
  if (eol === undefined) eolCache.set(model, (eol = model.source.text.includes('\r\n') ? '\r\n' : '\n'));
  return eol;
}
const eolCache = new WeakMap<DockerfileModel, string>();

/**
 * An edit that appends `command` as the last command of a RUN: `<escape><newline>    && command` after a shell-form
 * RUN's text, or a last line of a `RUN <<EOF` script. Null when that cannot be done safely (exec form, a trailing
 * comment, a heredoc that is only stdin of the command, a RUN ending in an operator, a shell syntax error).
 */
export function appendToRun(ins: Instruction, command: string): TextEdit | null {
  const model = ins.model;
  const text = model.source.text;
  const script = ins.shell;
  // a script the shell parser could not read (an unterminated quote…) may swallow what is appended
  if (ins.keyword !== 'RUN' || ins.json || !script || script.hasError || !ins.argsSpan) return null;
  const eol = lineEnding(model);
  if (ins.heredocs.length > 0) {
    const body = ins.heredocs[0]!;
    // only when the RUN's script is the heredoc itself (`RUN <<EOF`), not stdin of a command on the first line
    if (ins.heredocs.length !== 1 || script.toFile(0) !== body.contentSpan.start) return null;
    return { start: body.contentSpan.end, end: body.contentSpan.end, text: `${eol}${command}` };
  }
  const end = ins.argsSpan.end;
  const lastEnd = script.commands.reduce((m, c) => Math.max(m, c.end), ins.argsSpan.start);
  const tail = text.slice(lastEnd, end);
  if (tail.includes('#')) return null;
  // only the blanks the shell splits on: trimEnd() would also drop a BOM or a no-break space glued to the last word
  const trimmed = text.slice(ins.argsSpan.start, end).replace(/[ \t\r\n]+$/, '');
  if (/(&&|\|\||\||\\)$/.test(trimmed) || (trimmed.endsWith('&') && !trimmed.endsWith('&&'))) return null;
  const at = ins.argsSpan.start + trimmed.length;
  // a `;` operator lies after the last command; an escaped `\;` is part of its last word and joins nothing
  const join = /(^|[^\\])(\\\\)*;[ \t\r\n]*$/.test(tail) ? '' : '&& ';
  return { start: at, end: at, text: ` ${model.escape}${eol}    ${join}${command}` };
}

/** An edit deleting a flag (`--platform=linux/amd64`) and the blanks after it, keeping the rest of the line. */
export function deleteFlag(model: DockerfileModel, flag: Flag): TextEdit {
  const text = model.source.text;
  let end = flag.span.end;
  while (text[end] === ' ' || text[end] === '\t') end++;
  return { start: flag.span.start, end, text: '' };
}

/**
 * The fix adding `-y` after a subcommand word; none when the shell parser met a syntax error in the script: its
 * error recovery can drop the inserted word (`install -y<< x`, an unterminated here-document), so the fixed file
 * would still be reported.
 */
export function assumeYesFix(script: ShellScript, after: Word): { fix?: FixProposal } {
  return script.hasError ? {} : { fix: { description: 'add `-y`', edits: [insertAfter(after, ' -y')] } };
}
