import type { DockerfileModel, Instruction, KeyValue, VarDecl } from '../../dockerfile/model.js';
import type { SimpleCommand, Word } from '../../shell/parser.js';
import { defineRule, type Report } from '../../rule.js';
import type { Span } from '../../types.js';
import { argsOf, type RunCommand, runCommands, subcommand } from '../../dockerfile/run.js';
import { replaceVarRefs } from '../../dockerfile/var-syntax.js';
import { code } from '../../quote.js';
import { isSecretName, nameTokens } from '../../secrets.js';

export interface VarRef {
  name: string;
  /** Offsets in the scanned text. */
  start: number;
  end: number;
}

/** `$NAME` and `${NAME…}` references the shell (or the builder) expands: not in single quotes, not escaped. */
export function varRefs(raw: string, escape = '\\'): VarRef[] {
  const out: VarRef[] = [];
  let inDouble = false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c === escape) {
      i++;
    } else if (c === "'" && !inDouble) {
      const close = raw.indexOf("'", i + 1);
      if (close < 0) break;
      i = close;
    } else if (c === '"') {
      inDouble = !inDouble;
    } else if (c === '$') {
      const m = /^\$(?:\{([A-Za-z_][A-Za-z0-9_]*)[^}]*\}|([A-Za-z_][A-Za-z0-9_]*))/.exec(raw.slice(i));
      if (m) {
        out.push({ name: (m[1] ?? m[2])!, start: i, end: i + m[0].length });
        i += m[0].length - 1;
      }
    }
  }
  return out;
}

/** A value written out in the Dockerfile, as opposed to one that only forwards `$OTHER`. */
function isLiteral(value: string | null): boolean {
  if (!value) return false;
  const rest = replaceVarRefs(value, '', true);
  return /[A-Za-z0-9]/.test(rest);
}

/** `GPG_KEY` in official images is a public key fingerprint, not a secret. */
function isKeyFingerprint(name: string, value: string | null): boolean {
  const tokens = nameTokens(name);
  return (
    (tokens.includes('gpg') || tokens.includes('pgp')) &&
    !!value &&
    /^(?:[0-9A-Fa-f]{4}\s?){10}$/.test(value.trim())
  );
}

function secretId(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '_');
}

/** Files a RUN writes but does not keep: the shell's own streams and devices. */
function isDevice(path: string): boolean {
  return path.startsWith('/dev/') || /^&?\d+$/.test(path) || path === '-';
}

const OUTPUT_REDIRECTS = new Set(['>', '>>', '>|', '&>', '&>>']);

