import { isPosixShell } from '../../dockerfile/model.js';
import { defineRule } from '../../rule.js';
import { code } from '../../quote.js';

/** The signal names Docker knows on Linux, without the `SIG` prefix. */
const NAMES = new Set([
  'ABRT',
  'ALRM',
  'BUS',
  'CHLD',
  'CLD',
  'CONT',
  'FPE',
  'HUP',
  'ILL',
  'INT',
  'IO',
  'IOT',
  'KILL',
  'PIPE',
  'POLL',
  'PROF',
  'PWR',
  'QUIT',
  'SEGV',
  'STKFLT',
  'STOP',
  'SYS',
  'TERM',
  'TRAP',
  'TSTP',
  'TTIN',
  'TTOU',
  'UNUSED',
  'URG',
  'USR1',
  'USR2',
  'VTALRM',
  'WINCH',
  'XCPU',
  'XFSZ',
  'RTMIN',
  'RTMAX',
]);
/** `RTMIN+1`…`RTMIN+15` and `RTMAX-14`…`RTMAX-1`. */
const REALTIME = /^RT(MIN\+|MAX-)([1-9]|1[0-5])$/;
/** Linux has signals 1 to 64. */
const MAX_SIGNAL = 64;

/** STOPSIGNAL must name a signal the runtime can send. */
export default defineRule({
  id: 'valid-stopsignal',
  aliases: ['DFU:INVALID_SIGNAL'],
  kind: 'dockerfile',
  severity: 'error',
  fixable: false,
  summary: '`STOPSIGNAL` that names no real signal',
  why: 'The builder refuses a `STOPSIGNAL` it cannot parse, and a number no kernel signal has makes `docker stop` fail: the container is then killed only after the grace period.',
  check({ model, report }) {
    for (const ins of model.each('STOPSIGNAL')) {
      const stage = ins.stage;
      // Windows containers are stopped differently; leave their STOPSIGNAL alone
      if (stage && !isPosixShell(stage.shell)) continue;
      const [arg, extra] = ins.args;
      if (!arg) continue;
      if (extra) {
        report({
          at: { start: arg.span.start, end: ins.args[ins.args.length - 1]!.span.end },
          message: `\`STOPSIGNAL\` takes exactly one signal, not ${ins.args.length} words.`,
        });
        continue;
      }
      const q = /^(["'])(.*)\1$/s.exec(arg.value);
      const signal = q ? q[2]! : arg.value;
      // a variable may be set by --build-arg: its value is only known at build time
      if (signal.includes('$')) continue;
      const problem = signalProblem(signal);
      if (problem) report({ at: arg.span, message: `${code(`STOPSIGNAL ${signal}`)}: ${problem}.` });
    }
  },
});

function signalProblem(signal: string): string | null {
  if (/^\d+$/.test(signal)) {
    const n = Number(signal);
    return n >= 1 && n <= MAX_SIGNAL ? null : `signal numbers go from 1 to ${MAX_SIGNAL}, not ${n}`;
  }
  const upper = signal.toUpperCase();
  const name = upper.startsWith('SIG') ? upper.slice(3) : upper;
  if (NAMES.has(name) || REALTIME.test(name)) return null;
  const close = [...NAMES].find((n) => n.length > 2 && (name.includes(n) || n.includes(name)) && name !== '');
  return `${code(signal)} is not a signal name${close ? ` (did you mean ${code(`SIG${close}`)}?)` : ''}: use a name such as \`SIGTERM\`, \`SIGINT\` or \`SIGQUIT\`, or its number`;
}
