import type { ErrorObject } from 'ajv';
import { validate } from '../../compose/generated/compose-schema.js';
import type { ComposeModel, DataPath } from '../../compose/model.js';
import { defineRule } from '../../rule.js';
import { code } from '../../quote.js';
import { notAFile } from '../../not-a-file.js';

interface Validator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

/** Compose refuses a file that does not match its specification before running anything. */
export default defineRule({
  id: 'compose-schema',
  aliases: ['dclint schema validation'],
  kind: 'compose',
  severity: 'error',
  fixable: false,
  summary: 'Compose file that is not valid YAML or does not match the Compose Specification',
  why: '`docker compose` rejects a file that does not match the Compose Specification, so a typo or a wrong type breaks `up` for everyone; unknown keys are reported as warnings, since newer Compose versions may know them.',
  messages: {
    template:
      'This file looks like a template (the {{tags}} tags from line {{line}} on), not a Compose file: it was not validated; validate the rendered file instead.',
    symlink:
      'This file holds only the path {{target}}: it looks like a symbolic link checked out as a plain file, so it was not validated.',
    /** The YAML parser's own wording, as a sentence; the template adds its full stop. */
    syntax: '{{problem}}.',
    legacyFormat:
      'This file uses the legacy Compose v1 format, with services ({{services}}) at the top level, which Compose v2 no longer reads: move them under `services:`.',
    unknownKey:
      'Unknown key {{key}}{{where}}: Compose ignores or rejects it (a typo, or a key newer than the Compose Specification this version knows).',
    emptyValue:
      '{{path}} is empty (a key with nothing after it is null in YAML) but {{problem}}: give it a value, or remove or comment out the key.',
    invalid: '{{path}} {{problem}}.',
  },
  check({ model, report }) {
    const v = validate as unknown as Validator;
    // a template (`{{ x }}`, `{% if %}`) or a checked-out symlink only becomes a Compose file later: when it does
    // not read as one now, one finding says why instead of the YAML parser's confusion
    const other = notAFile(model.source.text, true);
    if (
      other &&
      // a one-word file reads as a scalar, which the model turns into an empty document: say what it is
      (other.kind === 'link' || model.problems.length > 0 || !model.data || !v(model.data))
    ) {
      const line = other.kind === 'template' ? other.line : 1;
      const start = model.source.lineStart(line);
      report({
        at: { start, end: model.source.lineEnd(line) },
        severity: 'info',
        ...(other.kind === 'template'
          ? { messageId: 'template', data: { line, tags: '`{{ }}`/`{% %}`' } }
          : { messageId: 'symlink', data: { target: code(other.target) } }),
      });
      return;
    }
    // after the first syntax error the parser's later complaints are mostly its own confusion (a templated file
    // yields hundreds): report that one, and every duplicate key, which stands on its own
    let syntaxReported = false;
    for (const p of model.problems) {
      const duplicate = p.message.startsWith('duplicate key');
      if (!duplicate && syntaxReported) continue;
      if (!duplicate) syntaxReported = true;
      report({ at: p.span, messageId: 'syntax', data: { problem: sentence(p.message).slice(0, -1) } });
    }
    if (!model.data) return;
    if (v(model.data)) return;
    const legacy = legacyServices(model.data);
    if (legacy.length > 0) {
      report({
        at: model.spanAt([legacy[0]!], true) ?? { start: 0, end: 0 },
        messageId: 'legacyFormat',
        data: { services: legacy.map((l) => code(l)).join(', ') },
      });
    }
    for (const err of simplify(v.errors ?? [])) {
      const path = toPath(err.instancePath);
      if (
        path.length === 0 &&
        err.keyword === 'additionalProperties' &&
        legacy.includes((err.params as { additionalProperty: string }).additionalProperty)
      )
        continue;
      if (err.keyword === 'additionalProperties') {
        const key = (err.params as { additionalProperty: string }).additionalProperty;
        const at = model.spanAt([...path, key], true) ?? spanOr(model, path);
        report({
          at,
          severity: 'warning',
          messageId: 'unknownKey',
          data: {
            key: code(key),
            where: path.length > 0 ? ` in ${code(display(path))}` : ' at the top level',
          },
        });
        continue;
      }
      const empty = err.keyword === 'type' && valueAt(model.data, path) === null;
      report({
        at: spanOr(model, path),
        ...(empty
          ? { messageId: 'emptyValue', data: { path: code(display(path)), problem: describe(err) } }
          : {
              messageId: 'invalid',
              data: { path: code(display(path) || '(top level)'), problem: describe(err) },
            }),
      });
    }
  },
});