function normalisePath(path: string): string {
  return path
    .replace(/^(?:\$\{HOME\}|\$HOME|\/root)(?=\/|$)/, '~')
    .replace(/^\.\//, '')
    .replace(/(?<!\/)\/+$/, '');
}

function samePath(a: string, b: string): boolean {
  const x = normalisePath(a);
  const y = normalisePath(b);
  if (x === y) return true;
  const base = (p: string): string => p.slice(p.lastIndexOf('/') + 1);
  // a relative name and a full path with the same file name: most likely the same file
  return base(x) === base(y) && (!x.includes('/') || !y.includes('/'));
}

/** A later `rm` in the same RUN deletes the file, so it never reaches the layer. */
function removedLater(commands: readonly RunCommand[], after: SimpleCommand, file: string): boolean {
  return commands.some(
    (c) =>
      c.command.index > after.index &&
      c.inv.tool === 'rm' &&
      argsOf(c.inv).positionals.some((w) => samePath(w.value, file)),
  );
}

/** Names given to a secret mount as environment variables: `--mount=type=secret,id=x,env=TOKEN`. */
function secretMountEnvs(ins: Instruction): Set<string> {
  const out = new Set<string>();
  for (const flag of ins.flags) {
    if (flag.name.toLowerCase() !== 'mount' || !flag.value) continue;
    const opts = new Map(
      flag.value
        .split(',')
        .map((kv) => [kv.split('=')[0]!.trim().toLowerCase(), kv.slice(kv.indexOf('=') + 1).trim()] as const),
    );
    if (opts.get('type') === 'secret' && opts.get('env')) out.add(opts.get('env')!);
  }
  return out;
}

/**
 * Secret variables that hold a real value at this instruction: build args in scope (ENVs are reported where they
 * are set) and secret mounts exposed as env. An ONBUILD trigger runs in a later build whose args are unknown, so
 * there the name alone counts.
 */
function secretVarsAt(
  model: DockerfileModel,
  ins: Instruction,
): (name: string) => VarDecl | 'mount' | 'onbuild' | null {
  // looked up only for a secret-looking name: asked per command, eager maps would be quadratic in a long stage
  let mounts: ReadonlySet<string> | undefined;
  return (name) => {
    if (!isSecretName(name)) return null;
    if ((mounts ??= secretMountEnvs(ins)).has(name)) return 'mount';
    if (ins.onbuild) return 'onbuild';
    const decl = model.varsAt(ins).get(name);
    return decl && decl.kind === 'ARG' ? decl : null;
  };
}

/** Leaks a RUN makes permanent: a secret variable printed into a file that stays in the layer. */
function checkRun(
  model: DockerfileModel,
  commands: readonly RunCommand[],
  report: (r: Report) => void,
  seen: Set<string>,
): void {
  for (const rc of commands) {
    const { command, inv, instruction } = rc;
    const isSecret = secretVarsAt(model, instruction);
    let words: Word[];
    let file: string | undefined;
    let writer = inv.tool;
    if (inv.tool === 'echo' || inv.tool === 'printf') {
      words = inv.args;
      file = command.redirects.find((r) => OUTPUT_REDIRECTS.has(r.op) && !isDevice(r.target))?.target;
      if (file === undefined && command.nextOp === '|') {
        // `echo "$TOKEN" | tee file`
        const next = commands.find(
          (c) =>
            c.instruction === instruction &&
            c.command.index > command.index &&
            c.command.inSubstitution === command.inSubstitution,
        );
        if (next?.command.prevOp === '|' && next.inv.tool === 'tee') {
          file = argsOf(next.inv).positionals.find((w) => !isDevice(w.value))?.value;
          if (
            file !== undefined &&
            removedLater(
              commands.filter((c) => c.instruction === instruction),
              next.command,
              file,
            )
          )
            continue;
        }
      }
    } else if (['npm', 'pnpm', 'yarn'].includes(inv.tool)) {
      // `npm config set //registry/:_authToken $NPM_TOKEN` writes the user's rc file
      const args = argsOf(inv);
      if (subcommand(args) !== 'config' || args.positionals[1]?.value !== 'set') continue;
      words = args.positionals.slice(2);
      file = inv.tool === 'yarn' ? '~/.yarnrc' : '~/.npmrc';
      writer = `${inv.tool} config set`;
    } else continue;
    if (file === undefined) continue;
    if (
      removedLater(
        commands.filter((c) => c.instruction === instruction),
        command,
        file,
      )
    )
      continue;
    for (const word of words) {
      if (!word.dynamic) continue;
      const ref = varRefs(word.raw).find((r) => isSecret(r.name));
      if (!ref) continue;
      const key = `${word.start}:${word.end}`;
      if (seen.has(key)) continue;
      seen.add(key);
      report({
        at: { start: word.start, end: word.end },
        messageId: 'writtenToFile',
        data: {
          writer: code(writer),
          secret: code(`$${ref.name}`),
          file: code(file),
          mount: code(`RUN --mount=type=secret,id=${secretId(ref.name)},target=…`),
        },
      });
    }
  }
}

/** Build args and environment variables whose names or values hold secrets. */
export default defineRule({
  id: 'no-secrets-in-arg-env',
  aliases: ['DL3064', 'SecretsUsedInArgOrEnv', 'DS-0031'],
  kind: 'dockerfile',
  severity: 'warning',
  severityNote: 'error when the value is written in the Dockerfile',
  fixable: false,
  summary: 'Secret in an `ARG` or `ENV`, or a secret build arg copied into the image',
  why: 'Build args and ENV values are saved in the image history and config, and files written by RUN stay in their layer: anyone who can pull the image can read the secret.',
  messages: {
    secretArg:
      'Build arg {{name}} looks like a secret, and build args are recorded in the image history{{literal}}: use {{mount}} in the steps that need it.',
    globalArg:
      'Global build arg {{name}} looks like a secret{{literal}}: no stage declares it, but anyone who reads the Dockerfile has the value; remove it and use {{mount}} in the steps that need it.',
    argToEnv:
      '{{env}} copies the secret build arg {{arg}} into the image config, where `docker inspect` shows it{{literal}}: use {{mount}} in the steps that need it.',
    secretEnv:
      '{{env}} looks like a secret, and ENV values are stored in the image config{{literal}}: use {{mount}} in the steps that need it.',
    copiedToConfig:
      '{{instruction}} copies the secret build arg {{arg}} into the image config, where `docker inspect` shows it: read it from {{mount}} in the steps that need it.',
    writtenToFile:
      '{{writer}} writes the secret {{secret}} into {{file}}, which stays in this image layer: delete the file in the same `RUN`, or mount it with {{mount}} instead.',
  },
  check({ model, report }) {
    const text = model.source.text;
    // a global ARG reaches a stage's RUNs (and so the image history) only when the stage declares it again; one
    // that no stage declares is reported only for a value written in the file (hadolint reports every one: a
    // precision call, labelled so on a real file whose global ARG only a secret mount ever fed)
    let stageArgs: ReadonlySet<string> | undefined;
    const reachesAStage = (name: string): boolean =>
      (stageArgs ??= new Set(
        model
          .each('ARG')
          .filter((i) => i.stage)
          .flatMap((i) => i.pairs.map((p) => p.name)),
      )).has(name);
    for (const ins of model.each('ARG', 'ENV', 'LABEL')) {
      const isSecret = secretVarsAt(model, ins);
      for (const pair of ins.pairs) {
        const globalOnly = ins.keyword === 'ARG' && !ins.stage && !ins.onbuild && !reachesAStage(pair.name);
        if (globalOnly && !isLiteral(pair.value)) continue;
        const raw = pair.valueSpan ? text.slice(pair.valueSpan.start, pair.valueSpan.end) : '';
        const flows =
          ins.keyword === 'ARG' ? [] : varRefs(raw, model.escape).filter((r) => isSecret(r.name) !== null);
        if (ins.keyword !== 'LABEL' && isSecretName(pair.name) && !isKeyFingerprint(pair.name, pair.value)) {
          reportName(ins, pair, flows[0]?.name, report, globalOnly);
          continue;
        }
        // a harmless name, but the value carries a secret build arg into the image config
        for (const ref of flows) {
          const start = pair.valueSpan!.start + ref.start;
          report({
            at: { start, end: pair.valueSpan!.start + ref.end },
            messageId: 'copiedToConfig',
            data: {
              instruction: code(`${ins.keyword} ${pair.name}=$${ref.name}`),
              arg: code(ref.name),
              mount: code(`RUN --mount=type=secret,id=${secretId(ref.name)}`),
            },
          });
        }
      }
    }
    checkRun(model, runCommands(model), report, new Set());
  },
});

function reportName(
  ins: Instruction,
  pair: KeyValue,
  flowsFrom: string | undefined,
  report: (r: Report) => void,
  globalOnly: boolean,
): void {
  const literal = isLiteral(pair.value);
  const id = secretId(pair.name);
  const messageId = globalOnly
    ? 'globalArg'
    : ins.keyword === 'ARG'
      ? 'secretArg'
      : flowsFrom
        ? 'argToEnv'
        : 'secretEnv';
  const value = literal ? ' (its value is written in the Dockerfile itself)' : '';
  report({
    at: pair.nameSpan as Span,
    severity: literal ? 'error' : undefined,
    messageId,
    data: {
      name: code(pair.name),
      env: code(`ENV ${pair.name}`),
      arg: code(flowsFrom ?? ''),
      literal: value,
      mount: code(`RUN --mount=type=secret,id=${id}`),
    },
  });
}
