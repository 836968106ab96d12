/**
 * Running ShellCheck: on one file's scripts now (synchronously), or on the scripts of a whole lint run at once
 * (asynchronously, a few processes at a time), with a bounded cache in front of both.
 *
 * Why batches: a ShellCheck process costs tens of milliseconds before it reads a line, and a run over many
 * Dockerfiles spent most of its time starting them, one per file. ShellCheck checks many files in one call and names
 * each comment's file (`--format=json1`), so the scripts of many Dockerfiles go to one process and the comments are
 * dealt back to their scripts by file name. Every script stays its own file: ShellCheck analyses each file on its
 * own (sourced files are not followed: no `-x`), so a script's comments do not depend on what else is in the batch.
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Batcher } from '../rule.js';

export interface ShellcheckOptions {
  /** The shellcheck executable (a name looked up on PATH, or a path). */
  shellcheckPath: string;
  /** Time limit for the shellcheck run of one Dockerfile (and for one batch, see `runBatch`). */
  timeoutMs: number;
}

export interface Replacement {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  replacement: string;
  insertionPoint?: string;
}

/** One comment of ShellCheck's json1 output. Shared with the cache: never modified once parsed. */
export interface Comment {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  level: string;
  code: number;
  message: string;
  fix: { replacements: Replacement[] } | null;
}

/** The comments on each script, in the order the scripts were given; or why there are none. */
export type ScriptsResult =
  | { kind: 'ok'; comments: Comment[][] }
  | { kind: 'missing' }
  | { kind: 'timeout' }
  | { kind: 'failed'; reason: string };

/** One file's scripts (ShellCheck's whole input for each: shebang, declarations, script) and its options. */
export interface ScriptsRequest {
  inputs: readonly string[];
  options: ShellcheckOptions;
}

/**
 * Codes that cannot apply to a RUN: 1090/1091 (sourced files live in the image, not next to the Dockerfile),
 * 2187 (ash dialect notice).
 */
const EXCLUDED = '1090,1091,2187';
const BASE_ARGS = ['--norc', '--format=json1', `--exclude=${EXCLUDED}`];
/** ShellCheck's report of one process is bounded: past this the process is killed and its batch retried per file. */
const MAX_OUTPUT = 32 * 1024 * 1024;

/**
 * ShellCheck's comments per script input, keyed by the executable, its fixed arguments and the input: the same
 * input always gives the same comments, and a spawn costs far more than a lookup. Fixing re-lints a file until
 * nothing changes, an edited Dockerfile mostly keeps its RUNs, and many Dockerfiles share the same RUNs: only
 * scripts not seen before go to ShellCheck. Least recently used entries go first; bounded in entries and in the
 * characters of the inputs it holds (inputs over CACHE_MAX_INPUT are not kept).
 */
const cache = new Map<string, Comment[]>();
let cachedChars = 0;
const CACHE_ENTRIES = 4096;
const CACHE_CHARS = 16 * 1024 * 1024;
const CACHE_MAX_INPUT = 64 * 1024;

function cacheKey(input: string, options: ShellcheckOptions): string {
  return `${options.shellcheckPath}\0${BASE_ARGS.join(' ')}\0${input}`;
}

function cacheGet(key: string): Comment[] | undefined {
  const hit = cache.get(key);
  if (hit) {
    // most recently used last: Map keeps insertion order, so re-inserting moves it to the end
    cache.delete(key);
    cache.set(key, hit);
  }
  return hit;
}

function cacheSet(key: string, comments: Comment[]): void {
  if (key.length > CACHE_MAX_INPUT || cache.has(key)) return;
  while (cache.size > 0 && (cache.size >= CACHE_ENTRIES || cachedChars + key.length > CACHE_CHARS)) {
    const oldest = cache.keys().next().value!;
    cache.delete(oldest);
    cachedChars -= oldest.length;
  }
  cache.set(key, comments);
  cachedChars += key.length;
}

/** Forgets every cached result (tests compare a batched run with per-file runs from a cold start). */
export function clearShellcheckCache(): void {
  cache.clear();
  cachedChars = 0;
}

/** Runs shellcheck with argv only (never through a shell), rc files and SHELLCHECK_OPTS ignored. */
const ENV = (): NodeJS.ProcessEnv => ({ PATH: process.env.PATH ?? '', LC_ALL: 'C.UTF-8' });

