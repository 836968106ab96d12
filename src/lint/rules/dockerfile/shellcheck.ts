import type { DockerfileModel, Instruction } from '../../dockerfile/model.js';
import { SYSTEM_SH_HAS, systemSh } from '../../dockerfile/system-sh.js';
import { runMounts } from '../../dockerfile/mounts.js';
import { shellText } from '../../dockerfile/run-shell.js';
import { defineRule, type FixProposal, type Report } from '../../rule.js';
import type { ShellScript } from '../../shell/parser.js';
import type { Severity, SeveritySetting, Span, TextEdit } from '../../types.js';
import { code } from '../../quote.js';
import {
  checkScriptsSync,
  shellcheckBatcher,
  type Comment,
  type ScriptsResult,
  type ShellcheckOptions,
} from '../../shell/shellcheck-process.js';
import { table } from '../../table.js';

/**
 * ShellCheck on the shell of every `RUN`. All RUNs of a Dockerfile go to ONE shellcheck process (with the RUNs of
 * every other file when the engine lints many together: shellcheck-process.ts), each as its own small file: every
 * RUN is a separate shell in the build, so each is analysed on its own (an `exit`, a variable or an unterminated
 * quote in one cannot affect another), and each file carries its own dialect in its shebang. Findings are mapped
 * back to exact Dockerfile offsets through the script's `toFile`.
 */

/**
 * Severity per ShellCheck code (`SC2086: off`), from config `rules: { SC2086: off }`, `.hadolint.yaml` and
 * `--rule SC2086=off`: a code is one check of this rule, so its setting leaves the other codes as they are.
 */
function codeSettings(value: unknown): ReadonlyMap<string, SeveritySetting> {
  const out = new Map<string, SeveritySetting>();
  if (value === null || typeof value !== 'object') return out;
  for (const [code, setting] of Object.entries(value as Record<string, unknown>)) {
    if (typeof setting === 'string' && (setting === 'off' || setting in LEVELS))
      out.set(code.toUpperCase(), setting as SeveritySetting);
  }
  return out;
}

