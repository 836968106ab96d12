/**
 * The config a review runs with, as Probot reads one but without its extra requests: the repository's
 * `.github/dockreview.yml` on the default branch, else the owner's `.github` repository's; `_extends` loads a config
 * of the same owner first; hadolint's own file under both. The files come from the review's contents query.
 */
import { parse as parseYaml } from 'yaml';
import { applyConfigText, ConfigError, defaultConfig, type Config } from '../config/config.js';
import { mayHaveLanded, type BlobText, type GitHubGateway } from './gateway.js';

export const CONFIG_PATHS = ['.github/dockreview.yml', '.github/dockreview.yaml'];
export const HADOLINT_PATHS = ['.hadolint.yaml', '.hadolint.yml'];

/**
 * Probot's config semantics without its extra requests: the repository's `.github/dockreview.yml` on the default
 * branch, else the one in the owner's `.github` repository; `_extends` loads the named config first. hadolint's
 * file comes first so dockreview's settings win.
 */
export async function resolveConfig(
  gw: GitHubGateway,
  repoFiles: Map<string, BlobText | null>,
  orgFiles: Map<string, BlobText | null>,
): Promise<Config> {
  let config = defaultConfig();
  const own =
    firstText(repoFiles, CONFIG_PATHS) ?? firstText(orgFiles, CONFIG_PATHS, `${gw.repo.owner}/.github:`);
  let ownConfigHadolint = true;
  const layers: ConfigLayer[] = [];
  if (own) {
    const extendsRef = readExtends(own.text);
    if (extendsRef) layers.push(await extendedLayer(gw, own.path, extendsRef));
    layers.push(own);
    // read `hadolint: false` before deciding whether .hadolint.yaml applies; from an invalid config, as written
    try {
      ownConfigHadolint = layers.reduce((acc, l) => applyLayer(defaultConfig(), l).hadolint ?? acc, true);
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      ownConfigHadolint = !layers.some((l) => l.extendsRef === undefined && saysNoHadolint(l.text));
    }
  }
  // every file's problems at once: an invalid dockreview.yml does not hide the .hadolint.yaml's
  const errors: ConfigError[] = [];
  const attempt = (apply: () => Config): void => {
    try {
      config = apply();
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      errors.push(err);
    }
  };
  const hadolint = firstText(repoFiles, HADOLINT_PATHS);
  if (hadolint && ownConfigHadolint)
    attempt(() => applyConfigText(config, hadolint.path, hadolint.text, 'hadolint'));
  for (const l of layers) attempt(() => applyLayer(config, l));
  if (errors.length > 0) throw ConfigError.merge(errors);
  return config;
}

function saysNoHadolint(text: string): boolean {
  try {
    const data = parseYaml(text, { maxAliasCount: 100 }) as { hadolint?: unknown } | null;
    return data?.hadolint === false;
  } catch {
    return false;
  }
}

function firstText(
  files: Map<string, BlobText | null>,
  paths: string[],
  prefix = '',
): { path: string; text: string } | null {
  for (const p of paths) {
    const t = textOf(files.get(p) ?? null);
    if (t !== null) return { path: `${prefix}${p}`, text: t };
  }
  return null;
}

function readExtends(text: string): string | null {
  try {
    const data = parseYaml(text, { maxAliasCount: 100 }) as { _extends?: unknown } | null;
    return typeof data?._extends === 'string' && data._extends.trim() ? data._extends.trim() : null;
  } catch {
    return null; // applyConfigText reports the YAML error with its line
  }
}

interface ConfigLayer {
  path: string;
  text: string;
  /** Set for a layer from another repository (`_extends`): its errors are not shown in this one's check runs. */
  extendsRef?: string;
}

/**
 * A config layer applied. The errors of a layer from another repository say only that it is not valid: the pull
 * request's readers may have no access to that repository, so its key names and values stay there.
 */
function applyLayer(config: Config, layer: ConfigLayer): Config {
  try {
    return applyConfigText(config, layer.path, layer.text, 'dockreview');
  } catch (err) {
    if (!(err instanceof ConfigError) || layer.extendsRef === undefined) throw err;
    throw new ConfigError(CONFIG_PATHS[0]!, null, extendsUnusable(layer.extendsRef));
  }
}

/** One message whether the file is missing, unreadable or invalid, so nothing is learnt of another repository. */
function extendsUnusable(ref: string): string {
  return `\`_extends: ${ref}\` could not be used: the file does not exist, the app cannot read it, or it is not a valid dockreview config (open it in that repository to check)`;
}

/**
 * `_extends: repo`, `owner/repo` or `owner/repo:path` (default path `.github/dockreview.yml`), within the same owner
 * only: an installation must not read, or reveal anything of, another account's repositories.
 */
async function extendedLayer(gw: GitHubGateway, ownPath: string, ref: string): Promise<ConfigLayer> {
  const m = /^(?:([\w.-]+)\/)?([\w.-]+)(?::([^\0]{1,1024}))?$/.exec(ref);
  if (!m)
    throw new ConfigError(
      ownPath,
      null,
      `\`_extends: ${ref}\` is not \`repo\`, \`owner/repo\` or \`owner/repo:path\``,
    );
  const owner = m[1] ?? gw.repo.owner;
  if (owner.toLowerCase() !== gw.repo.owner.toLowerCase())
    throw new ConfigError(
      ownPath,
      null,
      `\`_extends: ${ref}\` names a repository of another owner; a config may only extend one of the same owner (${gw.repo.owner})`,
    );
  const repo = m[2]!;
  const path = m[3] ?? CONFIG_PATHS[0]!;
  let text: string | null;
  try {
    text = await gw.fileText(owner, repo, path);
  } catch (err) {
    // a 403 (no access) must read like a 404; a 5xx is GitHub's and goes on as a failed review
    if (mayHaveLanded(err)) throw err;
    text = null;
  }
  if (text === null) throw new ConfigError(ownPath, null, extendsUnusable(ref));
  return { path: `${owner}/${repo}:${path}`, text, extendsRef: ref };
}

/** A blob's text, or null when it is missing or binary. */
export function textOf(blob: BlobText | null): string | null {
  if (!blob || blob.isBinary) return null;
  return blob.text;
}
