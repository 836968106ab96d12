import { defineRule } from '../../rule.js';
import { subcommandCalls } from '../../dockerfile/run.js';
import { NPM_INSTALL } from '../../packages/npm.js';
import { reportUnpinned, unpinnedPackages } from '../../packages/pins.js';

const GIT = /^(git(\+(ssh|https?|file))?:\/\/|(github|gitlab|bitbucket|gist):)/;
const TARBALL = /\.(tar|tar\.gz|tgz)$/;
const LOCAL = /^(\.{0,2}\/|~\/|file:|\.$|\.\.$)/;
/** GitHub shorthand `user/repo[#ref]` (no scope, no protocol). */
const SHORTHAND = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+(#.*)?$/;

/** A spec npm resolves to one version: `name@1.2.3` (any tag or range but `latest`), a git ref, a tarball, a folder. */
function npmPinned(spec: string): boolean {
  if (TARBALL.test(spec) || LOCAL.test(spec)) return true;
  if (GIT.test(spec) || SHORTHAND.test(spec)) return spec.includes('#');
  // the version follows the `@` after the name (`@scope/name@1.2`)
  const at = spec.indexOf('@', spec.startsWith('@') ? 1 : 0);
  if (at < 0) return false;
  const version = spec.slice(at + 1);
  return version !== '' && version !== 'latest';
}

/** `npm install express` installs whatever version is newest when the image is built. */
export default defineRule({
  id: 'npm-pin-versions',
  aliases: ['DL3016'],
  kind: 'dockerfile',
  severity: 'info',
  fixable: false,
  summary: '`npm install pkg` without `@version`',
  why: '`npm install name` installs the newest release when the image is built (and for a global tool no lockfile records it), so rebuilds of one commit can ship different code.',
  check({ model, report }) {
    for (const c of subcommandCalls(model, { npm: NPM_INSTALL })) {
      const list = unpinnedPackages(c, c.args.positionals.slice(1), npmPinned);
      reportUnpinned(report, `npm ${c.sub.value}`, list, '`<package>@<version>`');
    }
  },
});
