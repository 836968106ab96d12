import { describe, expect, it } from 'vitest';
import { ZYPPER_FETCHING, ZYPPER_PROMPTING } from '../../src/lint/packages/zypper.js';

describe('zypper sub-commands', () => {
  it('know the long and short forms of the commands that download packages', () => {
    for (const sub of ['install', 'in', 'si', 'patch', 'up', 'dup'])
      expect(ZYPPER_FETCHING.has(sub)).toBe(true);
    for (const sub of ['remove', 'clean', 'refresh', 'search']) expect(ZYPPER_FETCHING.has(sub)).toBe(false);
  });

  it('prompt for every fetching command and for removal, not for read-only ones', () => {
    for (const sub of ZYPPER_FETCHING) expect(ZYPPER_PROMPTING.has(sub)).toBe(true);
    expect(ZYPPER_PROMPTING.has('remove') && ZYPPER_PROMPTING.has('rm')).toBe(true);
    expect(ZYPPER_PROMPTING.has('search')).toBe(false);
  });
});
