import { describe, expect, it } from 'vitest';
import {
  baseKind,
  effectiveUser,
  builderOnly,
  firstInStage,
  floatingBaseGrade,
  imageStages,
  fromArgDefault,
  fromRef,
  imageChain,
  imageLabels,
  inShippedImage,
  isRootUser,
  overriddenInstructions,
  reportOverridden,
  rootStage,
  shippedInstructions,
  shippedStages,
  stageChain,
  stageCopies,
  stageLabel,
  userOf,
} from '../../src/lint/dockerfile/stages.js';
import type { Instruction } from '../../src/lint/dockerfile/model.js';
import type { Report } from '../../src/lint/rule.js';
import { parse, useParser } from './dockerfile-helpers.js';

useParser();

const chain = parse(
  'FROM debian:12 AS base\nRUN a\nFROM base AS build\nWORKDIR /src\nRUN b\nFROM alpine:3.20 AS tools\nFROM build\nONBUILD RUN c\n',
);

describe('stage names and chains', () => {
  it('labels named and unnamed stages', () => {
    expect(chain.stages.map(stageLabel)).toEqual([
      'stage "base"',
      'stage "build"',
      'stage "tools"',
      'stage 4',
    ]);
  });
  it('follows FROM <stage> nearest first, down to the stage built from an image', () => {
    const last = chain.stages[3]!;
    expect(stageChain(last).map((s) => s.index)).toEqual([3, 1, 0]);
    expect(rootStage(last).index).toBe(0);
  });
  it('knows which stages ship', () => {
    expect(shippedStages(chain).map((s) => s.index)).toEqual([0, 1, 3]);
  });
  it('finds the first instruction of a keyword per stage, triggers on request', () => {
    const build = chain.stages[1]!;
    expect(firstInStage(build, 'WORKDIR')).toBe(chain.each('WORKDIR')[0]!.span.start);
    expect(firstInStage(build, 'USER')).toBe(Infinity);
    expect(firstInStage(chain.stages[3]!, 'RUN', true)).toBe(chain.each('ONBUILD')[0]!.span.start);
  });
  it('counts an ONBUILD trigger as shipped, even in a builder stage', () => {
    const m = parse('FROM a AS build\nRUN x\nONBUILD RUN y\nFROM b\n');
    expect(inShippedImage(m.each('RUN')[0]!)).toBe(false);
    expect(inShippedImage(m.each('ONBUILD')[0]!.trigger!)).toBe(true);
  });
});

describe('baseKind', () => {
  it('tells bash bases from BusyBox ones, and is unknown for scratch and variables', () => {
    const m = parse(
      'FROM debian\nFROM alpine:3\nFROM python:3-alpine\nFROM scratch\nFROM $IMG\nFROM gcr.io/distroless/base\n',
    );
    expect(m.stages.map(baseKind)).toEqual(['bash', 'ash', 'ash', 'unknown', 'unknown', 'unknown']);
  });
});

describe('users', () => {
  it('substitutes ARG/ENV values and is null when one stays unknown', () => {
    const m = parse('FROM a\nARG U=app\nUSER $U\nUSER $NOPE\nUSER 1000:0\n');
    expect(m.each('USER').map((i) => userOf(m, i))).toEqual(['app', null, '1000:0']);
  });
  it('reads only the user part as root', () => {
    expect(['root', '0', 'root:staff', '00:0'].map(isRootUser)).toEqual([true, true, true, true]);
    expect(['1000:0', 'app', 'rooty'].map(isRootUser)).toEqual([false, false, false]);
  });
});

describe('overriddenInstructions', () => {
  it('pairs every earlier instruction of the keyword with the last one', () => {
    const m = parse('FROM a\nCMD x\nCMD y\nCMD z\n');
    const pairs = overriddenInstructions(m.stages[0]!, 'CMD');
    expect(pairs.map((p) => p.instruction.line)).toEqual([2, 3]);
    expect(pairs.every((p) => p.last.line === 4)).toBe(true);
  });
});

describe('reportOverridden', () => {
  it('reports every overridden instruction of the keyword, per stage, with a fix that deletes it', () => {
    const m = parse('FROM a AS one\nCMD x\nCMD y\nFROM b\nCMD z\nENTRYPOINT e\nCMD w\n');
    const reports: Report[] = [];
    reportOverridden(m, (r) => reports.push(r), 'CMD');
    expect(reports.map((r) => [(r.at as Instruction).line, r.message])).toEqual([
      [2, 'This `CMD` in stage "one" never takes effect: the `CMD` on line 3 replaces it.'],
      [5, 'This `CMD` in stage 2 never takes effect: the `CMD` on line 7 replaces it.'],
    ]);
    expect(reports[0]!.fix).toMatchObject({
      description: 'delete the overridden `CMD`',
      edits: [{ text: '' }],
    });
  });
});

describe('fromRef', () => {
  it('tells stages, indexes, images and unknown values apart', () => {
    const m = parse('FROM a AS build\nFROM b\nARG S=build\nCOPY --from=build x y\n');
    const ins = m.each('COPY')[0]!;
    expect(fromRef(m, ins, 'build')).toMatchObject({ kind: 'stage', value: 'build' });
    expect(fromRef(m, ins, '$S')).toMatchObject({ kind: 'stage', value: 'build' });
    expect(fromRef(m, ins, '0')).toMatchObject({ kind: 'index', index: 0 });
    expect(fromRef(m, ins, '7')).toMatchObject({ kind: 'index', stage: null });
    expect(fromRef(m, ins, 'nginx:1')).toEqual({ kind: 'image', value: 'nginx:1' });
    expect(fromRef(m, ins, '$NOPE')).toEqual({ kind: 'unknown', value: '$NOPE' });
  });
});