/** Variables BuildKit passes to every RUN without an ARG (the proxy build arguments). */
const PREDEFINED = [
  'HTTP_PROXY',
  'http_proxy',
  'HTTPS_PROXY',
  'https_proxy',
  'FTP_PROXY',
  'ftp_proxy',
  'NO_PROXY',
  'no_proxy',
  'ALL_PROXY',
  'all_proxy',
];

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** `# hadolint shell=bash` (hadolint's pragma), also spelled `# dockreview shell=bash`. */
const SHELL_PRAGMA = /^[ \t]*#[ \t]*(?:hadolint|dockreview)[ \t]+shell[ \t]*=[ \t]*([^\s#]+)/gm;
const LEVELS: Record<string, Severity> = table({
  error: 'error',
  warning: 'warning',
  info: 'info',
  style: 'style',
});

/** ShellCheck's dialect for a shell executable, or null when ShellCheck cannot read that shell. */
function dialectOf(exe: string): string | null {
  const base = exe
    .toLowerCase()
    .replace(/\\/g, '/')
    .replace(/^.*\//, '')
    .replace(/\.exe$/, '');
  switch (base) {
    case 'sh':
    case 'ash':
    case 'busybox':
      return 'sh';
    case 'bash':
    case 'dash':
      return base;
    case 'ksh':
    case 'mksh':
    case 'ksh93':
      return 'ksh';
    default:
      return null;
  }
}

function dialectOfShell(argv: readonly string[]): string | null {
  const exe = argv[0] ?? '/bin/sh';
  // SHELL ["/usr/bin/env", "bash", "-c"]
  if (/(^|\/)env$/.test(exe) && argv[1]) return dialectOf(argv[1]);
  return dialectOf(exe);
}

/** The shell pragmas of the file, in order: each applies to the instructions after it. */
function shellPragmas(text: string): { at: number; dialect: string | null }[] {
  if (!text.includes('shell')) return [];
  const out: { at: number; dialect: string | null }[] = [];
  for (const m of text.matchAll(SHELL_PRAGMA)) out.push({ at: m.index, dialect: dialectOf(m[1]!) });
  return out;
}

/** Names ShellCheck must see as set: ARG/ENV in scope, BuildKit's proxy args, `--mount=type=secret,env=…`. */
function declaredNames(model: DockerfileModel, ins: Instruction): string[] {
  const names = new Set(PREDEFINED);
  const host = ins.onbuild ?? ins;
  for (const [name, decl] of model.varsAt(host)) {
    // an ONBUILD trigger runs in the child build: only ENV is inherited there, ARGs are not
    if (ins.onbuild && decl.kind !== 'ENV') continue;
    names.add(name);
  }
  for (const mount of runMounts(ins)) {
    const env = mount.options.get('env');
    if (env) names.add(env);
  }
  return [...names].filter((n) => IDENTIFIER.test(n));
}

interface Job {
  instruction: Instruction;
  script: Pick<ShellScript, 'text' | 'toFile'>;
  /** The text given to ShellCheck: a header (shebang, declarations), then the script. */
  input: string;
  headerLength: number;
  /** Start offset of each line of `input`. */
  lineStarts: number[];
  /** POSIX notes (SC3xxx) about features the real `/bin/sh` of the base image has (see SYSTEM_SH_HAS). */
  has: ReadonlySet<number>;
}

const NONE: ReadonlySet<number> = new Set();

/** Offset in `job.input` of a ShellCheck position: 1-based line, 1-based column counted in code points. */
function inputOffset(job: Job, line: number, column: number): number {
  const start = job.lineStarts[Math.max(0, Math.min(line - 1, job.lineStarts.length - 1))]!;
  let i = start;
  for (let c = 1; c < column && i < job.input.length && job.input[i] !== '\n'; c++) {
    i += job.input.codePointAt(i)! > 0xffff ? 2 : 1;
  }
  return i;
}

/** Offset in the script (negative inside the header). */
function scriptOffset(job: Job, line: number, column: number): number {
  return inputOffset(job, line, column) - job.headerLength;
}

function fileSpan(job: Job, from: number, to: number): Span {
  const { script } = job;
  const len = script.text.length;
  const a = Math.max(0, Math.min(from, len));
  const b = Math.max(a, Math.min(to, len));
  const start = script.toFile(a);
  return { start, end: b > a ? script.toFile(b - 1) + 1 : start };
}

/** ShellCheck's replacements as edits on the Dockerfile, or null when they cannot be applied exactly. */
function toFix(job: Job, comment: Comment): FixProposal | null {
  const reps = comment.fix?.replacements ?? [];
  if (reps.length === 0) return null;
  const { script, instruction } = job;
  const inHeredoc =
    instruction.heredocs.length > 0 && script.toFile(0) === instruction.heredocs[0]!.contentSpan.start;
  const edits: TextEdit[] = [];
  for (const r of reps) {
    const from = scriptOffset(job, r.line, r.column);
    const to = scriptOffset(job, r.endLine, r.endColumn);
    if (from < 0 || to < from || to > script.text.length) return null;
    // a new line would end the RUN instruction (outside a heredoc body)
    if (!inHeredoc && /[\r\n]/.test(r.replacement)) return null;
    let start: number;
    let end: number;
    if (from === to) {
      // an insertion: `beforeStart` belongs to the text before it, `afterEnd` to the text after it; that matters
      // where a line continuation lies between the two
      start = end =
        r.insertionPoint === 'beforeStart' && from > 0 ? script.toFile(from - 1) + 1 : script.toFile(from);
    } else {
      const span = fileSpan(job, from, to);
      // a range across a line continuation would delete the continuation too
      if (span.end - span.start !== to - from) return null;
      ({ start, end } = span);
    }
    edits.push({ start, end, text: r.replacement });
  }
  return { description: `apply ShellCheck's fix for SC${comment.code}`, edits, safe: false };
}

export default defineRule({
  id: 'shellcheck',
  aliases: ['SC'],
  kind: 'dockerfile',
  severity: 'warning',
  severityNote: 'each finding at the level ShellCheck gives it: error, warning, info or style',
  fixable: 'sugg',
  summary: 'ShellCheck findings in the shell of `RUN`',
  why: 'A `RUN` is a shell script: unquoted expansions, wrong tests and misspelt variables break builds in ways that only show on some inputs. ShellCheck finds them before the build does.',
  schema: {
    shellcheckPath: {
      type: 'string',
      default: 'shellcheck',
      description: 'The ShellCheck executable.',
      hostOnly: '`--shellcheck PATH` on the command line or the DOCKREVIEW_SHELLCHECK environment variable',
    },
    timeoutMs: {
      type: 'integer',
      minimum: 1,
      default: 10_000,
      description: 'How long ShellCheck may run on one file, in milliseconds.',
      hostOnly:
        '`--shellcheck-timeout MS` on the command line or the DOCKREVIEW_SHELLCHECK_TIMEOUT_MS environment variable',
    },
    codes: {
      type: 'object',
      additionalProperties: { type: 'string', enum: ['off', 'style', 'info', 'warning', 'error'] },
      default: {},
      description:
        'Severity per ShellCheck code (`SC2086: off`); set through `rules: { SC2086: off }`, `.hadolint.yaml` or `--rule SC2086=off`.',
    },
  },
  defers: true,
  check({ model, report, incomplete, options, defer }) {
    const opts: ShellcheckOptions = {
      shellcheckPath:
        typeof options.shellcheckPath === 'string' && options.shellcheckPath
          ? options.shellcheckPath
          : 'shellcheck',
      timeoutMs: typeof options.timeoutMs === 'number' && options.timeoutMs > 0 ? options.timeoutMs : 10_000,
    };
    const jobs = scriptJobs(model);
    if (jobs.length === 0) return;
    const inputs = jobs.map((j) => j.input);
    const codes = codeSettings(options.codes);
    const finish = (result: ScriptsResult): void =>
      reportResult(jobs, result, opts, codes, report, incomplete);
    // many files linted together: this file's scripts join the run's batch, and are reported once it is checked
    if (defer) defer(shellcheckBatcher, { inputs, options: opts }, finish);
    else finish(checkScriptsSync(inputs, opts));
  },
});

/** ShellCheck's input for every `RUN` of the file it can check (its dialect known), in file order. */
function scriptJobs(model: DockerfileModel): Job[] {
  const pragmas = shellPragmas(model.source.text);
  const jobs: Job[] = [];
  for (const ins of model.each('RUN')) {
    const script = shellText(ins);
    if (!script || ins.json || script.text.trim() === '') continue;
    const host = ins.onbuild ?? ins;
    const pragma = pragmas.filter((p) => p.at < host.span.start).at(-1);
    const dialect = pragma ? pragma.dialect : dialectOfShell(model.shellAt(host));
    if (!dialect) continue;
    // `sh` is whatever /bin/sh the base image has: its notes follow that shell
    const shell = model.shellAt(host)[0] ?? '/bin/sh';
    const system =
      !pragma && dialect === 'sh' && host.stage && /^(?:\/usr)?\/bin\/a?sh$/.test(shell)
        ? systemSh(host.stage, ins)
        : null;
    const names = declaredNames(model, ins);
    // where /bin/sh is bash, the script is bash: its bash-only syntax is no portability problem
    const checkedAs = system === 'bash' ? 'bash' : dialect;
    const header = `#!/bin/${checkedAs}\n${names.length > 0 ? `export ${names.join(' ')}\n` : ''}`;
    const input = `${header}${script.text}${script.text.endsWith('\n') ? '' : '\n'}`;
    const lineStarts = [0];
    for (let i = 0; i < input.length; i++) if (input[i] === '\n') lineStarts.push(i + 1);
    jobs.push({
      instruction: ins,
      script,
      input,
      headerLength: header.length,
      lineStarts,
      has: system === 'dash' || system === 'ash' ? SYSTEM_SH_HAS[system] : NONE,
    });
  }
  return jobs;
}

/** The file's findings from ShellCheck's comments on its scripts, or the one note that says why there are none. */
function reportResult(
  jobs: readonly Job[],
  result: ScriptsResult,
  opts: ShellcheckOptions,
  codes: ReadonlyMap<string, SeveritySetting>,
  report: (r: Report) => void,
  incomplete: (reason: string) => void,
): void {
  const fileStart: Span = { start: 0, end: 0 };
  if (result.kind !== 'ok') {
    const why =
      result.kind === 'missing'
        ? `ShellCheck is not installed (${code(opts.shellcheckPath)} was not found), so the shell in this file's \`RUN\` instructions was not checked.`
        : result.kind === 'timeout'
          ? `ShellCheck did not finish within ${opts.timeoutMs} ms, so the shell in this file's \`RUN\` instructions was not checked.`
          : `ShellCheck failed (${result.reason}), so the shell in this file's \`RUN\` instructions was not checked.`;
    report({ at: fileStart, message: why, severity: 'info', aliases: [] });
    // a ShellCheck that timed out or failed on this file's scripts leaves the review incomplete (a crafted RUN can
    // make it slow); one that is not installed is the host's choice, the same for every file, and only noted
    if (result.kind !== 'missing')
      incomplete(
        `ShellCheck did not check its \`RUN\` scripts (${result.kind === 'timeout' ? 'it timed out' : 'it failed'})`,
      );
    return;
  }
  for (const [i, job] of jobs.entries())
    for (const c of result.comments[i] ?? []) reportComment(job, c, codes.get(`SC${c.code}`), report);
}

function reportComment(
  job: Job,
  c: Comment,
  setting: SeveritySetting | undefined,
  report: (r: Report) => void,
): void {
  if (job.has.has(c.code) || setting === 'off') return;
  const from = scriptOffset(job, c.line, c.column);
  // the header is ours: nothing there is the author's
  if (from < 0) return;
  const to = Math.max(from, scriptOffset(job, c.endLine, c.endColumn));
  const fix = toFix(job, c);
  report({
    at: fileSpan(job, from, to),
    message: `SC${c.code}${subject(job, from, to, c.message)}: ${c.message}`,
    severity: setting ?? LEVELS[c.level] ?? 'warning',
    aliases: [`SC${c.code}`],
    ...(fix ? { fix } : {}),
  });
}

/** The longest word or expression a message quotes; a longer one is left out rather than cut. */
const SUBJECT_LIMIT = 60;

/**
 * What a ShellCheck comment is about, as ` on \`…\`` for its message: ShellCheck's title rarely names it ("Double
 * quote to prevent globbing and word splitting"), and a review comment sits on a whole line of a long `RUN`. Left
 * out when ShellCheck's own text already names it (SC2034 "x appears unused"), or when it is empty, spans lines or
 * is too long to read in a sentence (the comment's place shows it).
 */
function subject(job: Job, from: number, to: number, message: string): string {
  if (to - from > SUBJECT_LIMIT) return '';
  const text = job.script.text.slice(from, to).trim();
  // a one-character subject (`*`) is in almost any message by chance: only a longer one counts as named there
  if (text === '' || text.includes('\n') || (text.length > 1 && message.includes(text))) return '';
  return ` on ${code(text)}`;
}
