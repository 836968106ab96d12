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
import { collectTargets } from '../cli/files.js';
import { packageVersion } from '../version.js';
import { detectKind, initLint, lintSource, relatedPaths } from '../lint/engine.js';
import { ALL_RULES, docsUrl } from '../lint/rules/index.js';
import { SEVERITY_RANK, type FileKind, type Severity } from '../lint/types.js';
import type { ReportFile } from '../report/json.js';
import { formatSarif } from '../report/sarif.js';
import { fileSelector } from '../review/select.js';

/** A linted file; `text` is null when it could not be read (then `error` says why). */
export interface WorkspaceFile extends ReportFile {
  text: string | null;
}

export interface WorkspaceLint {
  /** Paths relative to the workspace, `/`-separated, as annotations and code scanning expect. */
  files: WorkspaceFile[];
  config: Config;
}

/** Kinds some rule lints (workspace rules run on Compose files). */
const KINDS = new Set<FileKind>(
  ALL_RULES.map((r) => ((r.kind as string) === 'workspace' ? 'compose' : r.kind)) as FileKind[],
);

export async function lintWorkspace(root: string, configPath?: string): Promise<WorkspaceLint> {
  const config = resolveConfig(root, configPath ? resolve(root, configPath) : undefined);
  const selected = fileSelector(config.files);
  const { targets } = await collectTargets([root], KINDS, root);
  const extra = config.files.include.filter((p) => !DEFAULT_FILES.include.includes(p));
  const paths = new Map<string, FileKind>();
  for (const t of targets) paths.set(toRelative(root, t.path), t.kind);
  // a config's own `files.include` globs reach files the default names do not
  if (extra.length > 0) {
    const { glob } = await import('tinyglobby');
    const found = await glob(extra, { cwd: root, dot: true, ignore: ['**/node_modules/**', '**/.git/**'] });
    // as the app takes them: by name, else a Dockerfile
    for (const p of found.sort()) if (!paths.has(p)) paths.set(p, detectKind(p) ?? 'dockerfile');
  }
  await initLint();
  const files: WorkspaceFile[] = [];
  for (const [path, kind] of paths) {
    if (!selected(path)) continue;
    let text: string;
    try {
      text = readFileSync(resolve(root, path), 'utf8');
    } catch (err) {
      files.push({ path, kind, text: null, findings: [], error: `cannot read file (${codeOf(err)})` });
      continue;
    }
    const related = readRelated(root, path, kind, text);
    files.push({ path, kind, text, findings: lintSource({ path, text, related }, config, kind).findings });
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

function readRelated(root: string, path: string, kind: FileKind, text: string): Map<string, string | null> {
  const out = new Map<string, string | null>();
  for (const p of relatedPaths(path, kind, text)) {
    try {
      out.set(p, readFileSync(resolve(root, p), 'utf8'));
    } catch (err) {
      // absent is a fact rules use; unreadable stays unknown
      if (codeOf(err) === 'ENOENT') out.set(p, null);
    }
  }
  return out;
}

function toRelative(root: string, path: string): string {
  return relative(root, path).split(sep).join('/');
}

function codeOf(err: unknown): string {
  return (err as NodeJS.ErrnoException).code ?? String(err);
}
