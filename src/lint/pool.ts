/**
 * Linting off the event loop: a pool of worker threads, each running the lint engine on one file at a time, with a
 * hard deadline per file and an optional one per batch (a review).
 *
 * Why: a file from a pull request is hostile input. The engine is synchronous and its own time budget is checked only
 * between rules, so a rule that takes long on a crafted file would freeze the whole server (webhooks, `/healthz`,
 * every other review). In a worker it only costs that worker: past its deadline the worker is terminated and
 * replaced, and the file gets a result that says it was not reviewed — never a silent success.
 */
import { availableParallelism } from 'node:os';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { FileResult, LintConfig } from './engine.js';
import { fileFinding } from './limits.js';
import type { FileKind } from './types.js';

/** One file to lint: what `lintSource` takes, in a form that crosses to a worker (no functions). */
export interface PoolInput {
  path: string;
  text: string;
  kind: FileKind;
  /** The real size when `text` is only part of the file. */
  byteSize?: number;
  /** Files the caller fetched, by path (text, or null when missing): rules read related files from here. */
  available?: ReadonlyMap<string, string | null>;
  /** Lines whose inline ignore pragmas are not honoured (the config's `pragmas: base-only`). */
  ignoredPragmaLines?: readonly number[];
}

export interface PoolOptions {
  /** Worker threads; default one per core, at most 4. */
  size?: number;
  /** A file still being linted after this long is stopped: its worker is terminated and replaced. */
  fileDeadlineMs?: number;
  /** Path of the worker script (default: `pool-worker.js` of the build). */
  workerUrl?: URL;
}

/**
 * A small young generation for each worker: a lint job allocates briefly and keeps nothing, so frequent cheap
 * scavenges cost little, while V8's default (up to 16 MB a semi-space per isolate) is resident memory the server
 * pays once per worker. Measured on 120 corpus Dockerfiles through a pool of 2: peak RSS 273 -> 230 MB.
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 4 };

/** What a worker lints once as it starts (see `warm`): a build stage and a runtime stage, as most files have. */
const WARM_UP_DOCKERFILE = [
  'FROM node:20 AS build',
  'WORKDIR /app',
  'COPY package.json package-lock.json ./',
  'RUN npm ci && npm cache clean --force',
  'COPY . .',
  'RUN npm run build',
  'FROM debian:bookworm-slim',
  'RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*',
  'COPY --from=build /app/dist /app',
  'USER 1000',
  'EXPOSE 3000',
  'CMD ["node", "/app/server.js"]',
  '',
].join('\n');

/** Generous: a corpus file lints in milliseconds; only crafted input or a stuck ShellCheck comes near this. */
export const FILE_DEADLINE_MS = 15_000;

export const LINT_DEADLINE_RULE = 'lint-time-budget';

type Request =
  | { id: number; op: 'lint'; input: PoolInput; config: LintConfig }
  | { id: number; op: 'lintMany'; inputs: PoolInput[]; config: LintConfig }
  | { id: number; op: 'related'; path: string; kind: FileKind; text: string };

/** Files of one review, gathered in one turn of the event loop, waiting to go to workers in groups. */
interface Gathered {
  config: LintConfig;
  deadline: number;
  files: { input: PoolInput; resolve(result: FileResult): void; reject(err: Error): void }[];
}

/** A group's answer when its deadline passes or its worker dies: its files are then linted one by one. */
const ONE_BY_ONE = Symbol('one by one');
type Reply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string };

interface Job {
  request: Request;
  /** Absolute time (performance.now) after which the job is not started, or stopped. */
  deadline: number;
  resolve(value: unknown): void;
  reject(err: Error): void;
  /** The answer when a deadline passes first: `ms` is the limit it ran into, null when it never started. */
  late(ms: number | null): unknown;
}

interface Slot {
  worker: Worker;
  job: Job | null;
  timer: NodeJS.Timeout | null;
}