/** One error per place: `oneOf`/`anyOf` failures repeat every branch's complaint; keep the most telling. */
function simplify(errors: ErrorObject[]): ErrorObject[] {
  const byPath = new Map<string, ErrorObject[]>();
  for (const e of errors) {
    const list = byPath.get(e.instancePath);
    if (list) list.push(e);
    else byPath.set(e.instancePath, [e]);
  }
  const out: ErrorObject[] = [];
  for (const list of byPath.values()) {
    const extra = list.filter((e) => e.keyword === 'additionalProperties');
    const seen = new Set<string>();
    for (const e of extra) {
      const key = (e.params as { additionalProperty: string }).additionalProperty;
      if (!seen.has(key)) out.push(e);
      seen.add(key);
    }
    if (extra.length > 0) continue;
    out.push(
      list.find((e) => e.keyword === 'type' || e.keyword === 'enum' || e.keyword === 'required') ?? list[0]!,
    );
  }
  // a deeper error explains its parents' oneOf failures: the parent's type error is only another branch's
  // complaint (a value of the wrong type has no deeper errors, ajv does not descend into it)
  return out.filter(
    (e) =>
      !(e.keyword === 'oneOf' || e.keyword === 'anyOf' || e.keyword === 'type') ||
      !out.some((o) => o !== e && o.instancePath.startsWith(`${e.instancePath}/`)),
  );
}

/** Top-level keys that are services of the v1 format (no `services:`, mappings with `image` or `build`). */
function legacyServices(data: Record<string, unknown>): string[] {
  if ('services' in data) return [];
  return Object.entries(data)
    .filter(
      ([k, v]) =>
        !k.startsWith('x-') &&
        v !== null &&
        typeof v === 'object' &&
        !Array.isArray(v) &&
        ('image' in v || 'build' in v),
    )
    .map(([k]) => k);
}

function valueAt(data: unknown, path: DataPath): unknown {
  let v = data;
  for (const p of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[p];
  }
  return v;
}

function toPath(pointer: string): (string | number)[] {
  if (!pointer) return [];
  return pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function display(path: DataPath): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i > 0 ? '.' : ''}${p}`)).join('');
}

function spanOr(model: ComposeModel, path: DataPath): { start: number; end: number } {
  for (let n = path.length; n >= 0; n--) {
    const span = model.spanAt(path.slice(0, n));
    if (span) return span;
  }
  return { start: 0, end: 0 };
}

const TYPE_NAMES: Record<string, string> = {
  object: 'a mapping',
  array: 'a list',
  string: 'a string',
  number: 'a number',
  integer: 'an integer',
  boolean: 'a boolean',
  null: 'empty',
};

function describe(err: ErrorObject): string {
  const p = err.params as Record<string, unknown>;
  switch (err.keyword) {
    case 'type':
      return `must be ${String(p.type)
        .split(',')
        .map((t) => TYPE_NAMES[t] ?? t)
        .join(' or ')}`;
    case 'enum':
      return `must be one of ${(p.allowedValues as unknown[]).map((v) => code(String(v))).join(', ')}`;
    case 'required':
      return `needs ${code(String(p.missingProperty))}`;
    case 'uniqueItems':
      return `lists the same item twice (items ${String(p.j)} and ${String(p.i)})`;
    case 'pattern':
      return `does not match the expected format ${code(String(p.pattern))}`;
    case 'oneOf':
    case 'anyOf':
      return 'does not match any of the forms the Compose Specification allows here';
    default:
      return err.message ?? 'is not valid';
  }
}

function sentence(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1) + (s.endsWith('.') ? '' : '.');
}
