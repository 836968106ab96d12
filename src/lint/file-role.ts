/**
 * Whether a container file is a fixture — a test, an example, a development setup — rather than something that
 * ships. The same finding reads differently there: host networking in an e2e harness, a documented demo password in
 * an example, `latest` in a dev override are deliberate, and a reviewer would not hold a merge for them. The review
 * layer uses this to keep such files' warnings in the check run instead of posting them as comments; severities
 * and the merge gate do not change.
 *
 * Everything here is a bounded scan of the path and of the file's first lines (pull-request input): no regex runs
 * on more than one short line or path segment.
 */

export interface FileRole {
  /** Why the file is taken for a fixture, for the check-run summary ("in a `tests/` folder"). */
  reason: string;
}

/** Folder names that hold tests, examples and development setups, not what ships. */
const FIXTURE_FOLDERS = new Set([
  '__tests__',
  '.devcontainer',
  'benchmark',
  'benchmarks',
  'cypress',
  'demo',
  'demos',
  'dev',
  'devcontainer',
  'devenv',
  'e2e',
  'example',
  'examples',
  'fixture',
  'fixtures',
  'hack',
  'integration-tests',
  'playwright',
  'sample',
  'samples',
  'test',
  'testdata',
  'testfiles',
  'testing',
  'tests',
]);

/**
 * Words of a folder name, split at `-`, `_` and `.`, that mark it as such on their own: `testfile-line/` (a
 * parser's test input), `e2e_suite/`, `cypress-tests/`. Only words that never name what ships: a `test-images/` or
 * `example-stack/` folder may well hold an image someone runs, and keeps its comments.
 */
const FIXTURE_FOLDER_WORDS = new Set([
  'cypress',
  'e2e',
  'fixture',
  'fixtures',
  'playwright',
  'testdata',
  'testfile',
  'testfiles',
]);

/** Words in a file name that mark it as such (`Dockerfile.dev`, `compose.test.yaml`, `docker-compose.override.yml`). */
const FIXTURE_NAME_WORDS = new Set([
  'ci-test',
  'demo',
  'dev',
  'development',
  'devcontainer',
  'e2e',
  'example',
  'override',
  'sample',
  'test',
  'testfile',
  'tests',
]);

/** What a header comment says when the author wrote the file for tests or development only. */
const FIXTURE_HEADER_PHRASES = [
  'for test and development only',
  'for testing and development only',
  'for development and testing only',
  'for development only',
  'for development purposes only',
  'for testing only',
  'for testing purposes only',
  'for local development only',
  'not for production',
  'not suitable for production',
  'not intended for production',
  'do not use in production',
  'do not use this in production',
  'not meant for production',
];

const HEADER_LINES = 30;
const HEADER_LINE_CHARS = 300;
const MAX_SEGMENTS = 64;

/** The fixture role of a file at `path` with this text, or null when nothing says it does not ship. */
export function fileRole(path: string, text: string): FileRole | null {
  const segments = path.split(/[/\\]/).slice(-MAX_SEGMENTS);
  const name = segments.pop() ?? '';
  for (const folder of segments) {
    const lower = folder.toLowerCase();
    if (FIXTURE_FOLDERS.has(lower) || lower.split(/[-_.]/).some((w) => FIXTURE_FOLDER_WORDS.has(w)))
      return { reason: `in a \`${folder}/\` folder` };
  }
  // the name's words, after the kind of file: `Dockerfile.dev` → dev, `docker-compose.ci-test.yml` → ci-test
  const words = name.toLowerCase().split('.');
  for (const word of words) {
    if (FIXTURE_NAME_WORDS.has(word)) return { reason: `named as a \`.${word}\` file` };
    for (const part of word.split(/[-_]/)) {
      if (part !== word && FIXTURE_NAME_WORDS.has(part)) return { reason: `named as a \`${part}\` file` };
    }
  }
  const said = headerPhrase(text);
  return said ? { reason: `its header says "${said}"` } : null;
}

/** The first fixture phrase in the comment lines at the top of the file (before the first instruction or key). */
function headerPhrase(text: string): string | null {
  let at = 0;
  for (let n = 0; n < HEADER_LINES && at < text.length; n++) {
    let end = text.indexOf('\n', at);
    if (end < 0) end = text.length;
    const line = text.slice(at, Math.min(end, at + HEADER_LINE_CHARS)).trim();
    at = end + 1;
    if (line === '' || line === '---') continue;
    if (!line.startsWith('#')) break;
    const lower = line.toLowerCase();
    const phrase = FIXTURE_HEADER_PHRASES.find((p) => lower.includes(p));
    if (phrase) return phrase;
  }
  return null;
}

/**
 * Whether the file builds a base image for other Dockerfiles (`Dockerfile.base`, `base.Dockerfile`,
 * `Containerfile-base`): what it leaves behind is judged in the images built FROM it, which may copy out only what
 * they need.
 */
export function isBaseImageFile(path: string): boolean {
  const name = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1).toLowerCase();
  return name.split(/[-_.]/).includes('base');
}