describe('stageCopies', () => {
  it('lists each COPY --from with a value, with what it names; ONBUILD and valueless flags are left out', () => {
    const m = parse(
      'FROM alpine:3.20 AS a\nFROM alpine:3.20\nCOPY --from=a /x /x\nCOPY --from=1 /y /y\nCOPY --from=nginx /z /z\nONBUILD COPY --from=a /w /w\nCOPY --from= /v /v\nCOPY /u /u\n',
    );
    const copies = stageCopies(m);
    expect(copies.map((c) => [c.ins.line, c.value, c.target.kind, c.stage.index])).toEqual([
      [3, 'a', 'stage', 1],
      [4, '1', 'index', 1],
      [5, 'nginx', 'image', 1],
    ]);
    const text = m.source.text;
    expect(text.slice(copies[0]!.flagSpan.start, copies[0]!.flagSpan.end)).toBe('--from=a');
    expect(text.slice(copies[0]!.valueSpan.start, copies[0]!.valueSpan.end)).toBe('a');
  });
});

describe('effectiveUser', () => {
  it("is the final stage's last USER, else the nearest parent stage's, else none", () => {
    const own = parse('FROM alpine:3.20\nUSER a\nUSER b\n');
    expect(effectiveUser(own)?.line).toBe(3);
    const inherited = parse('FROM alpine:3.20 AS base\nUSER app\nFROM base\nRUN x\n');
    expect(effectiveUser(inherited)?.line).toBe(2);
    const none = parse('FROM alpine:3.20 AS base\nUSER app\nFROM alpine:3.20\n');
    expect(effectiveUser(none)).toBeNull();
    expect(effectiveUser(parse('ARG X=1\n'))).toBeNull();
  });
});

describe('imageChain', () => {
  it('is the final stage and the stages it is built FROM, nearest first; empty with no stage', () => {
    expect(imageChain(chain).map((s) => s.index)).toEqual([3, 1, 0]);
    expect(imageChain(parse('ARG X=1\n'))).toEqual([]);
  });
});

describe('imageLabels', () => {
  it("is the LABEL pairs of the shipped stages, not a builder's nor an ONBUILD trigger's", () => {
    const m = parse(
      'FROM alpine:3.20 AS build\nLABEL a=1\nFROM alpine:3.20 AS base\nLABEL b=2 c=\nONBUILD LABEL d=4\nFROM base\nLABEL e=5\n',
    );
    expect(imageLabels(m).map((p) => p.name)).toEqual(['b', 'c', 'e']);
  });
});

describe('shippedInstructions', () => {
  it("keeps a shipped stage's instructions and ONBUILD triggers, not a builder's", () => {
    const m = parse('FROM a AS build\nEXPOSE 1\nFROM b\nEXPOSE 2\nONBUILD EXPOSE 3\nVOLUME /v\n');
    expect(shippedInstructions(m, 'EXPOSE').map((i) => i.line)).toEqual([4, 5]);
    expect(shippedInstructions(m, 'EXPOSE', 'VOLUME').map((i) => i.line)).toEqual([4, 5, 6]);
  });
});

describe('imageStages', () => {
  it('keeps the stages built FROM a registry image, leaving out scratch and FROM <earlier stage>', () => {
    const m = parse('FROM debian:12 AS base\nFROM base\nFROM scratch\nFROM ${IMG}\nFROM alpine:3.20\n');
    expect(imageStages(m).map((s) => s.index)).toEqual([0, 3, 4]);
    expect(imageStages(parse('ARG X=1\n'))).toEqual([]);
  });
});

describe('floatingBaseGrade', () => {
  it('grades info a tag from a build arg and a builder that does not ship, else keeps the rule severity', () => {
    const built = parse(
      'FROM golang:latest AS build\nRUN make\nFROM alpine:latest\nCOPY --from=build /app /app\n',
    );
    expect(built.stages.map((s) => floatingBaseGrade(built, s))).toEqual([{ severity: 'info' }, {}]);
    const fromArg = parse('ARG TAG=latest\nFROM node:${TAG}\n');
    expect(floatingBaseGrade(fromArg, fromArg.finalStage!)).toEqual({ severity: 'info' });
  });
});

describe('stages whose base does not ship', () => {
  it('takes a stage copied from path by path for a builder, and one copied whole for part of the image', () => {
    const m = parse(
      'FROM alpine:3.20 AS src\nRUN mkdir /out\nFROM tonistiigi/xx AS xx\nFROM debian:12 AS base\nFROM base\nCOPY --from=src /out /out\nCOPY --from=xx / /\n',
    );
    expect(m.stages.map((s) => builderOnly(m, s))).toEqual([true, false, false, false]);
  });

  it('tells a tag or image from a build arg from a repository written out', () => {
    expect(fromArgDefault('node:${NODE_TAG}')).toBe(true);
    expect(fromArgDefault('$BASE_IMAGE')).toBe(true);
    expect(fromArgDefault('${REGISTRY}/python')).toBe(false);
    expect(fromArgDefault('${REGISTRY}/ubi9/ubi-micro:latest')).toBe(false);
    expect(fromArgDefault('debian:latest')).toBe(false);
    expect(fromArgDefault('node:${TAG:-latest}')).toBe(true);
    expect(fromArgDefault('${BASE_IMAGE}:latest')).toBe(false);
  });
});
