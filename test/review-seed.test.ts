/**
 * Issue 13's reader bar on the project's own example pull request (the repository's example and fixture files,
 * added whole, and the fixture Dockerfile changed by its patch), with the real rules and the real planner: at most
 * one thread on any line, and every ```suggestion, applied as GitHub applies it (the commented lines replaced by the
 * block), leaves a file that still lints without a new error and clears every finding its comment lists.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { detectKind, initLint, lintSource, type LintConfig } from '../src/lint/engine.js';
import { parsePatch } from '../src/review/diff.js';
import type { Finding } from '../src/lint/types.js';
import {
  fingerprint,
  plan,
  type PlanFile,
  type PlanOptions,
  type PlannedComment,
} from '../src/review/plan.js';

const fixture = (p: string): string =>
  readFileSync(fileURLToPath(new URL(`../fixtures/${p}`, import.meta.url)), 'utf8');

/** The example pull request: path in the PR, text at head, patch (null: the file is new, every line added). */
const PR: { path: string; text: string; patch: string | null }[] = [
  {
    path: 'Dockerfile',
    text: fixture('app/findings/Dockerfile'),
    patch: fixture('app/findings/Dockerfile.patch'),
  },
  { path: 'services/api/Dockerfile', text: fixture('examples/Dockerfile'), patch: null },
  { path: 'services/worker/Dockerfile', text: fixture('cli/bar/Dockerfile'), patch: null },
  { path: 'services/legacy/Dockerfile', text: fixture('cli/errors/Dockerfile'), patch: null },
  { path: 'services/small/Dockerfile', text: fixture('cli/small/Dockerfile'), patch: null },
  {
    // several fixable findings on one line: one thread, one combined suggestion
    path: 'services/tools/Dockerfile',
    text: [
      'FROM debian:bookworm',
      'RUN apt-get update && apt-get install curl wget && sudo pip install requests',
      'FROM ubuntu:latest AS final',
      'ENTRYPOINT /start.sh',
      '',
    ].join('\n'),
    patch: null,
  },
];

const CONFIG: LintConfig = { rules: {} };
const OPTIONS: PlanOptions = {
  failOn: 'error',
  failOnExisting: false,
  comments: 'changed-lines',
  maxComments: 1000,
  commentOn: 'warning',
  suggestions: true,
  posted: new Set(),
  rule: (id) => ({ why: `Why ${id} matters.`, docs: `https://docs.example/${id}.md` }),
  configLines: [],
};

function added(text: string): string {
  const lines = text.replace(/\r?\n$/, '').split(/\r?\n/);
  return [`@@ -0,0 +1,${lines.length} @@`, ...lines.map((l) => `+${l}`)].join('\n');
}

function planFile(path: string, text: string, patch: string | null): PlanFile {
  const { findings } = lintSource({ path, text }, CONFIG);
  return {
    path,
    kind: detectKind(path) ?? 'dockerfile',
    text,
    findings,
    diff: parsePatch(patch ?? added(text)),
  };
}

/**
 * A file's findings by fingerprint, as the planner names them (the same rule and message counted in line order);
 * the test fails below if a comment names a fingerprint this does not know, so it cannot drift from the planner.
 */
function byFingerprint(path: string, text: string): Map<string, Finding> {
  const findings = [...lintSource({ path, text }, CONFIG).findings].sort(
    (a, b) => a.line - b.line || a.column - b.column,
  );
  const seen = new Map<string, number>();
  const out = new Map<string, Finding>();
  for (const f of findings) {
    const key = `${f.rule}\0${f.message.trim().replace(/\s+/g, ' ')}`;
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    out.set(fingerprint(f, path, n), f);
  }
  return out;
}

/** Every finding of a file, as fingerprints: a plan that comments on everything, on a file added whole. */
function allFingerprints(path: string, text: string): Set<string> {
  const p = plan([planFile(path, text, null)], { ...OPTIONS, commentOn: 'style' });
  return new Set(p.comments.flatMap((c) => c.fingerprints));
}

/** The rules of a file's error findings (lines left out: a suggestion of several lines moves what follows). */
function errorsOf(path: string, text: string): string[] {
  return lintSource({ path, text }, CONFIG)
    .findings.filter((f) => f.severity === 'error')
    .map((f) => f.rule);
}

/** Rules with more errors after than before. */
function moreErrors(before: string[], after: string[]): string[] {
  const count = (list: string[], rule: string): number => list.filter((r) => r === rule).length;
  return [...new Set(after)].filter((rule) => count(after, rule) > count(before, rule));
}

/** The ```suggestion block of a comment, or null. */
function suggestionOf(body: string): string | null {
  return /\n(`{3,})suggestion\n([\s\S]*?)\1(?:\n|$)/.exec(body)?.[2] ?? null;
}

/** The file after GitHub commits the suggestion: lines start_line..line replaced by the block. */
function apply(text: string, c: PlannedComment, block: string): string {
  const lines = text.split('\n');
  const first = (c.start_line ?? c.line) - 1;
  const replacement = block === '' ? [] : block.replace(/\n$/, '').split('\n');
  lines.splice(first, c.line - first, ...replacement);
  return lines.join('\n');
}

// the default threshold, and a team that wants every piece of advice as a thread (more findings share a line)
describe.each(['warning', 'info', 'style'] as const)(
  'the example pull request with comment_on: %s',
  (commentOn) => {
    let comments: PlannedComment[];
    beforeAll(async () => {
      await initLint();
      comments = plan(
        PR.map((f) => planFile(f.path, f.text, f.patch)),
        { ...OPTIONS, commentOn },
      ).comments;
    }, 60_000);

    it('has threads, and at most one on any line', () => {
      expect(comments.length).toBeGreaterThan(3);
      const taken = new Map<string, number>();
      for (const c of comments) {
        for (let line = c.start_line ?? c.line; line <= c.line; line++) {
          const key = `${c.path}:${line}`;
          taken.set(key, (taken.get(key) ?? 0) + 1);
        }
      }
      expect([...taken].filter(([, n]) => n > 1)).toEqual([]);
    });

    it('every suggestion applies, adds no error, and clears every finding it claims to fix', () => {
      const withSuggestion = comments.filter((c) => suggestionOf(c.body) !== null);
      expect(withSuggestion.length).toBeGreaterThan(0);
      for (const c of withSuggestion) {
        const file = PR.find((f) => f.path === c.path)!;
        const after = apply(file.text, c, suggestionOf(c.body)!);
        const where = `${c.path}:${c.start_line ?? c.line}-${c.line}`;
        expect(after, where).not.toBe(file.text);
        expect(
          moreErrors(errorsOf(c.path, file.text), errorsOf(c.path, after)),
          `${where}: errors it brings`,
        ).toEqual([]);
        const before = byFingerprint(c.path, file.text);
        expect(
          c.fingerprints.filter((fp) => !before.has(fp)),
          `${where}: fingerprints the test cannot map`,
        ).toEqual([]);
        // what the suggestion claims: the listed findings that have a fix (the comment names the others as by hand)
        const claimed = c.fingerprints.filter((fp) => before.get(fp)!.fix !== undefined);
        expect(claimed.length, where).toBeGreaterThan(0);
        if (claimed.length < c.fingerprints.length) expect(c.body, where).toContain('a change by hand');
        const left = allFingerprints(c.path, after);
        expect(
          claimed.filter((fp) => left.has(fp)).map((fp) => before.get(fp)!.rule),
          `${where}: findings the suggestion claims to fix but leaves`,
        ).toEqual([]);
      }
    });
  },
);
