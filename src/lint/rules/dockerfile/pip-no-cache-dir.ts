import type { Instruction } from '../../dockerfile/model.js';
import { defineRule } from '../../rule.js';
import { argsOf, type RunCommand, subcommand, toolCommands } from '../../dockerfile/run.js';
import { cacheMountCovers, keepsOutOfLayer, runMounts } from '../../dockerfile/mounts.js';
import { insertAfter } from '../../dockerfile/edits.js';
import { removesDir } from '../../packages/cleanup.js';
import { stageChain } from '../../dockerfile/stages.js';
import { varValue } from '../../dockerfile/vars.js';

/**
 * pip reads `PIP_NO_CACHE_DIR` with `strtobool` and, for backward compatibility, disables the cache for every
 * valid boolean — `0` and `false` included. Other values make pip exit with an error. A false value is still
 * reported (as hadolint does): whoever reads `PIP_NO_CACHE_DIR=0` takes it to keep the cache, and only a pip quirk
 * says otherwise, so the line says the opposite of what it does.
 */
const PIP_BOOL = /^(y|yes|t|true|on|1|n|no|f|false|off|0)$/i;
const PIP_FALSE = /^(n|no|f|false|off|0)$/i;
const EXPORTED = /\bexport\b[^;&|\n]*?\bPIP_NO_CACHE_DIR=("[^"]*"|'[^']*'|[^\s;&|]*)/g;
const CONFIG_KEY = /^(global|install)\.no-cache-dir$/;

function unquote(s: string): string {
  return /^(["']).*\1$/.test(s) ? s.slice(1, -1) : s;
}

/**
 * The boolean PIP_NO_CACHE_DIR is set to for this command (prefix assignment, `env X=…`, an earlier `export`, or
 * ENV/ARG in scope), the nearest setting first; null when none is.
 */
function envNoCacheDir(c: RunCommand): string | null {
  const { command, inv, script, instruction } = c;
  const prefix = command.assignments.find((a) => a.name === 'PIP_NO_CACHE_DIR' && PIP_BOOL.test(a.value));
  if (prefix) return prefix.value;
  const wrapperWords = [command.name, ...command.args].filter((w) => w.end <= inv.toolWord.start);
  const wrapped = wrapperWords.find(
    (w) => /^PIP_NO_CACHE_DIR=/.test(w.value) && PIP_BOOL.test(w.value.slice(17)),
  );
  if (wrapped) return wrapped.value.slice(17);
  let exported: string | null = null;
  for (const m of script.text.matchAll(EXPORTED)) {
    const value = unquote(m[1]!);
    if (script.toFile(m.index) < command.start && PIP_BOOL.test(value)) exported = value;
  }
  if (exported !== null) return exported;
  const value = varValue(instruction.model, instruction, 'PIP_NO_CACHE_DIR');
  return value !== null && PIP_BOOL.test(value) ? value : null;
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
  messages: {
    noCacheDir: "`pip install` without `--no-cache-dir` leaves pip's download cache in the layer.",
    misleadingEnv:
      '{{env}} reads as "keep pip\'s cache" (pip happens to disable it for any boolean, a backward-compatibility quirk): say what is meant with `--no-cache-dir`.',
  },
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
      const env = envNoCacheDir(c);
      if ((env !== null && !PIP_FALSE.test(env)) || cacheMounted(c) || deletedLater(c, deletes)) continue;
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
        ...(env === null
          ? { messageId: 'noCacheDir' }
          : { messageId: 'misleadingEnv', data: { env: `\`PIP_NO_CACHE_DIR=${env}\`` } }),
        fix: { description: 'add `--no-cache-dir`', edits: [insertAfter(install, ' --no-cache-dir')] },
      });
    }
  },
});
