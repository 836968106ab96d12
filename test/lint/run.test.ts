import { describe, expect, it } from 'vitest';
import {
  argsOf,
  beforeDoubleDash,
  commandsByRun,
  groupByRun,
  runCommands,
  subcommand,
  subcommandCalls,
  thisRun,
  toolCommands,
} from '../../src/lint/dockerfile/run.js';
import { parse, useParser } from './dockerfile-helpers.js';

useParser();

describe('runCommands', () => {
  it('lists every command of every POSIX-shell RUN, ONBUILD RUN included, in file order', () => {
    const m = parse('FROM alpine\nRUN a && b | c\nONBUILD RUN d\nRUN ["e", "x"]\n');
    expect(runCommands(m).map((c) => c.inv.tool)).toEqual(['a', 'b', 'c', 'd']);
    expect(runCommands(m)).toBe(runCommands(m));
  });
  it('skips RUNs under a non-POSIX SHELL', () => {
    const m = parse('FROM mcr.microsoft.com/windows\nSHELL ["powershell", "-Command"]\nRUN Get-Item x\n');
    expect(runCommands(m)).toEqual([]);
  });
  it('sees the tool through sudo and env', () => {
    const m = parse('FROM debian\nRUN sudo apt-get install -y x && env A=1 pip install y\n');
    expect(toolCommands(m, 'apt-get', 'pip').map((c) => c.inv.tool)).toEqual(['apt-get', 'pip']);
  });
});

describe('argsOf and subcommand', () => {
  it('parses once per invocation, with the tool flag grammar', () => {
    const m = parse('FROM debian\nRUN apt-get -o Debug=1 -y install curl\n');
    const [c] = toolCommands(m, 'apt-get');
    const args = argsOf(c!.inv);
    expect(argsOf(c!.inv)).toBe(args);
    expect(subcommand(args)).toBe('install');
    expect(args.has('-y')).toBe(true);
  });
});

describe('subcommandCalls', () => {
  it("keeps each tool's commands whose sub-command is listed for it, with the sub-command word", () => {
    const m = parse(
      'FROM debian:12\nRUN apt-get -y install curl && apt-get update && apk add x && pip install y\nRUN zypper in z\n',
    );
    const calls = subcommandCalls(m, {
      'apt-get': ['install'],
      apk: new Set(['add', 'del']),
      zypper: ['install'],
    });
    expect(calls.map((c) => [c.inv.tool, c.sub.value, c.instruction.line])).toEqual([
      ['apt-get', 'install', 2],
      ['apk', 'add', 2],
    ]);
    expect(calls[0]!.args.has('-y')).toBe(true);
    expect(subcommandCalls(m, {})).toEqual([]);
  });
});

describe('groupByRun', () => {
  it('groups commands per RUN in file order', () => {
    const m = parse('FROM alpine\nRUN a && b\nRUN c\n');
    const groups = [...groupByRun(runCommands(m)).values()].map((l) => l.map((c) => c.inv.tool));
    expect(groups).toEqual([['a', 'b'], ['c']]);
  });
});

describe('commandsByRun', () => {
  it("groups every POSIX RUN's commands per instruction, ONBUILD RUN included", () => {
    const m = parse('FROM alpine\nRUN a && b\nCMD c\nONBUILD RUN d\nRUN e | f\n');
    const groups = [...commandsByRun(m)].map(([ins, l]) => [ins.line, l.map((c) => c.inv.tool)]);
    expect(groups).toEqual([
      [2, ['a', 'b']],
      [4, ['d']],
      [5, ['e', 'f']],
    ]);
  });
});

describe('beforeDoubleDash', () => {
  it('keeps the words before a bare `--`', () => {
    const m = parse('FROM ruby\nRUN gem install rails -- --with-x\n');
    const [c] = toolCommands(m, 'gem');
    const words = beforeDoubleDash(c!.inv, c!.inv.args).map((w) => w.value);
    expect(words).toEqual(['install', 'rails']);
  });
});

describe('thisRun', () => {
  it('names an ONBUILD RUN as such', () => {
    const m = parse('FROM alpine\nRUN a\nONBUILD RUN b\n');
    expect(runCommands(m).map((c) => thisRun(c.instruction))).toEqual(['this RUN', 'this ONBUILD RUN']);
  });
});
