import rule from '../../../src/lint/rules/compose/compose-image-tag.js';
import { testRule } from '../../rule-tester.js';

testRule(rule, {
  valid: [
    {
      name: 'the base in another file builds: its image is the one built',
      code: 'services:\n  app:\n    extends: {file: base.yaml, service: app}\n',
      related: { 'base.yaml': 'services:\n  app:\n    image: acme/app\n    build: .\n' },
    },
    {
      name: 'the service sets its own image over the inherited one',
      code: 'services:\n  app:\n    image: acme/app:1.2\n    extends: {file: base.yaml, service: app}\n',
      related: { 'base.yaml': 'services:\n  app:\n    image: acme/app\n' },
    },
    'services:\n  db:\n    image: postgres:16.4\n',
    {
      name: 'a digest pins whatever the tag',
      code: 'services:\n  db:\n    image: postgres:latest@sha256:4c2dcbd8c8d4d9b1f2a1e8e0c9e3d2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5\n',
    },
    {
      name: 'interpolated images are not judged',
      code: 'services:\n  app:\n    image: ${APP_IMAGE}\n  web:\n    image: nginx:${NGINX_TAG:-latest}\n',
    },
    {
      name: 'with `build`, `image` names the image built',
      code: 'services:\n  app:\n    build: .\n    image: acme/app\n',
    },
    {
      name: 'a registry with a port is not a tag',
      code: 'services:\n  app:\n    image: localhost:5000/app:1.2\n',
    },
    { name: 'no image at all', code: 'services:\n  app:\n    build: .\n' },
    {
      name: 'release tags that contain a channel word are releases',
      code: 'services:\n  a:\n    image: nginx:1.27-stable\n  b:\n    image: node:22-alpine\n  c:\n    image: x:stable-2024.1\n  d:\n    image: x:1.4-test2\n',
    },
    {
      name: 'prohibitedTags replaces the list (dclint option)',
      code: 'services:\n  a:\n    image: nginx:stable\n',
      options: { prohibitedTags: ['latest'] },
    },
  ],
  invalid: [
    {
      name: 'floating channel tags are not pinned (dclint)',
      code: 'services:\n  a:\n    image: nginx:stable\n  b:\n    image: redis:Edge\n  c:\n    image: x:nightly\n  d:\n    image: x:dev\n  e:\n    image: x:beta\n  f:\n    image: x:canary\n  g:\n    image: x:preview\n  h:\n    image: x:unstable\n',
      errors: [
        { line: 3, column: 12, messageId: 'floatingTag', message: '`stable`' },
        { line: 5, messageId: 'floatingTag', message: '`Edge`' },
        { line: 7, messageId: 'floatingTag', message: '`nightly`' },
        { line: 9, messageId: 'floatingTag', message: '`dev`' },
        { line: 11, messageId: 'floatingTag', message: '`beta`' },
        { line: 13, messageId: 'floatingTag', message: '`canary`' },
        { line: 15, messageId: 'floatingTag', message: '`preview`' },
        { line: 17, messageId: 'floatingTag', message: '`unstable`' },
      ],
    },
    {
      name: 'prohibitedTags adds a tag',
      code: 'services:\n  a:\n    image: x:qa\n',
      options: { prohibitedTags: ['latest', 'qa'] },
      errors: [{ line: 3, messageId: 'floatingTag', message: '`qa`' }],
    },
    {
      name: "a test channel moves with every push too (in dclint's default list)",
      code: 'services:\n  api:\n    image: ghcr.io/acme/api:test\n  worker:\n    image: acme/worker:TEST\n',
      errors: [
        { line: 3, messageId: 'floatingTag', message: '`test`' },
        { line: 5, messageId: 'floatingTag', message: '`TEST`' },
      ],
    },
    {
      name: 'an untagged image inherited from a base in another file: at `extends`',
      code: 'services:\n  app:\n    extends:\n      file: base.yaml\n      service: app\n',
      related: { 'base.yaml': 'services:\n  app:\n    image: postgres\n' },
      errors: [{ line: 3, column: 5, message: 'inherited through `extends` from `app` in `base.yaml`' }],
    },
    {
      name: 'a base in the same file is reported where it is written, once',
      code: 'services:\n  base:\n    image: redis:latest\n  cache:\n    extends: base\n',
      errors: [{ line: 3, column: 12 }],
    },
    {
      code: 'services:\n  db:\n    image: postgres\n',
      errors: [
        {
          line: 3,
          column: 12,
          messageId: 'noTag',
          message: '`postgres`',
          aliases: ['service-image-require-explicit-tag'],
        },
      ],
    },
    {
      code: 'services:\n  db:\n    image: "postgres:latest"\n',
      errors: [
        {
          line: 3,
          column: 12,
          messageId: 'floatingTag',
          message: '`latest`',
          aliases: ['service-image-require-explicit-tag'],
        },
      ],
    },
    {
      name: 'a registry with a port and no tag',
      code: 'services:\n  app:\n    image: registry.example.com:5000/team/app\n',
      errors: [{ line: 3, message: 'registry.example.com:5000/team/app:<version>' }],
    },
    {
      name: 'an image merged from an anchor is reported at the anchor',
      code: 'x-base: &base\n  image: redis\nservices:\n  cache:\n    <<: *base\n',
      errors: [{ line: 2, column: 10, message: 'Service `cache` runs `redis`' }],
    },
  ],
});
