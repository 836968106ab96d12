/**
 * The checked-out repository, linted the way the CLI lints a directory: every container file, with the config at
 * the repository root (or the `config` input). This is what the SARIF file holds — code scanning compares whole
 * analyses, so it needs every file, not only those a pull request changed — and what events other than a pull
 * request get.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { DEFAULT_FILES, type Config } from '../config/config.js';
import { resolveConfig } from '../config/discover.js';
import { hostShellcheckOptions, withHostOptions, type HostShellcheckOptions } from '../config/host.js';
import { BINARY_NOTE, confine, confinedReader, LINTED_KINDS, readLintable, walk } from '../files/discover.js';
import { packageVersion } from '../version.js';
import { detectKind, initLint, lintSource } from '../lint/engine.js';
import { ALL_RULES, docsUrl } from '../lint/rules/index.js';
import { SEVERITY_RANK, type FileKind, type Severity } from '../lint/types.js';
import type { ReportFile } from '../report/json.js';
import { formatSarif } from '../report/sarif.js';
import { anyOf, fileSelector } from '../review/select.js';

/** A linted file; `text` is null when it could not be read (then `error` says why). */
export interface WorkspaceFile extends ReportFile {
  text: string | null;
}

export interface WorkspaceLint {
  /** Paths relative to the workspace, `/`-separated, as annotations and code scanning expect. */
  files: WorkspaceFile[];
  config: Config;
}

/**
 * `host` is the machine's ShellCheck settings (DOCKREVIEW_SHELLCHECK, DOCKREVIEW_SHELLCHECK_TIMEOUT_MS), applied
 * after the repository's config, which may not set them.
 */
export async function lintWorkspace(
  root: string,
  configPath?: string,
  host: HostShellcheckOptions = hostShellcheckOptions(process.env),
): Promise<WorkspaceLint> {
  const config = withHostOptions(
    resolveConfig(root, configPath ? resolve(root, configPath) : undefined),
    host,
  );
  const selected = fileSelector(config.files);
  // a config's own `files.include` globs reach files the default names do not; matched against what the walk
  // finds in the workspace, so a pattern (`../../etc/passwd`) or a link cannot reach past it
  const extra = config.files.include.filter((p) => !DEFAULT_FILES.include.includes(p));
  const included = anyOf(extra);
  const excluded = anyOf(config.files.exclude);
  const confinement = confine(root);
  const paths = new Map<string, FileKind>();
  const files: WorkspaceFile[] = [];
  for (const entry of walk(root, confinement)) {
    const path = toRelative(root, entry.path);
    const named = detectKind(path);
    // as the app takes them: by name, else a Dockerfile
    const kind = named && LINTED_KINDS.has(named) ? named : included(path) ? (named ?? 'dockerfile') : null;
    if (kind === null && entry.outside !== 'directory') continue;
    if (entry.outside) {
      if (excluded(path)) continue; // what the config leaves out is not worth a note
      // one note per link out of the workspace, never its target's content
      files.push({
        path,
        kind: kind ?? 'dockerfile',
        text: null,
        findings: [],
        error: `skipped: a symbolic link to a ${entry.outside} outside the workspace, not ${entry.outside === 'file' ? 'read' : 'walked'}`,
      });
      continue;
    }
    paths.set(path, kind!);
  }
  await initLint();
  // the files rules read besides the linted one come from the workspace only: absent is a fact rules use;
  // unreadable, or outside the workspace, stays unknown
  const related = confinedReader(root, confinement, (p) => readFileSync(p, 'utf8'));
  for (const [path, kind] of paths) {
    if (!selected(path)) continue;
    const read = readLintable(resolve(root, path));
    // a binary file is named, never linted or quoted
    if (!('text' in read)) {
      const error = 'binary' in read ? BINARY_NOTE : read.error;
      files.push({ path, kind, text: null, findings: [], error });
      continue;
    }
    const { text } = read;
    const findings = lintSource({ path, text, readRelated: related }, config, kind).findings;
    files.push({ path, kind, text, findings });
  }
  return { files, config };
}

/** Whether any finding reaches `threshold` (a severity, or `never`). */
export function reaches(files: readonly ReportFile[], threshold: Severity | 'never'): boolean {
  if (threshold === 'never') return false;
  return files.some((f) => f.findings.some((x) => SEVERITY_RANK[x.severity] >= SEVERITY_RANK[threshold]));
}

/** Writes SARIF 2.1.0 for the linted files; returns the absolute path written. */
export function writeSarif(path: string, files: readonly ReportFile[]): string {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, formatSarif(files, { version: packageVersion(), rules: ALL_RULES, docsUrl }));
  return path;
}

function toRelative(root: string, path: string): string {
  return relative(root, path).split(sep).join('/');
}
