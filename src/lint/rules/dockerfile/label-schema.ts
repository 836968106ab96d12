import type { DockerfileModel, KeyValue } from '../../dockerfile/model.js';
import { defineRule, type Report } from '../../rule.js';
import { varRefs } from '../../dockerfile/vars.js';
import { code } from '../../quote.js';
import { resultStages, stageChain, stageHead } from '../../dockerfile/stages.js';
import { table } from '../../table.js';

/** The value types hadolint's `label-schema` knows. */
type LabelType = 'text' | 'url' | 'semver' | 'hash' | 'rfc3339' | 'spdx' | 'email';

interface TypeCheck {
  code: string;
  valid: (value: string) => boolean;
  expected: string;
}

const URL_FORM = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>"{}|\\^`]+$/;
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-](\d{2}):(\d{2}))$/;
const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-(0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*)(\.(0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*))*)?(\+[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$/;
const GIT_HASH = /^(?:[0-9a-f]{7}|[0-9a-f]{40}|[0-9a-f]{64})$/;
const EMAIL =
  /^[^\s@<>()[\],;:"]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*$/;

/** Common SPDX license identifiers (compared case-insensitively, as SPDX does). */
const SPDX_IDS = new Set(
  `0BSD AFL-3.0 AGPL-1.0 AGPL-3.0 AGPL-3.0-only AGPL-3.0-or-later Apache-1.0 Apache-1.1 Apache-2.0 APSL-2.0
  Artistic-1.0 Artistic-2.0 Beerware BlueOak-1.0.0 BSD-1-Clause BSD-2-Clause BSD-2-Clause-Patent BSD-3-Clause
  BSD-3-Clause-Clear BSD-3-Clause-LBNL BSD-4-Clause BSL-1.0 BUSL-1.1 bzip2-1.0.6 CC-BY-3.0 CC-BY-4.0 CC-BY-SA-3.0
  CC-BY-SA-4.0 CC-BY-NC-4.0 CC-BY-NC-SA-4.0 CC-BY-ND-4.0 CC-PDDC CC0-1.0 CDDL-1.0 CDDL-1.1 CECILL-2.1 CPL-1.0 curl
  ECL-2.0 EFL-2.0 Elastic-2.0 EPL-1.0 EPL-2.0 EUPL-1.1 EUPL-1.2 FTL GFDL-1.2 GFDL-1.2-only GFDL-1.2-or-later GFDL-1.3
  GFDL-1.3-only GFDL-1.3-or-later GPL-1.0 GPL-1.0-only GPL-1.0-or-later GPL-2.0 GPL-2.0-only GPL-2.0-or-later GPL-3.0
  GPL-3.0-only GPL-3.0-or-later HPND ICU IJG Info-ZIP IPL-1.0 ISC JSON LGPL-2.0 LGPL-2.0-only LGPL-2.0-or-later
  LGPL-2.1 LGPL-2.1-only LGPL-2.1-or-later LGPL-3.0 LGPL-3.0-only LGPL-3.0-or-later Libpng libpng-2.0 LPPL-1.3c MIT
  MIT-0 MIT-CMU MPL-1.0 MPL-1.1 MPL-2.0 MPL-2.0-no-copyleft-exception MS-PL MS-RL MulanPSL-2.0 NCSA NTP ODbL-1.0
  OFL-1.1 OpenSSL OSL-3.0 PHP-3.0 PHP-3.01 PostgreSQL PSF-2.0 Python-2.0 Qhull Ruby Sleepycat SSPL-1.0 TCL
  Unicode-3.0 Unicode-DFS-2016 Unlicense UPL-1.0 Vim W3C WTFPL X11 Zlib zlib-acknowledgement ZPL-2.1 NONE NOASSERTION`
    .split(/\s+/)
    .map((id) => id.toLowerCase()),
);

const TYPES: Record<Exclude<LabelType, 'text'>, TypeCheck> = table({
  url: { code: 'DL3052', valid: (v) => URL_FORM.test(v), expected: 'an absolute URL (`https://…`)' },
  rfc3339: {
    code: 'DL3053',
    valid: isRfc3339,
    expected: 'an RFC 3339 time stamp (`2024-05-01T12:00:00Z`)',
  },
  spdx: { code: 'DL3054', valid: isSpdx, expected: 'an SPDX license identifier (`MIT`, `Apache-2.0`)' },
  hash: {
    code: 'DL3055',
    valid: (v) => GIT_HASH.test(v),
    expected: 'a git commit hash (7 or 40 hex digits)',
  },
  semver: { code: 'DL3056', valid: (v) => SEMVER.test(v), expected: 'a semantic version (`1.4.2`)' },
  email: { code: 'DL3058', valid: (v) => EMAIL.test(v), expected: 'an email address' },
});

/** hadolint's `label-schema` and `strict-labels`: required labels, value formats, no unknown labels. */
export default defineRule({
  id: 'label-schema',
  aliases: ['DL3049', 'DL3050', 'DL3051', 'DL3052', 'DL3053', 'DL3054', 'DL3055', 'DL3056', 'DL3058'],
  kind: 'dockerfile',
  severity: 'off',
  fixable: false,
  summary: 'Labels missing, empty, malformed or not in the configured label schema',
  why: 'Release tooling, registries and scanners read these labels: a missing or malformed one (a bad URL, a non-SPDX license) breaks the automation that depends on it.',
  messages: {
    notInSchema: 'Label {{label}} is not in the label schema, and strict labels allow no others.',
    empty: 'Label {{label}} is empty.',
    malformed: 'Label {{label}} is {{value}}, not {{expected}}.',
    missing: 'Label {{label}} required by the label schema is not set in the image{{image}}.',
  },
  schema: {
    schema: {
      type: 'object',
      additionalProperties: { type: 'string' },
      default: {},
      description:
        'Label key → type: text, url, semver, hash, rfc3339, spdx or email (an unknown type counts as text).',
    },
    strict: { type: 'boolean', default: false, description: 'Report every label that is not in `schema`.' },
  },
  check({ model, options, report }) {
    const schema = readSchema(options.schema);
    const strict = options.strict === true;
    if (schema.size === 0 && !strict) return;

    for (const ins of model.each('LABEL')) {
      for (const pair of ins.pairs) {
        const problem = labelProblem(model, pair, schema, strict);
        if (problem) report(problem);
      }
    }

    if (schema.size === 0) return;
    // every image the file can build (the last stage, and any other no stage builds on: a `--target`), each with
    // the labels of its own stage and of those it is built FROM; a stage that only feeds others needs none
    for (const image of resultStages(model)) {
      const present = new Set(
        stageChain(image).flatMap((s) =>
          s.instructions.flatMap((i) => (i.keyword === 'LABEL' ? i.pairs.map((p) => p.name) : [])),
        ),
      );
      for (const name of schema.keys()) {
        if (present.has(name)) continue;
        report({
          at: stageHead(image).span,
          messageId: 'missing',
          data: { label: code(name), image: image.name ? ` "${image.name}"` : '' },
          aliases: ['DL3049'],
        });
      }
    }
  },
});

/** What is wrong with one label against the schema (one thing at most, the first that applies), or null. */
function labelProblem(
  model: DockerfileModel,
  pair: KeyValue,
  schema: ReadonlyMap<string, LabelType>,
  strict: boolean,
): Report | null {
  const label = code(pair.name);
  const type = schema.get(pair.name);
  if (type === undefined)
    return strict
      ? { at: pair.nameSpan, messageId: 'notInSchema', data: { label }, aliases: ['DL3050'] }
      : null;
  // `LABEL x=$VERSION`: the value is only known at build time
  if (hasVariable(model, pair)) return null;
  const value = pair.value ?? '';
  if (value.trim() === '') return { at: pair.span, messageId: 'empty', data: { label }, aliases: ['DL3051'] };
  if (type === 'text') return null;
  const t = TYPES[type];
  if (t.valid(value)) return null;
  return {
    at: pair.valueSpan ?? pair.span,
    messageId: 'malformed',
    data: { label, value: code(value), expected: t.expected },
    aliases: [t.code],
  };
}

function readSchema(raw: unknown): Map<string, LabelType> {
  const out = new Map<string, LabelType>();
  if (!raw || typeof raw !== 'object') return out;
  for (const [name, type] of Object.entries(raw as Record<string, unknown>)) {
    const t = String(type).toLowerCase();
    out.set(name, (t in TYPES ? t : 'text') as LabelType);
  }
  return out;
}

function hasVariable(model: DockerfileModel, pair: KeyValue): boolean {
  return pair.valueSpan !== null && varRefs(model, pair.valueSpan.start, pair.valueSpan.end).length > 0;
}

function isRfc3339(v: string): boolean {
  const m = RFC3339.exec(v);
  if (!m) return false;
  const [month, day, hour, minute, second] = [m[2], m[3], m[4], m[5], m[6]].map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  const offsetOk = m[9] === undefined || (Number(m[9]) < 24 && Number(m[10]) < 60);
  return (
    month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour < 24 && minute < 60 && second <= 60 && offsetOk
  );
}

/** A license identifier or an SPDX expression of them (`MIT OR Apache-2.0`, `GPL-2.0-only WITH Classpath-exception-2.0`). */
function isSpdx(v: string): boolean {
  const tokens = v.replace(/[()]/g, ' $& ').trim().split(/\s+/);
  let depth = 0;
  let expectId = true;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (expectId) {
      if (t === '(') {
        depth++;
        continue;
      }
      if (!isLicenseId(t)) return false;
      if (tokens[i + 1] === 'WITH') {
        if (!/^[A-Za-z0-9.-]+$/.test(tokens[i + 2] ?? '')) return false;
        i += 2;
      }
      expectId = false;
    } else if (t === ')') {
      if (--depth < 0) return false;
    } else if (t === 'AND' || t === 'OR') expectId = true;
    else return false;
  }
  return !expectId && depth === 0;
}

function isLicenseId(t: string): boolean {
  if (/^(DocumentRef-[A-Za-z0-9.-]+:)?LicenseRef-[A-Za-z0-9.-]+$/.test(t)) return true;
  return SPDX_IDS.has(t.replace(/\+$/, '').toLowerCase());
}
