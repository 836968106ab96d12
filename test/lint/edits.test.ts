import { describe, expect, it } from 'vitest';
import {
  appendToRun,
  assumeYesFix,
  deleteFlag,
  deleteInstruction,
  insertAfter,
  lineEnding,
  matchKeywordCase,
  replaceWord,
} from '../../src/lint/dockerfile/edits.js';
import { toolCommands } from '../../src/lint/dockerfile/run.js';
import { applyEdit, parse, useParser } from './dockerfile-helpers.js';

useParser();

describe('word edits', () => {
  it('inserts after a word and replaces one', () => {
    const m = parse('FROM debian\nRUN apt-get install x\n');
    const [c] = toolCommands(m, 'apt-get');
    const sub = c!.inv.args[0]!;
    expect(applyEdit(m, insertAfter(sub, ' -y'))).toBe('FROM debian\nRUN apt-get install -y x\n');
    expect(applyEdit(m, replaceWord(sub, 'remove'))).toBe('FROM debian\nRUN apt-get remove x\n');
  });
});

describe('matchKeywordCase', () => {
  it('writes the replacement in the case style of the keyword', () => {
    expect(matchKeywordCase('add', 'COPY')).toBe('copy');
    expect(matchKeywordCase('ADD', 'copy')).toBe('COPY');
    expect(matchKeywordCase('Add', 'COPY')).toBe('Copy');
  });
});

describe('deleteInstruction', () => {
  it('deletes the whole line with its newline', () => {
    const m = parse('FROM alpine\n  CMD a\nCMD b\n');
    expect(applyEdit(m, deleteInstruction(m, m.each('CMD')[0]!))).toBe('FROM alpine\nCMD b\n');
  });
  it('deletes the last line of a file without a final newline', () => {
    const m = parse('FROM alpine\nCMD a');
    expect(applyEdit(m, deleteInstruction(m, m.each('CMD')[0]!))).toBe('FROM alpine\n');
  });
});

describe('deleteFlag', () => {
  it('deletes the flag and the blanks after it', () => {
    const m = parse('FROM --platform=linux/amd64  alpine\n');
    const flag = m.instructions[0]!.flag('platform')!;
    expect(applyEdit(m, deleteFlag(m, flag))).toBe('FROM alpine\n');
  });
});

describe('lineEnding', () => {
  it('is CRLF when any line has it', () => {
    expect(lineEnding(parse('FROM a\r\nRUN b\n'))).toBe('\r\n');
    expect(lineEnding(parse('FROM a\nRUN b\n'))).toBe('\n');
  });
});

describe('appendToRun', () => {
  const append = (text: string): string | null => {
    const m = parse(text);
    const e = appendToRun(m.each('RUN')[0]!, 'x');
    return e ? applyEdit(m, e) : null;
  };
  it('appends `&& command` on a continuation line', () => {
    expect(append('FROM a\nRUN b\n')).toBe('FROM a\nRUN b \\\n    && x\n');
  });
  it('joins after a `;` without `&&`', () => {
    expect(append('FROM a\nRUN b;\n')).toBe('FROM a\nRUN b; \\\n    x\n');
  });
  it('adds a last line to a heredoc script', () => {
    expect(append('FROM a\nRUN <<EOF\nb\nEOF\n')).toBe('FROM a\nRUN <<EOF\nb\nx\nEOF\n');
  });
  it('gives up where the end is unsafe to edit', () => {
    expect(append('FROM a\nRUN ["b"]\n')).toBeNull();
    expect(append('FROM a\nRUN b # note\n')).toBeNull();
    expect(append('FROM a\nRUN b &&\n')).toBeNull();
    expect(append('FROM a\nRUN cat <<EOF\nb\nEOF\n')).toBeNull();
  });
});

describe('assumeYesFix', () => {
  it('adds `-y` after the word, unless the script has a syntax error', () => {
    const m = parse('FROM debian\nRUN apt-get install x\n');
    const [c] = toolCommands(m, 'apt-get');
    const fix = assumeYesFix(c!.script, c!.inv.args[0]!).fix!;
    expect(applyEdit(m, fix.edits[0]!)).toBe('FROM debian\nRUN apt-get install -y x\n');
    const bad = parse('FROM debian\nRUN apt-get install "x\n');
    const [d] = toolCommands(bad, 'apt-get');
    expect(assumeYesFix(d!.script, d!.inv.args[0]!)).toEqual({});
  });
});
