/** The shapes of the Dockerfile model (see ./model.ts, which builds them and re-exports these types). */
import type { Dockerfile as AstDockerfile, Instruction as AstInstruction } from 'dockerfile-ast';
import type { SourceText } from '../source.js';
import type { Span } from '../types.js';
import type { ShellScript } from '../shell/parser.js';
import type { ImageRef } from './image-ref.js';

export const KNOWN_INSTRUCTIONS = new Set([
  'ADD',
  'ARG',
  'CMD',
  'COPY',
  'ENTRYPOINT',
  'ENV',
  'EXPOSE',
  'FROM',
  'HEALTHCHECK',
  'LABEL',
  'MAINTAINER',
  'ONBUILD',
  'RUN',
  'SHELL',
  'STOPSIGNAL',
  'USER',
  'VOLUME',
  'WORKDIR',
]);

export interface Directives {
  syntax: string | null;
  escape: '\\' | '`';
  /** BuildKit `# check=skip=…;error=true`. */
  checkSkip: string[];
  checkError: boolean;
  /** Malformed or misplaced directives, as problems for `valid-syntax`. */
  problems: Problem[];
}

export interface Problem {
  message: string;
  span: Span;
}

export interface Arg {
  value: string;
  span: Span;
}

export interface Flag {
  name: string;
  value: string | null;
  span: Span;
  valueSpan: Span | null;
}

export interface KeyValue {
  name: string;
  /** Quotes removed. */
  value: string | null;
  span: Span;
  nameSpan: Span;
  valueSpan: Span | null;
}

export interface Heredoc {
  name: string;
  /** The body, between the opening line and the delimiter. */
  content: string;
  contentSpan: Span;
  /** A line with the delimiter ends the body; when none does, the builder reads the rest of the file into it. */
  closed: boolean;
}

export interface Instruction {
  /** Upper-cased keyword. */
  keyword: string;
  /** The keyword as written. */
  written: string;
  span: Span;
  keywordSpan: Span;
  /** The arguments after any `--flags`, or null when there are none. */
  readonly argsSpan: Span | null;
  /** 1-based. */
  line: number;
  endLine: number;
  readonly args: Arg[];
  readonly flags: Flag[];
  /** KEY=value pairs of ENV, ARG and LABEL. */
  readonly pairs: KeyValue[];
  /** Exec form (`["a","b"]`) of RUN, CMD, ENTRYPOINT, SHELL, HEALTHCHECK CMD, VOLUME's JSON list; else null. */
  readonly json: Arg[] | null;
  readonly heredocs: Heredoc[];
  stage: Stage | null;
  /** For an ONBUILD trigger: its ONBUILD instruction. */
  onbuild: Instruction | null;
  /** For an ONBUILD instruction: the instruction it registers. */
  trigger: Instruction | null;
  model: DockerfileModel;
  ast: AstInstruction;
  flag(name: string): Flag | undefined;
  /** The shell script this instruction runs (RUN, CMD, ENTRYPOINT in shell form, heredoc bodies). */
  readonly shell: ShellScript | null;
}

export interface VarDecl {
  name: string;
  kind: 'ARG' | 'ENV';
  value: string | null;
  instruction: Instruction;
  pair: KeyValue;
}

export interface Stage {
  /** The number BuildKit gives the stage (`COPY --from=0`), counting FROMs; -1 for the implicit stage. */
  index: number;
  name: string | null;
  nameSpan: Span | null;
  /**
   * The stage's FROM; null for the implicit stage that holds instructions written before any FROM. Such a file is
   * invalid (`from-first` reports it), but its RUN, COPY and ENV lines are still read as one stage, as hadolint
   * reads them, so that the rest of the file's findings do not vanish behind one error.
   */
  from: Instruction | null;
  /** The base image as written, and with global ARG defaults substituted. */
  image: ImageRef;
  imageSpan: Span | null;
  resolvedImage: ImageRef;
  platform: string | null;
  /** The earlier stage this one is built FROM, if any. */
  parent: Stage | null;
  /** Instructions after FROM, in order (ONBUILD triggers stay inside their ONBUILD). */
  instructions: Instruction[];
  /** The effective SHELL at the end of the stage (inherited through `parent`). */
  shell: string[];
  /** The stage the build produces, or one it is built from. */
  shipped: boolean;
  /** Scratch or an earlier stage (no real base image). */
  isScratch: boolean;
  vars: VarDecl[];
}

export interface DockerfileModel {
  source: SourceText;
  ast: AstDockerfile;
  directives: Directives;
  escape: '\\' | '`';
  /** Top-level instructions in order, including ARGs before the first FROM. */
  instructions: Instruction[];
  stages: Stage[];
  globalArgs: VarDecl[];
  /** Syntax problems found while building the model. */
  problems: Problem[];
  /** Every instruction with this keyword, ONBUILD triggers included. */
  each(...keywords: string[]): Instruction[];
  stageByName(name: string): Stage | undefined;
  /** Variables visible at an instruction: ENV/ARG of its stage (and parents), re-declared global ARGs. */
  varsAt(instruction: Instruction): ReadonlyMap<string, VarDecl>;
  /** The SHELL in force for an instruction. */
  shellAt(instruction: Instruction): string[];
  readonly finalStage: Stage | null;
}
