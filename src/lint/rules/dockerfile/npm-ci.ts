import type { Instruction, Stage } from '../../dockerfile/model.js';
import type { ParsedArgs } from '../../shell/args.js';
import { defineRule } from '../../rule.js';
import { argsOf, type RunCommand, subcommand, toolCommands } from '../../dockerfile/run.js';
import { copyOperands } from '../../dockerfile/copy.js';
import { inShippedImage, stageChain, stageLabel } from '../../dockerfile/stages.js';
import { insertAfter, replaceWord } from '../../dockerfile/edits.js';
import { varValue } from '../../dockerfile/vars.js';
import { globMatcher } from '../../paths.js';
import { NPM_CI, NPM_INSTALL, NPM_RUNS_SCRIPTS } from '../../packages/npm.js';
import { code } from '../../quote.js';

function truthy(v: string | undefined): boolean {
  return v !== undefined && !/^(false|0|no|off|)$/i.test(v);
}

/** The install leaves devDependencies out: flags, or NODE_ENV / npm_config_* in the environment. */
function omitsDev(c: RunCommand, args: ParsedArgs): boolean {
  for (const f of args.flags) {
    if (f.name === '--omit' && (f.value ?? '').split(',').includes('dev')) return true;
    if (f.name === '--production' && (f.value === undefined || truthy(f.value))) return true;
    if (f.name === '--only' && /^prod(uction)?$/.test(f.value ?? '')) return true;
  }
  const env = new Map<string, string>();
  for (const name of c.instruction.model.varsAt(c.instruction.onbuild ?? c.instruction).keys()) {
    const value = varValue(c.instruction.model, c.instruction, name);
    if (value !== null) env.set(name.toLowerCase(), value);
  }
  for (const w of [c.command.name, ...c.command.args]) {
    if (w.end > c.inv.toolWord.start) break;
    const eq = w.value.indexOf('=');
    if (eq > 0) env.set(w.value.slice(0, eq).toLowerCase(), w.value.slice(eq + 1));
  }
  for (const a of c.command.assignments) env.set(a.name.toLowerCase(), a.value);
  for (const m of c.script.text.matchAll(
    /\bexport\s+(NODE_ENV|npm_config_production|npm_config_omit)=("[^"]*"|'[^']*'|[^\s;&|]*)/gi,
  )) {
    if (c.script.toFile(m.index) < c.command.start)
      env.set(m[1]!.toLowerCase(), m[2]!.replace(/^(["'])(.*)\1$/, '$2'));
  }
  if (env.get('node_env') === 'production') return true;
  if (truthy(env.get('npm_config_production'))) return true;
  return (env.get('npm_config_omit') ?? '').split(/[\s,]+/).includes('dev');
}

/** Where an instruction sits, for ordering: ONBUILD triggers by their ONBUILD line. */
function pos(ins: Instruction): number {
  return (ins.onbuild ?? ins).span.start;
}

/** Stages built FROM `stage` (directly or not), and the stage itself. */
function withDescendants(stage: Stage, all: readonly Stage[]): Set<Stage> {
  return new Set(all.filter((s) => stageChain(s).includes(stage)));
}

/** A command after `c` that runs package scripts (`npm run build`, `npx tsc`, `npm test`): devDependencies are needed. */
function laterRunsScripts(c: RunCommand, npmCommands: readonly RunCommand[]): boolean {
  const ins = c.instruction;
  const stages = ins.stage ? withDescendants(ins.stage, ins.model.stages) : new Set<Stage>();
  return npmCommands.some((o) => {
    if (o.inv.tool === 'npm' && !NPM_RUNS_SCRIPTS.has(subcommand(argsOf(o.inv)) ?? '')) return false;
    if (o.instruction === ins) return o.command.index > c.command.index;
    if (ins.onbuild)
      return (
        o.instruction.onbuild !== null && o.instruction.stage === ins.stage && pos(o.instruction) > pos(ins)
      );
    return (
      !o.instruction.onbuild &&
      o.instruction.stage !== null &&
      stages.has(o.instruction.stage) &&
      pos(o.instruction) > pos(ins)
    );
  });
}

/** `npm prune --omit=dev` / `--production` later in the same RUN drops the devDependencies before the layer is written. */
function prunedInSameRun(c: RunCommand, npmCommands: readonly RunCommand[]): boolean {
  return npmCommands.some((o) => {
    if (o.instruction !== c.instruction || o.command.index <= c.command.index || o.inv.tool !== 'npm')
      return false;
    const args = argsOf(o.inv);
    return subcommand(args) === 'prune' && omitsDev(o, args);
  });
}

const LOCKFILES = ['package-lock.json', 'npm-shrinkwrap.json'];

/** True when the stage copies `package.json` explicitly but nothing that could hold a lockfile. */
function lockfileMissing(ins: Instruction): boolean {
  if (!ins.stage || ins.onbuild) return false;
  let manifest = false;
  for (const s of stageChain(ins.stage)) {
    for (const other of s.instructions) {
      if (
        (other.keyword !== 'COPY' && other.keyword !== 'ADD') ||
        other.flag('from') ||
        pos(other) > pos(ins)
      )
        continue;
      const ops = copyOperands(other);
      if (!ops) return false;
      for (const src of ops.sources) {
        const base =
          src
            .replace(/(?<!\/)\/+$/, '')
            .split('/')
            .pop() ?? '';
        if (src.endsWith('/') || base === '.' || base === '' || src.includes('$') || !base.includes('.'))
          return false;
        if (LOCKFILES.some((l) => globMatcher(base)(l))) return false;
        if (base === 'package.json') manifest = true;
      }
    }
  }
  return manifest;
}

function where(ins: Instruction): string {
  if (ins.onbuild) return 'an ONBUILD trigger (it runs in the image built from this one)';
  const stage = ins.stage!;
  return stage === ins.model.finalStage
    ? 'the final stage'
    : `${stageLabel(stage)}, which the final stage is built from`;
}

/** What ships should be exactly the locked production dependencies. */
export default defineRule({
  id: 'npm-ci',
  aliases: [],
  kind: 'dockerfile',
  severity: 'warning',
  fixable: 'sugg',
  summary: '`npm install` instead of `npm ci`, or devDependencies installed into the shipped image',
  why: '`npm install` may resolve versions other than the ones in `package-lock.json`, so two builds of one commit can ship different code; devDependencies (test runners, compilers, linters) in a production image add size and attack surface.',
  messages: {
    noLockfile:
      '{{command}} in {{where}} resolves versions afresh: copy `package-lock.json` into the image too and use `npm ci`, which installs exactly the lockfile.',
    useCi:
      "{{command}} in {{where}} may install versions other than the lockfile's: use `npm ci`, which installs exactly `package-lock.json` and fails when it is out of date.",
    devDependencies:
      '{{command}} in {{where}} also installs devDependencies into the image: add `--omit=dev` (or build in an earlier stage and copy only the output).',
  },
  check({ model, report }) {
    const npm = toolCommands(model, 'npm', 'npx');
    for (const c of npm) {
      if (c.inv.tool !== 'npm' || !inShippedImage(c.instruction)) continue;
      const args = argsOf(c.inv);
      const sub = subcommand(args);
      if (sub === undefined || args.has('-g', '--global', '--location')) continue;
      const isInstall = NPM_INSTALL.has(sub) && args.positionals.length === 1;
      const isCi = NPM_CI.has(sub);
      if (!isInstall && !isCi) continue;
      const subWord = args.positionals[0]!;
      const at = { start: c.inv.toolWord.start, end: subWord.end };
      if (isInstall) {
        const noLock = lockfileMissing(c.instruction);
        report({
          at,
          messageId: noLock ? 'noLockfile' : 'useCi',
          data: { command: code(`npm ${sub}`), where: where(c.instruction) },
          ...(noLock ? {} : { fix: { description: 'use `npm ci`', edits: [replaceWord(subWord, 'ci')] } }),
        });
      }
      if (omitsDev(c, args) || laterRunsScripts(c, npm) || prunedInSameRun(c, npm)) continue;
      // an explicit `--include=dev` or `--production=false` says the author wants them
      if (
        args.flags.some(
          (f) =>
            (f.name === '--include' && (f.value ?? '').split(',').includes('dev')) ||
            (f.name === '--production' && !truthy(f.value ?? 'true')),
        )
      )
        continue;
      report({
        at,
        messageId: 'devDependencies',
        data: { command: code(`npm ${sub}`), where: where(c.instruction) },
        fix: { description: 'add `--omit=dev`', edits: [insertAfter(subWord, ' --omit=dev')] },
      });
    }
  },
});
