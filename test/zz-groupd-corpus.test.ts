import { it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { initLint, lintSource } from '../src/lint/engine.js';
import secrets from '../src/lint/rules/no-secrets-in-arg-env.js';
import pipefail from '../src/lint/rules/pipefail.js';
import syntax from '../src/lint/rules/valid-syntax.js';
const walk = (d: string): string[] => readdirSync(d).flatMap((f) => { const p = join(d, f); return statSync(p).isDirectory() ? walk(p) : [p]; });
it('corpus', async () => {
  await initLint();
  const counts: Record<string, number> = {};
  for (const p of walk('/work/shared/corpus/dockerfiles')) {
    const text = readFileSync(p, 'utf8');
    const res = lintSource({ path: 'Dockerfile', text }, { rules: {} }, 'dockerfile', [secrets, pipefail, syntax]);
    for (const f of res.findings) {
      counts[f.rule] = (counts[f.rule] ?? 0) + 1;
      if (f.rule !== 'pipefail') console.log('F', !!f.fix && f.fix.edits[0]!.text.slice(0,20), p.replace('/work/shared/corpus/dockerfiles/', ''), f.line, f.rule, f.severity, f.message.slice(0, 150), JSON.stringify(text.slice(f.span.start, f.span.end).slice(0, 60)));
    }
  }
  console.log('COUNTS', JSON.stringify(counts));
});
