import { describe, expect, it } from 'vitest';
import { shellCScript } from '../../src/lint/dockerfile/run-shell.js';
import { POSIX_SHELLS } from '../../src/lint/shell/shells.js';
import { parse, useParser } from './dockerfile-helpers.js';

useParser();

/** The `-c` script an exec-form CMD hands its shell, read through the shared shell list. */
function cScript(cmd: string): string | undefined {
  const ins = [...parse(`FROM alpine:3.20\nCMD ${cmd}\n`).each('CMD')][0]!;
  return shellCScript(ins.json ?? [])?.value;
}

describe('POSIX_SHELLS: one list of the shells the rules look for', () => {
  it('holds the POSIX family and no other interpreter', () => {
    for (const sh of ['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'mksh'])
      expect(POSIX_SHELLS.has(sh)).toBe(true);
    for (const other of ['python3', 'node', 'pwsh', 'cmd', 'fish', 'constructor'])
      expect(POSIX_SHELLS.has(other)).toBe(false);
  });

  it('an exec-form `sh -c` script is found for any of them, by path too, and not for another program', () => {
    expect(cScript('["/bin/mksh", "-c", "exec app"]')).toBe('exec app');
    expect(cScript('["bash", "-ec", "run"]')).toBe('run');
    expect(cScript('["python3", "-c", "print(1)"]')).toBeUndefined();
  });
});