type RawResult =
  | { kind: 'ok'; comments: Comment[] }
  | { kind: 'missing' }
  | { kind: 'timeout' }
  | { kind: 'failed'; reason: string };

function parseOutput(stdout: string): RawResult {
  try {
    const parsed = JSON.parse(stdout) as { comments?: Comment[] };
    return { kind: 'ok', comments: parsed.comments ?? [] };
  } catch {
    return { kind: 'failed', reason: 'its output was not the expected JSON' };
  }
}

/** The sync run's outcome from what `execFileSync` threw: exit status 1 means "found something". */
function syncOutcome(err: unknown): RawResult {
  const e = err as NodeJS.ErrnoException & {
    status?: number | null;
    signal?: string | null;
    stdout?: string;
  };
  if (e.code === 'ENOENT' || e.code === 'EACCES') return { kind: 'missing' };
  if (e.code === 'ETIMEDOUT' || e.signal === 'SIGKILL') return { kind: 'timeout' };
  if (e.status === 1 && typeof e.stdout === 'string') return parseOutput(e.stdout);
  return { kind: 'failed', reason: e.message.split('\n')[0] ?? 'unknown error' };
}

function execSync(
  args: string[],
  options: ShellcheckOptions,
  io: { input?: string; cwd?: string },
): RawResult {
  let stdout: string;
  try {
    stdout = execFileSync(options.shellcheckPath, args, {
      ...io,
      encoding: 'utf8',
      timeout: options.timeoutMs,
      killSignal: 'SIGKILL',
      maxBuffer: MAX_OUTPUT,
      stdio: [io.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
      env: ENV(),
    });
  } catch (err) {
    return syncOutcome(err);
  }
  return parseOutput(stdout);
}

/** The file name of a comment, without the directory ShellCheck may print before it. */
const baseName = (file: string): string => file.replace(/^.*[/\\]/, '');

/** Scripts by file name (`1.sh`, `2.sh`…), as they are written for a run and named in its comments. */
const scriptName = (i: number): string => `${i + 1}.sh`;

/** Deals a run's comments to the scripts by file name, in ShellCheck's order within each script. */
function dealComments(comments: readonly Comment[], count: number): Comment[][] {
  const out: Comment[][] = Array.from({ length: count }, () => []);
  const byName = new Map(Array.from({ length: count }, (_, i) => [scriptName(i), out[i]!]));
  for (const c of comments) byName.get(baseName(c.file))?.push(c);
  return out;
}

/** Runs fresh scripts now, one process: a single one through stdin (no temporary files), several as files. */
function spawnSync(inputs: readonly string[], options: ShellcheckOptions): ScriptsResult {
  if (inputs.length === 1) {
    const result = execSync([...BASE_ARGS, '-'], options, { input: inputs[0]! });
    return result.kind === 'ok' ? { kind: 'ok', comments: [result.comments] } : result;
  }
  let dir: string | undefined;
  try {
    dir = mkdtempSync(join(tmpdir(), 'dockreview-sc-'));
    for (const [i, input] of inputs.entries()) writeFileSync(join(dir, scriptName(i)), input);
    const result = execSync([...BASE_ARGS, '--', ...inputs.map((_, i) => scriptName(i))], options, {
      cwd: dir,
    });
    return dealt(result, inputs.length);
  } catch (err) {
    return failure(err);
  } finally {
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

/** A process's result for the scripts it checked: their comments dealt to each, or its failure as it is. */
function dealt(result: RawResult, count: number): ScriptsResult {
  return result.kind === 'ok' ? { kind: 'ok', comments: dealComments(result.comments, count) } : result;
}

/** A throw while writing the scripts or starting the process: a failure of the batch, not of the caller. */
function failure(err: unknown): ScriptsResult {
  return { kind: 'failed', reason: err instanceof Error ? err.message : String(err) };
}

/**
 * One file's scripts, checked now: cached scripts are looked up, the others go to one ShellCheck process, which must
 * finish within `timeoutMs`. The single-file path (`lintSource`), and the fallback of a batch that failed.
 */
export function checkScriptsSync(inputs: readonly string[], options: ShellcheckOptions): ScriptsResult {
  const comments: (Comment[] | undefined)[] = inputs.map((input) => cacheGet(cacheKey(input, options)));
  const fresh = inputs.flatMap((input, i) => (comments[i] ? [] : [i]));
  if (fresh.length > 0) {
    const result = spawnSync(
      fresh.map((i) => inputs[i]!),
      options,
    );
    if (result.kind !== 'ok') return result;
    for (const [n, i] of fresh.entries()) {
      comments[i] = result.comments[n]!;
      cacheSet(cacheKey(inputs[i]!, options), comments[i]);
    }
  }
  return { kind: 'ok', comments: comments as Comment[][] };
}

/**
 * One process on the scripts of a batch, asynchronously (the event loop stays free for the other processes). The
 * scripts are written and the process started before the first `await`: the engine starts a batch and then runs
 * the other rules, synchronously, while ShellCheck works, and a start left to the event loop would wait for them.
 */
async function spawnAsync(inputs: readonly string[], options: ShellcheckOptions): Promise<ScriptsResult> {
  let dir: string | undefined;
  try {
    dir = mkdtempSync(join(tmpdir(), 'dockreview-sc-'));
    const cwd = dir;
    for (const [i, input] of inputs.entries()) writeFileSync(join(cwd, scriptName(i)), input);
    const result = await new Promise<RawResult>((resolve) => {
      const child = execFile(
        options.shellcheckPath,
        [...BASE_ARGS, '--', ...inputs.map((_, i) => scriptName(i))],
        {
          cwd,
          encoding: 'utf8',
          timeout: options.timeoutMs,
          killSignal: 'SIGKILL',
          maxBuffer: MAX_OUTPUT,
          env: ENV(),
        },
        (err, stdout) => {
          if (!err) return resolve(parseOutput(stdout));
          // an exit status is a number in `code`, a failure to start a string
          const e = err as Omit<NodeJS.ErrnoException, 'code'> & {
            code?: string | number;
            killed?: boolean;
            signal?: string | null;
          };
          if (e.code === 'ENOENT' || e.code === 'EACCES') return resolve({ kind: 'missing' });
          if (e.code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER')
            return resolve({ kind: 'failed', reason: 'its output was too large' });
          if (e.killed || e.signal === 'SIGKILL') return resolve({ kind: 'timeout' });
          if (e.code === 1) return resolve(parseOutput(stdout));
          resolve({ kind: 'failed', reason: e.message.split('\n')[0] ?? 'unknown error' });
        },
      );
      // nothing is read from stdin: closing it at once keeps a ShellCheck that reads it from waiting
      child.stdin?.end();
    });
    return dealt(result, inputs.length);
  } catch (err) {
    return failure(err);
  } finally {
    if (dir) await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Bounds of one batch process: scripts and characters of input (its output is bounded by MAX_OUTPUT). A batch has
 * the time limit of one file, so it is kept to about the size of a large Dockerfile's scripts: on a loaded 2-core
 * machine 180 000 characters took ShellCheck 10 s, 32 KiB takes under 2 s, and each process still carries the
 * scripts of a dozen ordinary files, which is what saves the start-up costs.
 */
const BATCH_SCRIPTS = 200;
const BATCH_CHARS = 32 * 1024;

const DEFAULT_PROCESSES = Math.max(1, Math.min(availableParallelism(), 4));
const DEFAULT_BATCH_TIMEOUT_FILES = 3;
let processes = DEFAULT_PROCESSES;
let batchTimeoutFiles = DEFAULT_BATCH_TIMEOUT_FILES;

/**
 * How batches run; what is left out goes back to its default. `processes`: ShellCheck processes at once (default
 * one per core, at most 4). `batchTimeoutFiles`: a batch may take the time limit of this many of its files (default
 * 3). A lint worker thread sets 1 and 1: the pool already has a thread per core, and a batch should stop (killing
 * its ShellCheck) within one file's limit, before the pool's deadline for the thread. With one process at a time the
 * batches run synchronously (see `runBatch`).
 */
export function configureShellcheck(settings: { processes?: number; batchTimeoutFiles?: number } = {}): void {
  processes = Math.max(1, Math.floor(settings.processes ?? DEFAULT_PROCESSES));
  batchTimeoutFiles = Math.max(1, Math.floor(settings.batchTimeoutFiles ?? DEFAULT_BATCH_TIMEOUT_FILES));
}

/** Splits scripts into batches: at least one per allowed process when there are enough, each within the bounds. */
function chunk(inputs: readonly string[], parallel: number): number[][] {
  const total = inputs.reduce((n, s) => n + s.length, 0);
  const target = Math.min(BATCH_CHARS, Math.ceil(total / parallel));
  const perCount = Math.min(BATCH_SCRIPTS, Math.ceil(inputs.length / parallel));
  const out: number[][] = [];
  let current: number[] = [];
  let chars = 0;
  for (const [i, input] of inputs.entries()) {
    if (current.length > 0 && (current.length >= perCount || chars + input.length > target)) {
      out.push(current);
      current = [];
      chars = 0;
    }
    current.push(i);
    chars += input.length;
  }
  if (current.length > 0) out.push(current);
  return out;
}

/** Runs `tasks` with at most `limit` of them at a time. */
async function limited<T>(tasks: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const out: T[] = new Array<T>(tasks.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < tasks.length) {
      const i = next++;
      out[i] = await tasks[i]!();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, lane));
  return out;
}

/**
 * The scripts of many files, checked together: cached ones looked up, each distinct fresh script checked once, in
 * batches of at most BATCH_CHARS, at most `processes` ShellCheck processes at a time. A batch has the time limit of
 * its files (up to `batchTimeoutFiles` of them); one that times out or fails is not trusted for any file: each file
 * with a script in it is checked again on its own, exactly as `checkScriptsSync` does (a crafted script then costs
 * only its own file). A missing executable is missing for every file.
 */
async function runBatch(requests: readonly ScriptsRequest[]): Promise<ScriptsResult[]> {
  const answers: (Comment[] | undefined)[][] = requests.map((r) =>
    r.inputs.map((input) => cacheGet(cacheKey(input, r.options))),
  );
  // the fresh scripts per options (the same executable and limit), each distinct script once, with the files (the
  // requests) that have it
  const groups = new Map<
    string,
    { options: ShellcheckOptions; scripts: Map<string, { input: string; files: number[] }> }
  >();
  for (const [r, request] of requests.entries()) {
    const groupKey = `${request.options.shellcheckPath}\0${request.options.timeoutMs}`;
    let group = groups.get(groupKey);
    if (!group) groups.set(groupKey, (group = { options: request.options, scripts: new Map() }));
    for (const [i, input] of request.inputs.entries()) {
      if (answers[r]![i]) continue;
      const key = cacheKey(input, request.options);
      const script = group.scripts.get(key);
      if (script) script.files.push(r);
      else group.scripts.set(key, { input, files: [r] });
    }
  }
  const found = new Map<string, Comment[]>();
  const failed = new Map<string, ScriptsResult>();
  const tasks: (() => Promise<void>)[] = [];
  for (const { options, scripts } of groups.values()) {
    const entries = [...scripts];
    for (const part of chunk(
      entries.map(([, script]) => script.input),
      processes,
    ))
      tasks.push(async () => {
        // each file of the batch brings its own time limit, up to `batchTimeoutFiles` of them: a batch that is slow
        // because the machine is busy is not thrown away, and a crafted script stops its batch soon enough
        const files = new Set(part.flatMap((i) => entries[i]![1].files)).size;
        const inputs = part.map((i) => entries[i]![1].input);
        const bounded = { ...options, timeoutMs: options.timeoutMs * Math.min(files, batchTimeoutFiles) };
        // one process at a time has nothing to overlap with: it runs synchronously, so its time limit holds even if
        // the thread is terminated meanwhile (a lint worker past the pool's deadline), which an asynchronous child,
        // whose timer dies with the thread, would outlive
        const result = processes === 1 ? spawnSync(inputs, bounded) : await spawnAsync(inputs, bounded);
        for (const [n, i] of part.entries()) {
          const key = entries[i]![0];
          if (result.kind !== 'ok') failed.set(key, result);
          else {
            found.set(key, result.comments[n]!);
            cacheSet(key, result.comments[n]!);
          }
        }
      });
  }
  await limited(tasks, processes);
  return requests.map((request, r) => {
    const comments = answers[r]!;
    let retry = false;
    for (const [i, input] of request.inputs.entries()) {
      if (comments[i]) continue;
      const key = cacheKey(input, request.options);
      const bad = failed.get(key);
      if (bad?.kind === 'missing') return bad;
      if (bad) retry = true;
      else comments[i] = found.get(key)!;
    }
    // the file's own run, with the file's own time limit: what a file checked alone would have got
    return retry
      ? checkScriptsSync(request.inputs, request.options)
      : { kind: 'ok', comments: comments as Comment[][] };
  });
}

/** The batcher the shellcheck rule hands its scripts to when the engine lints many files (`lintFiles`). */
export const shellcheckBatcher: Batcher<ScriptsRequest, ScriptsResult> = { run: runBatch };
