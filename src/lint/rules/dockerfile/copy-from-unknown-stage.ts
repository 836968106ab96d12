import { defineRule } from '../../rule.js';
import { editDistance } from '../../text.js';
import { stageCopies, stageHead, stageLabel } from '../../dockerfile/stages.js';
import { code } from '../../quote.js';

/** A reference with a registry, a path, a tag or a digest can only be an image. */
const IMAGE_LIKE = /[/:.@]/;

/** Docker Hub images commonly copied from without a tag (`COPY --from=busybox …`). */
const KNOWN_IMAGES = new Set([
  'alpine',
  'almalinux',
  'amazonlinux',
  'bash',
  'busybox',
  'caddy',
  'centos',
  'composer',
  'debian',
  'docker',
  'eclipse-temurin',
  'fedora',
  'gcc',
  'golang',
  'gradle',
  'hello-world',
  'httpd',
  'maven',
  'mariadb',
  'mongo',
  'mysql',
  'nginx',
  'node',
  'openjdk',
  'perl',
  'php',
  'postgres',
  'python',
  'redis',
  'rockylinux',
  'ruby',
  'rust',
  'tomcat',
  'traefik',
  'ubuntu',
]);

/** `COPY --from=x` where x is no earlier stage, no stage index and not an image reference. */
export default defineRule({
  id: 'copy-from-unknown-stage',
  aliases: ['DL3022'],
  kind: 'dockerfile',
  severity: 'warning',
  fixable: false,
  summary: '`COPY --from` names no earlier stage',
  why: "A `--from` name that matches no earlier stage is taken as an image name and pulled from Docker Hub: a typo in a stage name silently copies from a stranger's image, or fails the build late.",
  messages: {
    laterIndex: '{{command}}: stage index {{index}} is not an earlier stage (this is stage index {{own}}).',
    noStage:
      '{{command}}: no `FROM` comes before this instruction, so there is no stage {{index}} to copy from.',
    laterStage: '{{command}}: {{stage}} is defined later, on line {{line}}; move it above this one.',
    typo: '{{command}}: no earlier stage is named {{name}}; did you mean {{guess}}?',
    pulledImage:
      '{{command}}: no earlier stage is named {{name}}, so it is pulled as an image; write the image with a tag ({{tagged}}) or add {{from}} first.',
  },
  check({ model, report }) {
    // an ONBUILD COPY names stages of the build that uses this image, which this file cannot know: stageCopies
    // leaves it out
    for (const { stage, value: written, valueSpan, target } of stageCopies(model)) {
      const command = code(`COPY --from=${written}`);
      if (target.kind === 'unknown') continue;
      if (target.kind === 'index') {
        // before any FROM (an invalid file, linted as hadolint lints it) no stage has a number yet
        if (stage.from === null) {
          report({ at: valueSpan, messageId: 'noStage', data: { command, index: target.index } });
          continue;
        }
        // an earlier stage is fine; its own index is copy-from-own-stage's finding
        if (target.index <= stage.index) continue;
        report({
          at: valueSpan,
          messageId: 'laterIndex',
          data: { command, index: target.index, own: stage.index },
        });
      } else if (target.kind === 'stage') {
        if (target.stage.index <= stage.index) continue;
        report({
          at: valueSpan,
          messageId: 'laterStage',
          data: { command, stage: stageLabel(target.stage), line: stageHead(target.stage).line },
        });
      } else {
        if (IMAGE_LIKE.test(target.value) || KNOWN_IMAGES.has(target.value.toLowerCase())) continue;
        const earlier = model.stages.filter((s) => s.index < stage.index && s.name).map((s) => s.name!);
        const value = target.value.toLowerCase();
        let guess: string | null = null;
        let best = value.length <= 4 ? 2 : 3;
        for (const name of earlier) {
          const d = editDistance(value, name);
          if (d < best) [guess, best] = [name, d];
        }
        const name = code(target.value);
        report(
          guess
            ? { at: valueSpan, messageId: 'typo', data: { command, name, guess: code(guess) } }
            : {
                at: valueSpan,
                messageId: 'pulledImage',
                data: {
                  command,
                  name,
                  tagged: code(`${target.value}:<version>`),
                  from: code(`FROM … AS ${target.value}`),
                },
              },
        );
      }
    }
  },
});
