/**
 * How each package manager writes a version pin: whether one install operand, as written, names a fixed version
 * (or one exact build: a file, a path, a commit) rather than whatever the repository serves on the day. The
 * `*-pin-versions` rules judge operands with these through `unpinnedPackages` (pins.ts); rpm's syntax is
 * `rpmPinned`, beside the rest of rpm's grammar in rpm.ts.
 */

/** `pkg=1.2-3`, `pkg/bookworm-backports` (a target release) and `.deb` files all say what gets installed. */
export function aptPinned(spec: string): boolean {
  return spec.includes('=') || spec.includes('/') || spec.endsWith('.deb');
}

/** `pkg=1.2.3-r0`, `pkg~1.2`, `pkg>1.2`, `pkg<2` constrain the version; a `.apk` file is one exact build. */
export function apkPinned(spec: string): boolean {
  return /[=~<>]/.test(spec) || spec.endsWith('.apk');
}

/** `rails:7.1.3` names a version; a `.gem` file or a path is one exact build. */
export function gemPinned(spec: string): boolean {
  return spec.includes(':') || spec.endsWith('.gem') || spec.includes('/');
}

/** Release states pecl resolves to the newest release of that state (`redis-beta`): not a version. */
export const PECL_STATES: ReadonlySet<string> = new Set(['stable', 'beta', 'alpha', 'devel', 'snapshot']);
/** A URL pecl downloads (`https://…/redis.tgz`); `channel://` names a channel, not a file. */
const PECL_URL = /^(?!channel:)[a-z][a-z0-9+.-]*:\/\//i;
/** A local file or path: a package archive, a `package.xml` descriptor, `./…`, `/…`, `~/…`. */
const PECL_LOCAL = /^(\.{0,2}\/|~)|\.(tgz|tar|tar\.gz|xml)$/;

/**
 * `redis-6.1.0` (also behind a channel: `pecl.php.net/redis-6.1.0`, `channel://pecl.php.net/redis-6.1.0`) names
 * a version; an archive, a `package.xml` or a URL is one exact build. PECL package names have no `-`, so what
 * follows the first `-` of the name is the version, or a state (`-beta`) that floats like no version at all.
 */
export function peclPinned(spec: string): boolean {
  if (PECL_URL.test(spec) || PECL_LOCAL.test(spec)) return true;
  const name = spec.slice(spec.lastIndexOf('/') + 1);
  const dash = name.indexOf('-');
  return dash > 0 && /^[0-9]/.test(name.slice(dash + 1));
}

const GIT = /^(git(\+(ssh|https?|file))?:\/\/|(github|gitlab|bitbucket|gist):)/;
const TARBALL = /\.(tar|tar\.gz|tgz)$/;
const LOCAL = /^(\.{0,2}\/|~\/|file:|\.$|\.\.$)/;
/** GitHub shorthand `user/repo[#ref]` (no scope, no protocol). */
const SHORTHAND = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+(#.*)?$/;

/** A spec npm resolves to one version: `name@1.2.3` (any tag or range but `latest`), a git ref, a tarball, a folder. */
export function npmPinned(spec: string): boolean {
  if (TARBALL.test(spec) || LOCAL.test(spec)) return true;
  if (GIT.test(spec) || SHORTHAND.test(spec)) return spec.includes('#');
  // the version follows the `@` after the name (`@scope/name@1.2`)
  const at = spec.indexOf('@', spec.startsWith('@') ? 1 : 0);
  if (at < 0) return false;
  const version = spec.slice(at + 1);
  return version !== '' && version !== 'latest';
}

const SPECIFIER = /(===|==|~=|!=|>=|<=|<|>)/;
const VCS = /^(git|hg|svn|bzr)(\+[a-z-]+)?:/;
const ARCHIVE = /\.(whl|tar\.gz|tgz|tar\.bz2|tar\.xz|zip)$/;

/**
 * A requirement pip resolves to known code: a version specifier (`==`, `~=`, `>=`…), a direct reference
 * (`name @ https://…`), a VCS URL with `@ref`, an archive or wheel, a local path or a URL.
 */
export function pipPinned(spec: string): boolean {
  if (VCS.test(spec)) {
    // `git+https://host/org/repo.git@v1.2#egg=x`: the ref follows an `@` after the host part
    const path = spec.replace(/#.*$/s, '').replace(/^[^:]+:\/\/[^/]*/, '');
    return path.includes('@');
  }
  if (SPECIFIER.test(spec) || ARCHIVE.test(spec)) return true;
  return spec.includes('@') || spec.includes('/') || spec.startsWith('.') || spec.startsWith('~');
}

/** `pkg=1.2`, `pkg>=1.2`, `pkg<2` (one word) constrain the version; `.rpm` files and URLs are one exact build. */
export function zypperPinned(spec: string): boolean {
  return /[=<>]/.test(spec) || spec.endsWith('.rpm') || spec.includes('/');
}

/** Queries that pick a different version as new ones are published. */
const MOVING = new Set(['latest', 'upgrade', 'patch', 'master', 'main', 'head', 'HEAD']);
/** Patterns `go` resolves from the module itself (`go.mod` pins them): `all`, `std`, `cmd`, `tool`. */
const META = new Set(['all', 'std', 'cmd', 'tool']);

/** A package path with a fixed `@version`, or something local (`.`, `./cmd/app`, `/src/app`, `main.go`). */
export function goPinned(spec: string): boolean {
  if (META.has(spec) || spec.startsWith('.') || spec.startsWith('/') || spec.endsWith('.go')) return true;
  const at = spec.lastIndexOf('@');
  return at > 0 && at < spec.length - 1 && !MOVING.has(spec.slice(at + 1));
}
