/** Message ids (ESLint's `meta.messages` + `messageId`): how a report's text is made, and the shared clauses. */
import { describe, expect, it } from 'vitest';
import { NO_FIX_AT_RUN_END } from '../src/lint/messages.js';
import { messageOf } from '../src/lint/rule.js';
import { ALL_RULES } from '../src/lint/rules/index.js';

const rule = { id: 'demo', messages: { twice: '{{a}} and {{a}}, then {{b}}.' } };

describe('messageOf', () => {
  it('a written message is kept as it is', () => {
    expect(messageOf(rule, { message: 'As {{written}}.' })).toBe('As {{written}}.');
  });

  it('fills every placeholder of the template from data', () => {
    expect(messageOf(rule, { messageId: 'twice', data: { a: '`x`', b: 3 } })).toBe('`x` and `x`, then 3.');
  });

  it('does not expand a placeholder that a value brings in (values are file text)', () => {
    expect(messageOf(rule, { messageId: 'twice', data: { a: '{{b}}', b: 'b' } })).toBe(
      '{{b}} and {{b}}, then b.',
    );
  });

  it('an unknown id or a placeholder without data is a bug of the rule, thrown', () => {
    expect(() => messageOf(rule, { messageId: 'nope' })).toThrow('rule demo has no message `nope`');
    expect(() => messageOf(rule, { messageId: 'twice', data: { a: 'x' } })).toThrow('no data for {{b}}');
  });
});

describe('rule messages', () => {
  const all = ALL_RULES.flatMap((r) =>
    Object.entries(r.messages ?? {}).map(([id, text]) => ({ rule: r.id, id, text })),
  );

  it('every template has text besides its placeholders, and only word placeholders', () => {
    expect(all.length).toBeGreaterThan(0);
    for (const m of all) {
      expect(m.text.replace(/\{\{\w+\}\}/g, '').length, `${m.rule}.${m.id}`).toBeGreaterThan(0);
      expect(m.text.replace(/\{\{\w+\}\}/g, ''), `${m.rule}.${m.id}`).not.toMatch(/\{\{|\}\}/);
    }
  });

  it('the "no automatic fix" clause of a cleanup at the end of a RUN has one wording, the shared one', () => {
    const clauses = all.filter((m) => m.text.includes('no automatic fix'));
    expect(clauses.map((m) => m.rule).sort()).toEqual([
      'apt-clean-lists',
      'dnf-clean',
      'npm-cache-clean',
      'yarn-cache-clean',
      'yum-clean',
      'zypper-clean',
    ]);
    for (const m of clauses) expect(m.text, m.rule).toContain(`(${NO_FIX_AT_RUN_END}).`);
  });
});
