/** Image references as `docker` reads them: `[registry/]name[:tag][@digest]`. */
export interface ImageRef {
  /** As written (after ARG substitution when `resolved`). */
  raw: string;
  registry: string | null;
  /** Repository path without registry, e.g. `library/python` is written `python`. */
  name: string;
  tag: string | null;
  digest: string | null;
  /** Still holds `$VAR` after substitution. */
  dynamic: boolean;
}

export function parseImageRef(raw: string): ImageRef {
  let rest = raw.trim();
  let digest: string | null = null;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1) || null;
    rest = rest.slice(0, at);
  }
  let tag: string | null = null;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1) || null;
    rest = rest.slice(0, colon);
  }
  let registry: string | null = null;
  const slash = rest.indexOf('/');
  if (slash > 0) {
    const first = rest.slice(0, slash);
    if (first.includes('.') || first.includes(':') || first === 'localhost') {
      registry = first;
      rest = rest.slice(slash + 1);
    }
  }
  return { raw, registry, name: rest, tag, digest, dynamic: raw.includes('$') };
}

/** The last path component of the repository name: `python` for `docker.io/library/python`. */
export function imageShortName(ref: ImageRef): string {
  const i = ref.name.lastIndexOf('/');
  return (i >= 0 ? ref.name.slice(i + 1) : ref.name).toLowerCase();
}

/**
 * The word with its shell quotes removed, as the builder reads a `FROM` argument (`servercore:"${V}"` names
 * `servercore:ltsc2022`): quotes delimit, a backslash outside single quotes escapes the next character. One pass.
 */
export function removeQuotes(word: string): string {
  let out = '';
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < word.length; i++) {
    const c = word[i]!;
    if (quote === null && (c === '"' || c === "'")) quote = c;
    else if (c === quote) quote = null;
    else if (c === '\\' && quote !== "'" && i + 1 < word.length) out += word[++i];
    else out += c;
  }
  return out;
}
