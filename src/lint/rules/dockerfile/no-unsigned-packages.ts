import { defineRule } from '../../rule.js';
import type { ParsedFlag } from '../../shell/args.js';
import type { Word } from '../../shell/parser.js';
import type { Span } from '../../types.js';
import { argsOf, runCommands } from '../../dockerfile/run.js';
import { code } from '../../quote.js';

const TRUE = /^(1|true|yes|on)$/i;
const FALSE = /^(0|false|no|off)$/i;
const APT_UNAUTHENTICATED = /^APT::Get::AllowUnauthenticated\s*=\s*["']?([^"']*)["']?$/i;
const APT_INSECURE_REPOS = /^Acquire::AllowInsecureRepositories\s*=\s*["']?([^"']*)["']?$/i;
/** `gpgcheck=0`, `localpkg_gpgcheck=0`, `myrepo.gpgcheck=0`, `*.repo_gpgcheck=false`. */
const RPM_GPGCHECK = /^(?:[^=]+\.)?(?:localpkg_|repo_)?gpgcheck\s*=\s*["']?([^"']*)["']?$/i;
const RPM_NO_VERIFY = new Set(['--nosignature', '--nodigest', '--noverify', '--nofiledigest']);

/** The flag, and its value when it sits in the next word (`-o Foo=1`). */
function flagSpan(flag: ParsedFlag, words: readonly Word[]): Span {
  const i = words.indexOf(flag.word);
  const next = words[i + 1];
  if (flag.value !== undefined && next && next.value === flag.value && !flag.word.value.includes(flag.value))
    return { start: flag.word.start, end: next.end };
  return { start: flag.word.start, end: flag.word.end };
}

/** Installing packages whose signatures are not checked: a tampered mirror or a MITM goes unnoticed. */
export default defineRule({
  id: 'no-unsigned-packages',
  aliases: ['CKV2_DOCKER_7', 'CKV2_DOCKER_8', 'CKV2_DOCKER_9', 'CKV2_DOCKER_10', 'CKV2_DOCKER_11'],
  kind: 'dockerfile',
  severity: 'error',
  fixable: false,
  summary:
    'package signature checks switched off (`--allow-untrusted`, `--allow-unauthenticated`, `--nogpgcheck`…)',
  why: 'Signatures are what proves a package comes from the distribution and was not altered on the way; without them a compromised mirror or a man-in-the-middle can put any code into the image.',
  check({ model, report }) {
    for (const { inv } of runCommands(model)) {
      const tool = inv.tool;
      const found = (flag: ParsedFlag, aliases: string[], what: string): void =>
        report({
          at: flagSpan(flag, inv.args),
          aliases,
          message: `${code(tool)} with ${what} installs packages without checking their signatures: fix the repository key instead.`,
        });
      if (tool === 'apk') {
        for (const f of argsOf(inv).flags)
          if (f.name === '--allow-untrusted') found(f, ['CKV2_DOCKER_7'], '`--allow-untrusted`');
      } else if (tool === 'apt-get' || tool === 'apt') {
        for (const f of argsOf(inv).flags) {
          if (f.name === '--allow-unauthenticated') found(f, ['CKV2_DOCKER_8'], '`--allow-unauthenticated`');
          else if (f.name === '--force-yes')
            found(f, ['CKV2_DOCKER_8', 'CKV2_DOCKER_11'], '`--force-yes` (which also allows downgrades)');
          else if (f.name === '--allow-insecure-repositories')
            found(f, [], '`--allow-insecure-repositories`');
          else if ((f.name === '-o' || f.name === '--option') && f.value !== undefined) {
            const unauth = APT_UNAUTHENTICATED.exec(f.value);
            const insecure = APT_INSECURE_REPOS.exec(f.value);
            if (unauth && TRUE.test(unauth[1]!))
              found(f, ['CKV2_DOCKER_8'], '`APT::Get::AllowUnauthenticated`');
            else if (insecure && TRUE.test(insecure[1]!))
              found(f, [], '`Acquire::AllowInsecureRepositories`');
          }
        }
      } else if (tool === 'yum' || tool === 'dnf' || tool === 'microdnf' || tool === 'tdnf') {
        for (const f of argsOf(inv).flags) {
          if (f.name === '--nogpgcheck') found(f, ['CKV2_DOCKER_9'], '`--nogpgcheck`');
          else if (f.name === '--setopt' && f.value !== undefined) {
            const m = RPM_GPGCHECK.exec(f.value);
            if (m && FALSE.test(m[1]!)) found(f, [], `${code(`--setopt=${f.value}`)}`);
          }
        }
      } else if (tool === 'rpm') {
        for (const f of argsOf(inv).flags) {
          if (f.name === '--nogpgcheck') found(f, ['CKV2_DOCKER_9'], '`--nogpgcheck`');
          else if (RPM_NO_VERIFY.has(f.name)) found(f, ['CKV2_DOCKER_10'], `${code(f.name)}`);
        }
      } else if (tool === 'zypper') {
        for (const f of argsOf(inv).flags)
          if (f.name === '--no-gpg-checks' || f.name === '--allow-unsigned-rpm')
            found(f, [], `${code(f.name)}`);
      }
    }
  },
});
