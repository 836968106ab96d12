import { commandsByRun, type RunCommand } from '../../dockerfile/run.js';
import type { DockerfileModel } from '../../dockerfile/model.js';
import { defineRule, type RuleContext } from '../../rule.js';
import { code } from '../../quote.js';
import { POSIX_SHELLS } from '../../shell/shells.js';
import { resolveVars } from '../../dockerfile/vars.js';

/** Shells and interpreters a downloaded script is piped into. */
const SHELLS = new Set([...POSIX_SHELLS, 'python', 'python3', 'perl', 'ruby', 'node']);

/** What a download is when it is installed or run: a package, an archive or an executable. */
const ARTIFACT = /\.(deb|rpm|apk|tar|tgz|tbz2?|txz|zip|gz|xz|bz2|zst|jar|whl|run|bin|sh|appimage)$/i;

/** Commands that check a download: a hash compared to a known value, or a signature. */
function verifies(c: RunCommand): boolean {
  const { tool, args } = c.inv;
  // a hash computed inside a test or a substitution is compared with a known one: `[ "$(sha256sum f | …)" = "$SUM" ]`
  const compared = c.command.condition || c.command.inSubstitution;
  if (/^(sha(1|224|256|384|512)sum|shasum|b2sum|md5sum|cksum)$/.test(tool))
    return (
      compared || args.some((w) => w.value === '-c' || w.value === '--check' || w.value.startsWith('-c'))
    );
  if (tool === 'openssl')
    return (
      compared &&
      /^(dgst|sha(1|224|256|384|512)?|md5)$/.test(args.find((w) => !w.value.startsWith('-'))?.value ?? '')
    );
  if (tool === 'gpg' || tool === 'gpgv')
    return tool === 'gpgv' || args.some((w) => /^--verify/.test(w.value));
  if (tool === 'cosign' || tool === 'minisign' || tool === 'signify' || tool === 'slsa-verifier') return true;
  if (tool === 'rpm') return args.some((w) => w.value === '-K' || w.value === '--checksig');
  if (tool === 'dpkg-sig' || tool === 'debsig-verify') return true;
  // curl and wget themselves can't verify content; `echo "<sha>  file" | sha256sum -c -` is caught above
  return false;
}

interface DownloadUrl {
  start: number;
  end: number;
  /** The URL, with the ARG/ENV variables it is written with resolved (`curl "$TOOL_URL"`). */
  url: string;
}

