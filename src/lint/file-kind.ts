/** Which kind of container file a path names: by its name, or as the user chose it. */
import type { FileKind } from './types.js';

const DOCKERFILE_NAME = /(^|[/\\])(Dockerfile|Containerfile)([^/\\]*)$|\.(Dockerfile|Containerfile)$/i;
const COMPOSE_NAME = /(^|[/\\])(docker-)?compose[^/\\]*\.ya?ml$/i;

/** `Dockerfile.md`, `dockerfile.go`: files about Dockerfiles, not Dockerfiles. */
const NOT_A_DOCKERFILE =
  /\.(md|markdown|rst|txt|go|py|js|mjs|cjs|ts|json|ya?ml|toml|ini|cfg|sh|bash|ps1|bat|html|xml|lock|bak|orig|rej|swp|tmp|log|patch|diff)$/i;

/**
 * The kind of a file chosen by the user rather than by its name (named on the command line, or matched by the
 * config's `files.include`): by its name when that says, else YAML is Compose and anything else a Dockerfile.
 */
export function chosenKind(path: string): FileKind {
  return detectKind(path) ?? (/\.ya?ml$/i.test(path) ? 'compose' : 'dockerfile');
}

/** What kind of container file a path names, if any. */
export function detectKind(path: string): FileKind | null {
  if (COMPOSE_NAME.test(path)) return 'compose';
  if (DOCKERFILE_NAME.test(path) && !NOT_A_DOCKERFILE.test(path)) return 'dockerfile';
  return null;
}
