import type { DockerfileModel, Stage } from '../../dockerfile/model.js';
import { parseImageRef } from '../../dockerfile/image-ref.js';
import { copyOperands, unquoteOperand } from '../../dockerfile/copy.js';
import { fromRef } from '../../dockerfile/stages.js';
import { normalisePath } from '../../paths.js';
import { defineRule } from '../../rule.js';
import { code } from '../../quote.js';

const isRoot = (path: string): boolean => normalisePath(unquoteOperand(path)) === '/';

/** Helper images built FROM scratch that exist to be copied whole (`COPY --from=xx / /` installs the xx tools). */
const SCRATCH_HELPERS = /^(?:tonistiigi\/xx|tonistiigi\/binfmt)$/;

/**
 * Docker Official Images that are an operating system, or a language or server image built on one: copying their
 * `/` is copying a whole OS, and the message says so. Other bare names are reported too (hadolint's DL3067 judges
 * every name), with a message that claims no operating system; vendor images are left alone (vendorBundle).
 */
const OS_IMAGES = new Set([
  'alpine',
  'almalinux',
  'amazonlinux',
  'archlinux',
  'busybox',
  'centos',
  'debian',
  'fedora',
  'oraclelinux',
  'rockylinux',
  'ubuntu',
  'eclipse-temurin',
  'gcc',
  'golang',
  'node',
  'openjdk',
  'perl',
  'php',
  'python',
  'ruby',
  'rust',
  'httpd',
  'mysql',
  'nginx',
  'postgres',
  'redis',
]);

/** An official OS image (`ubuntu:24.04`, `docker.io/library/debian:12`). */
function osImage(value: string): boolean {
  const ref = parseImageRef(value);
  if (ref.dynamic || (ref.registry !== null && ref.registry !== 'docker.io')) return false;
  return OS_IMAGES.has(ref.name.replace(/^library\//, ''));
}

/**
 * An image of a vendor's namespace or registry (`gloursdocker/docker`, `ghcr.io/org/tools`) that is not a known OS
 * image: copied whole to `/` such images are almost always FROM-scratch bundles of binaries made for exactly that,
 * so they are left alone. A bare name (`COPY --from=build / /`) is judged: it is an official image, each a whole
 * operating system, or a stage name that does not exist (hadolint's DL3067 reports it too).
 */
function vendorBundle(value: string): boolean {
  const ref = parseImageRef(value);
  if (ref.dynamic || osImage(value)) return false;
  return ref.registry !== null || ref.name.replace(/^library\//, '').includes('/');
}

/**
 * `FROM binaries-$TARGETOS`: the stage names that pattern can stand for (literal parts in order, anything for a
 * variable). A linear match: the names come from the file.
 */
function stagesMatching(model: DockerfileModel, pattern: string, before: Stage): Stage[] {
  const parts = pattern.split(/\$\{?[A-Za-z_][A-Za-z0-9_]*\}?/);
  return model.stages.filter((s) => {
    if (s.index >= before.index || !s.name) return false;
    const name = s.name;
    if (!name.startsWith(parts[0]!) || !name.endsWith(parts.at(-1)!)) return false;
    let at = parts[0]!.length;
    for (const part of parts.slice(1, -1)) {
      const found = name.indexOf(part, at);
      if (found < 0) return false;
      at = found + part.length;
    }
    return at <= name.length - parts.at(-1)!.length;
  });
}

/**
 * A stage whose filesystem holds only what was copied into it: built FROM scratch or a scratch-based helper
 * image, directly or through earlier stages (every stage a `FROM name-$ARG` can stand for).
 */
function scratchBased(model: DockerfileModel, stage: Stage, depth = 0): boolean {
  if (depth > 16) return false;
  if (stage.parent) return scratchBased(model, stage.parent, depth + 1);
  const image = stage.resolvedImage;
  if (image.name === 'scratch' || SCRATCH_HELPERS.test(image.name)) return true;
  if (!image.dynamic) return false;
  const candidates = stagesMatching(model, image.raw, stage);
  return candidates.length > 0 && candidates.every((s) => scratchBased(model, s, depth + 1));
}

/** `COPY --from=x / /` lays another stage's whole filesystem over this one. */
export default defineRule({
  id: 'copy-from-root',
  aliases: ['DL3067'],
  kind: 'dockerfile',
  severity: 'info',
  fixable: false,
  summary: '`COPY --from=… / /` copies a whole filesystem',
  why: "Copying another stage's `/` onto `/` brings everything along (package caches, compilers, `/etc`, users) and overwrites this stage's files, which defeats the point of a multi-stage build; copy only the artifacts.",
  check({ model, report }) {
    for (const ins of model.each('COPY')) {
      const flag = ins.flag('from');
      if (!flag?.value || !ins.argsSpan) continue;
      const operands = copyOperands(ins);
      if (!operands || !isRoot(operands.dest)) continue;
      if (!operands.sources.some(isRoot)) continue;
      // a scratch-based stage holds only what was put there to be copied: `/ /` is the point (so do the known
      // scratch helper images). Any other image or name outside this file is judged like a stage: whatever it is,
      // its whole filesystem lands on `/`
      const ref = fromRef(model, ins, flag.value);
      if (ref.kind === 'stage' || ref.kind === 'index') {
        if (!ref.stage || scratchBased(model, ref.stage)) continue;
      } else if (SCRATCH_HELPERS.test(parseImageRef(ref.value).name) || vendorBundle(ref.value)) continue;
      let what = code(flag.value);
      if (ref.kind === 'image' && osImage(ref.value))
        what = `the ${code(ref.value)} image, a whole operating system,`;
      else if (ref.kind === 'image' && ins.onbuild)
        what = `${code(ref.value)} (a stage or an image of the build that uses this one)`;
      else if (ref.kind === 'image') what = `the ${code(ref.value)} image`;
      report({
        at: ins.argsSpan,
        message: `This ${code(`COPY --from=${flag.value}`)} copies the entire filesystem of ${what} onto \`/\`: copy only the files the image needs.`,
      });
    }
  },
});