/** The http(s) URLs a curl/wget command downloads: written out, or an ARG/ENV value in scope. */
function downloadUrls(c: RunCommand): DownloadUrl[] {
  const out: DownloadUrl[] = [];
  for (const w of c.inv.args) {
    let url = w.value;
    if (w.dynamic && url.startsWith('$') && url.length <= 1024)
      url = resolveVars(c.instruction.model, c.instruction, url) ?? url;
    if (/^https?:\/\//i.test(url)) out.push({ start: w.start, end: w.end, url });
  }
  return out;
}

/** The URL's path without query or fragment. */
function urlPath(url: string): string {
  return url.replace(/[?#].*$/, '');
}

/**
 * The http(s) URL a curl/wget command downloads, when it names a package, archive or executable, or when what it
 * saves is run or installed later in the same RUN (`curl -o /usr/local/bin/kubectl … && chmod +x …`).
 */
function artifactUrl(c: RunCommand, list: readonly RunCommand[]): DownloadUrl | null {
  const urls = downloadUrls(c);
  const named = urls.find((u) => ARTIFACT.test(urlPath(u.url)));
  if (named) return named;
  if (urls.length !== 1) return null;
  const saved = outputPath(c, urls[0]!.url);
  return saved !== null && usedLater(saved, c, list) ? urls[0]! : null;
}

/** curl's and wget's short options that take a value (a bundle ends at one: `-sSLo FILE`, `-qO-`). */
const VALUE_LETTERS: Readonly<Record<string, string>> = {
  curl: 'AbcCdDeEFHKmoPQrtTuUwxXyYz',
  wget: 'aABDeiIlOoPQRtTUwX',
};

/**
 * The file curl/wget saves the download as (`-o FILE`, `-O FILE` for wget, `> FILE`, or the URL's last segment for
 * `curl -O` and a bare `wget`), or null for standard output or when it cannot be told.
 */
function outputPath(c: RunCommand, url: string): string | null {
  const tool = c.inv.tool;
  const words = c.inv.args.map((w) => w.value);
  const valueLetters = VALUE_LETTERS[tool] ?? '';
  const fileLetter = tool === 'curl' ? 'o' : 'O';
  let out: string | null = null;
  let remoteName = tool === 'wget';
  let dir: string | null = null;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (w === '--output' || w === '--output-document') out = words[++i] ?? null;
    else if (w.startsWith('--output-document=')) out = w.slice('--output-document='.length);
    else if (w === '--remote-name') remoteName = true;
    else if (w === '--output-dir' || w === '--directory-prefix') dir = words[++i] ?? null;
    else if (w.startsWith('--directory-prefix=')) dir = w.slice('--directory-prefix='.length);
    else if (w.length > 1 && w.startsWith('-') && !w.startsWith('--')) {
      for (let j = 1; j < w.length; j++) {
        const letter = w[j]!;
        if (tool === 'curl' && letter === 'O') remoteName = true;
        if (!valueLetters.includes(letter)) continue;
        const value = w.slice(j + 1) || (words[++i] ?? null);
        if (letter === fileLetter) out = value;
        else if (letter === 'P' && tool === 'wget') dir = value;
        break;
      }
    }
  }
  const redirect = c.command.redirects.find((r) => r.op === '>' || r.op === '>|');
  if (out === null && redirect) out = redirect.target;
  if (out === '-') return null;
  if (out === null && remoteName) {
    const name = urlPath(url).replace(/\/+$/, '');
    const last = name.slice(name.lastIndexOf('/') + 1);
    if (last === '' || /^[a-z]+:$/i.test(last)) return null;
    out = dir ? `${dir.replace(/\/+$/, '')}/${last}` : last;
  }
  return out;
}

/** A path as compared between commands: `./x` is `x`. */
function samePath(a: string, b: string): boolean {
  const norm = (p: string): string => p.replace(/^(\.\/)+/, '').replace(/\/{2,}/g, '/');
  return norm(a) === norm(b);
}

/** Tools that install, unpack or run a file they are given (`dpkg -i f`, `tar -xf f`, `sh f`, `install f …`). */
const CONSUMERS = new Set([
  ...SHELLS,
  'install',
  'dpkg',
  'rpm',
  'apk',
  'apt-get',
  'apt',
  'dnf',
  'yum',
  'microdnf',
  'zypper',
  'tar',
  'unzip',
  'gunzip',
  'bunzip2',
  'unxz',
  'xz',
  'zstd',
  '7z',
  'java',
  'pip',
]);

/** A `chmod` mode that makes a file executable by its owner: `+x`, `u+x`, `755`, `0700`. */
function executableMode(mode: string): boolean {
  if (/^0?[0-7]{3,4}$/.test(mode)) {
    const owner = mode.length === 4 && mode.startsWith('0') ? mode[1]! : mode[mode.length - 3]!;
    return (Number(owner) & 1) === 1;
  }
  return mode.split(',').some((part) => /^[ugoa]*[+=][rwxXst]*x/.test(part));
}

/**
 * The file a download was saved as is run, installed, unpacked or made executable later in the RUN, following it
 * through `mv`/`cp` (`curl -o /tmp/yq … && install -m 0755 /tmp/yq /usr/local/bin/yq`).
 */
function usedLater(saved: string, c: RunCommand, list: readonly RunCommand[]): boolean {
  const paths = [saved];
  const known = (w: string): boolean => paths.some((p) => samePath(p, w));
  for (const n of list) {
    if (n.command.index <= c.command.index) continue;
    const args = n.inv.args.map((w) => w.value);
    if (known(n.inv.toolWord.value)) return true;
    const tool = n.inv.tool.replace(/^.*\//, '');
    if (tool === 'chmod') {
      if (args.some(executableMode) && args.some(known)) return true;
    } else if (tool === 'mv' || tool === 'cp') {
      const operands = args.filter((a) => !a.startsWith('-'));
      const dest = operands[operands.length - 1];
      if (dest && operands.slice(0, -1).some(known) && paths.length < 8) {
        paths.push(dest);
        const base = saved.slice(saved.lastIndexOf('/') + 1);
        paths.push(`${dest.replace(/\/+$/, '')}/${base}`);
      }
    } else if (
      CONSUMERS.has(tool) &&
      // `pip install -r reqs.txt` reads a list of packages: the file itself is not installed
      args.some(
        (a, k) =>
          (known(a) && !/^(-r|--requirement|-c|--constraint)$/.test(args[k - 1] ?? '')) ||
          (a.startsWith('-') && a.endsWith(`f${saved}`)),
      )
    ) {
      return true;
    }
  }
  return false;
}

/** `http://` to anything but the builder itself: anyone on the path can swap the file, not only the server. */
function plainHttp(url: string): boolean {
  return /^http:\/\//i.test(url) && !/^http:\/\/(?:localhost|127\.0\.0\.1|\[::1\])(?:[:/]|$)/i.test(url);
}

/** How far after `NAME=$(` the substitution is read for a download: one command line, not the whole script. */
const SUBSTITUTION_WINDOW = 400;
/** Assignments of one name looked at: a script that assigns it more often than this is not a release lookup. */
const MAX_ASSIGNMENTS = 16;

/**
 * Why the URL's version is neither pinned nor checked, when it is not: it follows the latest release
 * (`…/releases/latest/…`), or names a variable the same RUN sets from a download (`V=$(curl -s …/tags | …)`), so
 * every build may fetch a different file that nobody has looked at.
 */
function floatingVersion(url: string, script: string): string | null {
  if (/\/releases\/latest\b|\/latest\/download\//i.test(url)) return 'follows the latest release';
  for (const m of url.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)) {
    const name = m[1]!;
    for (const [open, close] of [
      ['=$(', ')'],
      ['=`', '`'],
    ] as const) {
      // the name's assignments from a substitution (an indexOf walk, no regex over the script)
      let at = script.indexOf(name + open);
      for (let n = 0; at >= 0 && n < MAX_ASSIGNMENTS; n++, at = script.indexOf(name + open, at + 1)) {
        if (at > 0 && /[A-Za-z0-9_]/.test(script[at - 1]!)) continue;
        const from = at + name.length + open.length;
        let body = script.slice(from, from + SUBSTITUTION_WINDOW);
        // up to the first close: a later curl of the same line is not what computed the value
        const end = body.indexOf(close);
        if (end >= 0) body = body.slice(0, end);
        if (/(?:^|[\s(|;&])(?:curl|wget)\s/.test(body))
          return `takes its version from a network query in this RUN (${code(`${name}=$(…)`)})`;
      }
    }
  }
  return null;
}

function isDownload(c: RunCommand): boolean {
  return c.inv.tool === 'curl' || c.inv.tool === 'wget';
}

/** The command after `c` in its pipeline runs what it reads: `curl … | sh`. */
function pipedToShell(c: RunCommand, list: readonly RunCommand[]): RunCommand | null {
  if (c.command.nextOp !== '|') return null;
  const next = list.find((n) => n.command.index === c.command.index + 1);
  if (!next || !SHELLS.has(next.inv.tool.replace(/^.*\//, ''))) return null;
  // `| sh -c 'fixed script'` runs its argument, not what it reads
  if (next.inv.args.some((w) => w.value === '-c')) return null;
  return next;
}

/**
 * Downloads that nothing verifies: `ADD <url>` without `--checksum`, a script piped from curl/wget into a shell,
 * and a package, archive or executable fetched with curl/wget in a RUN that checks no hash or signature.
 */
export default defineRule({
  id: 'unverified-download',
  aliases: [],
  kind: 'dockerfile',
  severity: 'info',
  severityNote:
    'warning for a fetch over plain `http://`, or of a version the same RUN looks up on the network',
  fixable: false,
  summary:
    'A download that is installed or run unverified (`ADD <url>` without `--checksum`, `curl … | sh`, a fetched archive or package with no checksum)',
  why: 'Whatever the server (or anyone between it and the builder) sends is built into the image: a compromised release, mirror or CDN becomes code in your image. Pinning the expected hash (or checking a signature) makes the build fail instead.',
  messages: {
    addWithoutChecksum:
      '{{instruction}} downloads without checking what it gets{{http}}: add `--checksum=sha256:<hash>` so the build fails if the file changes.',
    pipedToShell:
      '{{pipe}} runs a script straight from the network{{http}}, unverified: download it to a file, check its sha256 (`sha256sum -c`), then run it.',
    unverifiedArtifact:
      '{{url}} {{why}}is downloaded and used with no checksum or signature check in this RUN: {{first}}compare its sha256 (`echo "<sha256>  <file>" | sha256sum -c -`) before installing or running it.',
  },
  check({ model, report }) {
    for (const ins of model.each('ADD')) {
      if (ins.flag('checksum')) continue;
      const sources = ins.args.slice(0, -1);
      for (const src of sources) {
        const value = src.value;
        // a git URL is pinned by its ref (a commit), not by a checksum
        if (!/^https?:\/\//i.test(value) || /\.git(#|$)/i.test(value)) continue;
        report({
          at: src.span,
          messageId: 'addWithoutChecksum',
          data: { instruction: code(`ADD ${value}`), http: plainHttp(value) ? ', over plain `http://`' : '' },
          ...(plainHttp(value) ? { severity: 'warning' as const } : {}),
        });
      }
    }
    for (const list of commandsByRun(model).values()) checkRun(list, report);
  },
});

/** One RUN's downloads: piped into a shell, or an artifact with no verification anywhere in the RUN. */
function checkRun(list: readonly RunCommand[], report: RuleContext<DockerfileModel>['report']): void {
  const verified = list.some(verifies);
  for (const c of list) {
    if (!isDownload(c)) continue;
    const shell = pipedToShell(c, list);
    if (shell) {
      const http = c.inv.args.some((w) => plainHttp(w.value));
      report({
        ...(http ? { severity: 'warning' as const } : {}),
        at: { start: c.inv.toolWord.start, end: shell.inv.toolWord.end },
        messageId: 'pipedToShell',
        data: {
          pipe: code(`${c.inv.tool} … | ${shell.inv.tool}`),
          http: http ? ' over plain `http://`' : '',
        },
      });
      continue;
    }
    // `V=$(curl -s …/index.tar.gz | …)` reads data to compute something; it installs nothing
    if (verified || c.command.inSubstitution) continue;
    const url = artifactUrl(c, list);
    if (!url) continue;
    // advice in general; a defect to fix when nothing, not even TLS or a pinned version, says which file arrives
    const http = plainHttp(url.url);
    const floating = http ? null : floatingVersion(url.url, c.script.text);
    const why = http ? 'comes over plain `http://`' : floating;
    report({
      at: { start: url.start, end: url.end },
      messageId: 'unverifiedArtifact',
      data: {
        url: code(url.url.length > 80 ? `${url.url.slice(0, 77)}…` : url.url),
        why: why ? `${why} and ` : '',
        first: http ? 'fetch it over `https://` and ' : floating ? 'pin the version and ' : '',
      },
      ...(why ? { severity: 'warning' as const } : {}),
    });
  }
}
