/**
 * What a RUN installs, for every package manager rules read: the operand words of an install command and the
 * package each names, version, release and architecture taken off. One place knows each manager's install verb.
 */
import { argsOf, subcommand, type RunCommand } from '../dockerfile/run.js';
import type { Word } from '../shell/parser.js';
import { listItems } from '../dockerfile/vars.js';
import { rpmInstallOperands } from './rpm.js';
import { table } from '../table.js';

export type PackageFamily = 'deb' | 'apk' | 'rpm' | 'zypper' | 'pacman';

/** The installing tools, by the package format they install. */
export const INSTALL_TOOLS: Readonly<Record<string, PackageFamily>> = table({
  'apt-get': 'deb',
  apt: 'deb',
  aptitude: 'deb',
  apk: 'apk',
  yum: 'rpm',
  dnf: 'rpm',
  microdnf: 'rpm',
  zypper: 'zypper',
  pacman: 'pacman',
});

export interface InstalledPackage {
  word: Word;
  /** The package as written: the word, or the item of the `$VAR` list the word expands to. */
  spec: string;
  /** The package name alone: `openssh-server` for `openssh-server=1:9.2p1-2`, `openssh-server-8.7p1-38.el9`. */
  name: string;
  family: PackageFamily;
}

const ZYPPER_INSTALL = new Set(['install', 'in']);

/** `pacman -S…` that installs (not a query: `-Ss`, `-Si`, `-Sl`…, nor a cache clean `-Sc`). */
function pacmanInstalls(c: RunCommand): boolean {
  for (const w of c.inv.args) {
    if (w.value === '--sync') return true;
    if (/^-S[A-Za-z]*$/.test(w.value)) return !/[csilgp]/.test(w.value.slice(2));
  }
  return false;
}

/** The operands of an install command (`apt-get install`, `apk add`, `dnf install`…); none for other commands. */
function installOperands(c: RunCommand): Word[] {
  const family = INSTALL_TOOLS[c.inv.tool];
  if (family === undefined) return [];
  const args = argsOf(c.inv);
  const sub = subcommand(args);
  switch (family) {
    case 'deb':
      return sub === 'install' ? args.positionals.slice(1) : [];
    case 'apk':
      return sub === 'add' ? args.positionals.slice(1) : [];
    case 'rpm':
      return rpmInstallOperands(args)?.packages ?? [];
    case 'zypper': {
      // patterns, patches and products (`-t pattern devel_basis`) are not packages
      const type = args.value('-t', '--type');
      return ZYPPER_INSTALL.has(sub ?? '') && (type === undefined || type === 'package')
        ? args.positionals.slice(1)
        : [];
    }
    case 'pacman':
      return pacmanInstalls(c) ? args.positionals : [];
  }
}

/** `text` up to the first of `chars` (all of it when there is none): one pass, no pattern to backtrack. */
function upTo(text: string, chars: string): string {
  for (let i = 0; i < text.length; i++) if (chars.includes(text[i]!)) return text.slice(0, i);
  return text;
}

/** The package an operand names, or null for a file, a URL or a word whose value only the build knows. */
function packageName(spec: string, family: PackageFamily): string | null {
  if (spec.includes('$') || spec.startsWith('-')) return null;
  switch (family) {
    case 'deb':
      // `pkg=1.2-3`, `pkg/bookworm-backports`, `pkg:amd64`; a `./x.deb` file names no package
      if (spec.endsWith('.deb')) return null;
      return upTo(spec, '=/').replace(/:[a-z0-9]+$/, '') || null;
    case 'apk':
      // `pkg=1.2-r0`, `pkg~1.2`, `pkg>1`, `pkg@edge`
      if (spec.endsWith('.apk')) return null;
      return upTo(spec, '=~<>@') || null;
    case 'rpm': {
      if (spec.endsWith('.rpm') || spec.includes('/') || spec.startsWith('@')) return null;
      // `pkg >= 1` written as one word, `pkg.x86_64`, then `name-version[-release]`: drop each trailing part that
      // starts with a digit
      const name = upTo(spec, '<>=')
        .trimEnd()
        .replace(/\.(?:x86_64|aarch64|i686|noarch|ppc64le|s390x)$/, '');
      let end = name.length;
      for (let dash = name.lastIndexOf('-'); dash > 0; dash = name.lastIndexOf('-', dash - 1)) {
        const next = name.charCodeAt(dash + 1);
        if (next < 48 || next > 57) break; // not a digit: the rest is part of the name
        end = dash;
      }
      return name.slice(0, end) || null;
    }
    case 'zypper':
      if (spec.endsWith('.rpm') || spec.includes('/')) return null;
      return upTo(spec, '=<>') || null;
    case 'pacman':
      // `extra/openssh`, `openssh=9.7p1-1`, `openssh>=9`
      return upTo(spec.slice(spec.indexOf('/') + 1), '=<>') || null;
  }
}

/**
 * The packages one command installs, in the order written. A list held in an ARG/ENV (`ENV PKGS="a b"` then
 * `apt-get install $PKGS`) gives its items, read from the value in scope, each with the `$PKGS` word; other words
 * whose value is not known are left out.
 */
export function installedPackages(c: RunCommand): InstalledPackage[] {
  const family = INSTALL_TOOLS[c.inv.tool];
  if (family === undefined) return [];
  const out: InstalledPackage[] = [];
  const add = (word: Word, spec: string): void => {
    const name = packageName(spec, family);
    if (name !== null) out.push({ word, spec, name, family });
  };
  for (const word of installOperands(c)) {
    if (!word.dynamic) {
      add(word, word.value);
      continue;
    }
    for (const item of listItems(c.instruction, word.value) ?? []) add(word, item);
  }
  return out;
}