/** Where the worker script is: next to this module in the build; the tests run the sources, so they use the build. */
function defaultWorkerUrl(): URL {
  const own = new URL('./pool-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(own))) return own;
  return new URL('../../dist/lint/pool-worker.js', import.meta.url);
}

export class LintPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private readonly gathered: Gathered[] = [];
  private readonly size: number;
  private readonly fileDeadlineMs: number;
  private readonly workerUrl: URL;
  private nextId = 1;
  private closed = false;
  /** Workers terminated for running past a deadline (for logs and tests). */
  terminated = 0;

  constructor(options: PoolOptions = {}) {
    this.size = Math.max(1, options.size ?? Math.min(4, availableParallelism()));
    this.fileDeadlineMs = options.fileDeadlineMs ?? FILE_DEADLINE_MS;
    this.workerUrl = options.workerUrl ?? defaultWorkerUrl();
  }

  /**
   * Lints one file in a worker. Resolves, never rejects for the file's sake: a file that ran past its deadline (or
   * the batch's `deadline`, an absolute `performance.now()` time) comes back as not reviewed, with `incomplete` set.
   *
   * Files asked for in the same turn of the event loop with the same config object and deadline are one review's
   * (the app lints a review's files that way): they go to the workers in groups, at most one per worker, and each
   * worker lints its group together (`lintFiles`: one ShellCheck run for all their RUNs). A group that runs past
   * its deadline, or whose worker dies, is not trusted for any of its files: each is linted again on its own, with
   * its own deadline, so a crafted file costs only itself.
   */
  lint(input: PoolInput, config: LintConfig, deadline = Infinity): Promise<FileResult> {
    if (this.closed) return Promise.reject(new Error('the lint pool was closed'));
    return new Promise((resolve, reject) => {
      let gathered = this.gathered.find((g) => g.config === config && g.deadline === deadline);
      if (!gathered) {
        if (this.gathered.length === 0) queueMicrotask(() => this.sendGathered());
        this.gathered.push((gathered = { config, deadline, files: [] }));
      }
      gathered.files.push({ input, resolve, reject });
    });
  }

  /** One file, on its own. */
  private lintOne(input: PoolInput, config: LintConfig, deadline: number): Promise<FileResult> {
    const late = (ms: number | null): FileResult => notReviewed(input, ms);
    return this.submit(
      { id: this.nextId++, op: 'lint', input, config },
      deadline,
      late,
    ) as Promise<FileResult>;
  }

  private sendGathered(): void {
    for (const { config, deadline, files } of this.gathered.splice(0)) {
      const groups = Math.min(this.size, files.length);
      const per = Math.ceil(files.length / groups);
      for (let i = 0; i < files.length; i += per) {
        const group = files.slice(i, i + per);
        const oneByOne = (): void => {
          for (const f of group) this.lintOne(f.input, config, deadline).then(f.resolve, f.reject);
        };
        if (group.length === 1) {
          oneByOne();
          continue;
        }
        const request: Request = {
          id: this.nextId++,
          op: 'lintMany',
          inputs: group.map((f) => f.input),
          config,
        };
        this.submit(request, deadline, () => ONE_BY_ONE).then((value) => {
          if (value === ONE_BY_ONE) return oneByOne();
          for (const [n, f] of group.entries()) f.resolve((value as FileResult[])[n]!);
        }, oneByOne);
      }
    }
  }

  /**
   * The related files a file names (for a Compose file its YAML is parsed, so in a worker too); null when a
   * deadline passed first.
   */
  relatedPaths(path: string, kind: FileKind, text: string, deadline = Infinity): Promise<string[] | null> {
    const request: Request = { id: this.nextId++, op: 'related', path, kind, text };
    return this.submit(request, deadline, () => null) as Promise<string[] | null>;
  }

  /** Worker threads alive now. */
  get workers(): number {
    return this.slots.length;
  }

  /**
   * Starts every worker now, so the first files do not wait for them; resolves once each has loaded the engine and
   * answered (a worker that fails to start rejects it).
   */
  async warm(): Promise<void> {
    const pings: Promise<unknown>[] = [];
    while (!this.closed && this.slots.length < this.size) {
      const slot = this.spawn();
      // the engine (and its shell parser) loads as the worker starts; a first lint of a small but ordinary file
      // then runs the rules once, so that their code is compiled and the shell parser's first call (its slowest: it
      // touches megabytes of fresh WASM memory) is paid now, not by the first review (ShellCheck, a process of its
      // own, is left out)
      pings.push(
        new Promise((resolve, reject) => {
          const request: Request = {
            id: this.nextId++,
            op: 'lint',
            input: { path: 'Dockerfile', text: WARM_UP_DOCKERFILE, kind: 'dockerfile' },
            config: { rules: { shellcheck: { severity: 'off' } } },
          };
          slot.job = { request, deadline: Infinity, resolve, reject, late: () => null };
          slot.worker.ref();
          slot.worker.postMessage(request);
        }),
      );
    }
    await Promise.all(pings);
  }

  /** Terminates every worker; pending jobs are rejected. */
  async close(): Promise<void> {
    this.closed = true;
    for (const g of this.gathered.splice(0))
      for (const f of g.files) f.reject(new Error('the lint pool was closed'));
    for (const job of this.queue.splice(0)) job.reject(new Error('the lint pool was closed'));
    await Promise.all(
      this.slots.splice(0).map(async (s) => {
        if (s.timer) clearTimeout(s.timer);
        s.job?.reject(new Error('the lint pool was closed'));
        await s.worker.terminate();
      }),
    );
  }

  private submit(request: Request, deadline: number, late: (ms: number | null) => unknown): Promise<unknown> {
    if (this.closed) return Promise.reject(new Error('the lint pool was closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ request, deadline, resolve, reject, late });
      this.dispatch();
    });
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      let slot = this.slots.find((s) => s.job === null);
      if (!slot && this.slots.length < this.size) slot = this.spawn();
      if (!slot) return;
      const job = this.queue.shift()!;
      const now = performance.now();
      if (job.deadline <= now) {
        job.resolve(job.late(null));
        continue;
      }
      slot.job = job;
      slot.worker.ref();
      const wait = Math.min(this.fileDeadlineMs, job.deadline - now);
      slot.timer = setTimeout(() => this.expire(slot, wait), wait);
      slot.worker.postMessage(job.request);
    }
  }

  private spawn(): Slot {
    const worker = new Worker(this.workerUrl, { resourceLimits: WORKER_LIMITS });
    const slot: Slot = { worker, job: null, timer: null };
    worker.on('message', (reply: Reply) => {
      const job = slot.job;
      if (!job || job.request.id !== reply.id) return;
      this.release(slot);
      if (reply.ok) job.resolve(reply.value);
      else job.reject(new Error(reply.error));
    });
    const fail = (err: Error): void => {
      // the worker died (out of memory, a crash in native code): its job fails, and a new worker takes the next one
      const job = slot.job;
      this.remove(slot);
      job?.reject(err);
      this.dispatch();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => {
      if (this.slots.includes(slot)) fail(new Error(`a lint worker exited with code ${code}`));
    });
    worker.unref();
    this.slots.push(slot);
    return slot;
  }

  /** The job ran past its deadline: it gets its late answer, the worker is terminated, a new one will be spawned. */
  private expire(slot: Slot, ms: number): void {
    const job = slot.job;
    this.remove(slot);
    this.terminated++;
    // terminate() returns once the thread is gone; a worker blocked in a child process may take until the child's
    // own timeout, but it no longer holds a slot: the pool goes on with a fresh worker meanwhile
    void slot.worker.terminate();
    job?.resolve(job.late(ms));
    this.dispatch();
  }

  private release(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.job = null;
    // an idle worker must not keep a CLI or Action process alive
    slot.worker.unref();
    this.dispatch();
  }

  private remove(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.job = null;
    const i = this.slots.indexOf(slot);
    if (i >= 0) this.slots.splice(i, 1);
  }
}

/** The result of a file that was stopped: one finding that says so, and the reason it is incomplete. */
function notReviewed(input: PoolInput, ms: number | null): FileResult {
  const reason =
    ms === null
      ? "the review's time ran out before it was linted"
      : `linting it did not finish within ${(ms / 1000).toFixed(1)} s, so it was stopped`;
  return {
    path: input.path,
    kind: input.kind,
    findings: [
      fileFinding(
        input.text,
        LINT_DEADLINE_RULE,
        'error',
        `This file was not reviewed: ${reason}. Split it, or simplify what makes it slow to lint.`,
      ),
    ],
    incomplete: [reason],
  };
}

let shared: LintPool | null = null;

/** The process's pool, created on first use. */
export function sharedPool(): LintPool {
  shared ??= new LintPool();
  return shared;
}
