import { commandsByRun, type RunCommand } from '../../dockerfile/run.js';
import type { DockerfileModel } from '../../dockerfile/model.js';
import { defineRule, type RuleContext } from '../../rule.js';
import { code } from '../../quote.js';
import { POSIX_SHELLS } from '../../shell/shells.js';

/** Shells and interpreters a downloaded script is piped into. */
const SHELLS = new Set([...POSIX_SHELLS, 'python', 'python3', 'perl', 'ruby', 'node']);

/** What a download is when it is installed or run: a package, an archive or an executable. */
const ARTIFACT = /\.(deb|rpm|apk|tar|tgz|tbz2?|txz|zip|gz|xz|bz2|zst|jar|whl|run|bin|sh|appimage)$/i;

/** Commands that check a download: a hash compared to a known value, or a signature. */
function verifies(c: RunCommand): boolean {
  const { tool, args } = c.inv;
  if (/^(sha(1|224|256|384|512)sum|shasum|b2sum|md5sum|cksum)$/.test(tool))
    return args.some((w) => w.value === '-c' || w.value === '--check' || w.value.startsWith('-c'));
  if (tool === 'gpg' || tool === 'gpgv')
    return tool === 'gpgv' || args.some((w) => /^--verify/.test(w.value));
  if (tool === 'cosign' || tool === 'minisign' || tool === 'signify' || tool === 'slsa-verifier') return true;
  if (tool === 'rpm') return args.some((w) => w.value === '-K' || w.value === '--checksig');
  if (tool === 'dpkg-sig' || tool === 'debsig-verify') return true;
  // curl and wget themselves can't verify content; `echo "<sha>  file" | sha256sum -c -` is caught above
  return false;
}

/** The http(s) URL a curl/wget command downloads, when it names a package, archive or executable. */
function artifactUrl(c: RunCommand): { start: number; end: number; url: string } | null {
  for (const w of c.inv.args) {
    if (!/^https?:\/\//i.test(w.value)) continue;
    const path = w.value.replace(/[?#].*$/, '');
    if (ARTIFACT.test(path)) return { start: w.start, end: w.end, url: w.value };
  }
  return null;
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
    const url = artifactUrl(c);
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
