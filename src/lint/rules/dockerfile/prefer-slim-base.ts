import { defineRule } from '../../rule.js';
import type { ImageRef } from '../../dockerfile/image-ref.js';
import { code } from '../../quote.js';
import { imageStages } from '../../dockerfile/stages.js';

const DISTRO = '(?:trixie|bookworm|bullseye|buster|stretch|jessie)';

/**
 * How each Docker Hub official image names its `-slim` variant, checked against the images' published tags.
 * `head` is the part of the tag before the slim marker (version and variants), `tail` what follows it (the Debian
 * release). Python, Ruby, Perl, Rust and OpenJDK put `slim` before the release (`3.12-slim-bookworm`); Node puts it
 * last (`20-bookworm-slim`); Debian appends it (`bookworm-slim`, `12-slim`).
 */
interface SlimScheme {
  head: string;
  /** The head may be absent (`python:bookworm` → `python:slim-bookworm`). */
  headOptional: boolean;
  tail: string;
  slimLast: boolean;
}

const NUM = '\\d+(?:\\.\\d+)*';
const SCHEMES: Record<string, SlimScheme> = {
  python: { head: `${NUM}(?:(?:a|b|rc)\\d+)?`, headOptional: true, tail: `(?:-${DISTRO})?`, slimLast: false },
  ruby: { head: `${NUM}(?:-rc|-preview\\d+)?`, headOptional: true, tail: `(?:-${DISTRO})?`, slimLast: false },
  perl: {
    head: `(?:${NUM}|stable|devel)`,
    headOptional: true,
    tail: `(?:-threaded)?(?:-${DISTRO})?`,
    slimLast: false,
  },
  rust: { head: NUM, headOptional: true, tail: `(?:-${DISTRO})?`, slimLast: false },
  // deprecated upstream, but old tags are still pulled; `-slim` follows `-jdk`/`-jre` (`11-jre-slim-buster`)
  openjdk: {
    head: `\\d+(?:[.u]\\d+)*(?:-jdk|-jre)?`,
    headOptional: false,
    tail: `(?:-${DISTRO})?`,
    slimLast: false,
  },
  node: {
    head: `(?:${NUM}|lts|current|argon|boron|carbon|dubnium|erbium|fermium|gallium|hydrogen|iron|jod)`,
    headOptional: true,
    tail: `(?:-${DISTRO})?`,
    slimLast: true,
  },
  debian: {
    head: `(?:\\d+(?:\\.\\d+)?|${DISTRO}|oldoldstable|oldstable|stable|testing|unstable|sid)(?:-\\d{8})?`,
    headOptional: false,
    tail: '',
    slimLast: true,
  },
};

const DOCKER_HUB = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);

/** The official image's short name, or null when the reference is not a Docker Hub official image we know. */
function officialImage(ref: ImageRef): string | null {
  if (ref.registry !== null && !DOCKER_HUB.has(ref.registry.toLowerCase())) return null;
  const name = ref.name.startsWith('library/') ? ref.name.slice('library/'.length) : ref.name;
  if (name.includes('/')) return null;
  return Object.hasOwn(SCHEMES, name) ? name : null;
}

/** The `-slim` tag matching `tag` (same version, same variants, same Debian release), or null. */
function slimTag(image: string, tag: string): string | null {
  const scheme = SCHEMES[image];
  if (!scheme) return null;
  const m = new RegExp(`^(${scheme.head})(${scheme.tail})$`).exec(tag);
  if (m) {
    const [, head = '', tail = ''] = m;
    return scheme.slimLast ? `${head}${tail}-slim` : `${head}-slim${tail}`;
  }
  // a tag that is only the variant or the release: `bookworm`, `bookworm` → `slim-bookworm` / `bookworm-slim`
  if (scheme.headOptional && scheme.tail && new RegExp(`^${scheme.tail}$`).test(`-${tag}`)) {
    return scheme.slimLast ? `${tag}-slim` : `slim-${tag}`;
  }
  return null;
}

/** Full official images where a `-slim` variant exists, in what ships. */
export default defineRule({
  id: 'prefer-slim-base',
  aliases: [],
  kind: 'dockerfile',
  severity: 'info',
  fixable: 'sugg',
  summary: 'Shipped stage uses a full official image where a `-slim` variant exists',
  why: 'The full official images carry compilers, headers and hundreds of Debian packages an application rarely needs at run time; the `-slim` variant of the same version is often several hundred MB smaller, with fewer packages to patch.',
  messages: {
    unpinned:
      '{{image}} is the full {{name}} image; pin a `-slim` variant such as {{example}} for what ships.',
    notFixable:
      '{{image}} is the full {{name}} image; {{slim}} has the same runtime in far less space ({{why}}).',
    debianSlim:
      '{{image}} is the full image; {{slim}} is the same release without documentation, man pages and locales the image does not need.',
    slim: '{{image}} is the full image; {{slim}} has the same runtime without the compilers and extra packages, often hundreds of MB smaller.',
  },
  check({ model, source, report }) {
    for (const stage of imageStages(model)) {
      if (!stage.shipped) continue;
      const ref = stage.resolvedImage;
      if (ref.dynamic) continue;
      const image = officialImage(ref);
      if (!image) continue;
      const written = code(stage.image.raw);
      // a bare digest may well be a slim image: nothing to judge
      if (ref.tag === null && ref.digest !== null) continue;
      if (ref.tag === null || ref.tag === 'latest') {
        // pin-base-image and no-latest-tag ask for a version; a floating `slim` tag would not be better
        const example = image === 'debian' ? 'debian:<release>-slim' : `${image}:<version>-slim`;
        report({
          at: stage.imageSpan,
          messageId: 'unpinned',
          data: { image: written, name: code(image), example: code(example) },
        });
        continue;
      }
      const slim = slimTag(image, ref.tag);
      if (!slim) continue; // already slim/alpine/windows, or a tag scheme we do not know
      const target = `${ref.registry ? `${ref.registry}/` : ''}${ref.name}:${slim}`;
      const text = source.text.slice(stage.imageSpan.start, stage.imageSpan.end);
      const canFix = !stage.image.dynamic && ref.digest === null && text.endsWith(`:${ref.tag}`);
      if (!canFix) {
        const why =
          ref.digest !== null
            ? 'the digest pins the full image, so pin the digest of the slim tag instead'
            : `${code(stage.image.raw)} comes from build args, so change their default`;
        report({
          at: stage.imageSpan,
          messageId: 'notFixable',
          data: { image: written, name: code(`${image}:${ref.tag}`), slim: code(target), why },
        });
        continue;
      }
      report({
        at: stage.imageSpan,
        messageId: image === 'debian' ? 'debianSlim' : 'slim',
        data: { image: written, slim: code(target) },
        fix: {
          description: `use ${code(target)}`,
          edits: [{ start: stage.imageSpan.end - ref.tag.length, end: stage.imageSpan.end, text: slim }],
        },
      });
    }
  },
});
