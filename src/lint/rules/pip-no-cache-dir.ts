import type { Instruction } from '../dockerfile/model.js';
import { defineRule } from '../rule.js';
import { argsOf, type RunCommand, subcommand, toolCommands } from '../dockerfile/run.js';
import { cacheMountCovers, keepsOutOfLayer, runMounts } from '../dockerfile/mounts.js';
import { insertAfter } from '../dockerfile/edits.js';
import { removesDir } from '../packages/cleanup.js';
import { stageChain } from '../dockerfile/stages.js';
import { varValue } from '../dockerfile/vars.js';

/**
 * pip reads `PIP_NO_CACHE_DIR` with `strtobool` and, for backward compatibility, disables the cache for every
 * valid boolean — `0` and `false` included. Other values make pip exit with an error.
 */
const PIP_BOOL = /^(y|yes|t|true|on|1|n|no|f|false|off|0)$/i;
const EXPORTED = /\bexport\b[^;&|\n]*?\bPIP_NO_CACHE_DIR=("[^"]*"|'[^']*'|[^\s;&|]*)/g;
const CONFIG_KEY = /^(global|install)\.no-cache-dir$/;

function unquote(s: string): string {
  return /^(["']).*\1$/.test(s) ? s.slice(1, -1) : s;
}

/** PIP_NO_CACHE_DIR set for this command: prefix assignment, `env X=…`, an earlier `export`, or ENV/ARG in scope. */
function envDisablesCache(c: RunCommand): boolean {
  const { command, inv, script, instruction } = c;
  if (command.assignments.some((a) => a.name === 'PIP_NO_CACHE_DIR' && PIP_BOOL.test(a.value))) return true;
  const wrapperWords = [command.name, ...command.args].filter((w) => w.end <= inv.toolWord.start);
  if (wrapperWords.some((w) => /^PIP_NO_CACHE_DIR=/.test(w.value) && PIP_BOOL.test(w.value.slice(17))))
    return true;
  for (const m of script.text.matchAll(EXPORTED)) {
    if (script.toFile(m.index) < command.start && PIP_BOOL.test(unquote(m[1]!))) return true;
  }
  const value = varValue(instruction.model, instruction, 'PIP_NO_CACHE_DIR');
  return value !== null && PIP_BOOL.test(value);
}

/** The directory pip caches into, when the RUN says (`--cache-dir`, `PIP_CACHE_DIR`). */
function cacheDirOf(c: RunCommand): string | null {
  const flag = argsOf(c.inv).value('--cache-dir');
  if (flag) return flag;
  const prefix = c.command.assignments.find((a) => a.name === 'PIP_CACHE_DIR');
  if (prefix) return prefix.value;
  return varValue(c.instruction.model, c.instruction, 'PIP_CACHE_DIR');
}

/** A cache mount holds pip's cache, so nothing is left in the layer. */
function cacheMounted(c: RunCommand): boolean {
  const ins = c.instruction;
  const dir = cacheDirOf(c);
  if (dir && dir.startsWith('/') && cacheMountCovers(ins, dir)) return true;
  if (cacheMountCovers(ins, '/root/.cache/pip')) return true;
  // another user's home: any cache mount on `…/.cache` or `…/.cache/pip`
  return runMounts(ins).some(
    (m) => keepsOutOfLayer(m) && m.target !== null && /\/\.cache(\/pip)?$/.test(m.target),
  );
}

/** pip's cache is deleted later in the same RUN (`rm -rf /root/.cache/pip`, `~/.cache`, or its `--cache-dir`). */
function deletedLater(c: RunCommand, deletes: readonly RunCommand[]): boolean {
  const dir = cacheDirOf(c);
  const dirs = ['/root/.cache/pip', '~/.cache/pip', ...(dir && dir.startsWith('/') ? [dir] : [])];
  return deletes.some(
    (d) => d.instruction === c.instruction && d.command.index > c.command.index && removesDir(d, dirs),
  );
}

function position(ins: Instruction): number {
  return (ins.onbuild ?? ins).span.start;
}

/** pip keeps every wheel it downloads in its cache; in an image nothing ever reads it again. */
export default defineRule({
  id: 'pip-no-cache-dir',
  aliases: ['DL3042'],
  kind: 'dockerfile',
  severity: 'info',
  fixable: 'yes',
  summary: '`pip install` without `--no-cache-dir`',
  why: 'pip keeps a copy of every package it downloads in its cache (`~/.cache/pip`); in an image that cache is dead weight, often as large as the installed packages.',
  check({ model, report }) {
    const pips = toolCommands(model, 'pip');
    const deletes = toolCommands(model, 'rm', 'find');
    // `pip config set global.no-cache-dir …` in an earlier RUN (or earlier in the same RUN) of the stage
    const configs = pips.filter((c) => {
      const args = argsOf(c.inv);
      return (
        subcommand(args) === 'config' &&
        args.positionals[1]?.value === 'set' &&
        CONFIG_KEY.test(args.positionals[2]?.value ?? '')
      );
    });
    for (const c of pips) {
      const args = argsOf(c.inv);
      if (subcommand(args) !== 'install') continue;
      if (args.has('--no-cache-dir')) continue;
      if (envDisablesCache(c) || cacheMounted(c) || deletedLater(c, deletes)) continue;
      const chain = c.instruction.stage ? stageChain(c.instruction.stage) : [];
      const configured = configs.some(
        (k) =>
          (k.instruction === c.instruction && k.command.index < c.command.index) ||
          (k.instruction.stage !== null &&
            chain.includes(k.instruction.stage) &&
            position(k.instruction) < position(c.instruction) &&
            !k.instruction.onbuild),
      );
      if (configured) continue;
      const install = args.positionals[0]!;
      report({
        at: { start: c.inv.toolWord.start, end: install.end },
        message: "`pip install` without `--no-cache-dir` leaves pip's download cache in the layer.",
        fix: { description: 'add `--no-cache-dir`', edits: [insertAfter(install, ' --no-cache-dir')] },
      });
    }
  },
});
