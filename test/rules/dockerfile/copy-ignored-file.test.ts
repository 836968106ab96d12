import rule from '../../../src/lint/rules/dockerfile/copy-ignored-file.js';
import { testRule } from '../../rule-tester.js';

const ignore = (text: string): Record<string, string | null> => ({
  '.dockerignore': text,
  'Dockerfile.dockerignore': null,
});

testRule(rule, {
  valid: [
    { code: 'FROM alpine:3.20\nCOPY app.conf /etc/app.conf\n', related: ignore('.git\n*.log\n') },
    {
      name: 'an exception brings it back',
      code: 'FROM alpine:3.20\nCOPY config/app.conf /etc/\n',
      related: ignore('config\n!config/app.conf\n'),
    },
    { name: 'the whole context', code: 'FROM alpine:3.20\nCOPY . /src\n', related: ignore('*\n!src\n') },
    {
      name: 'from another stage',
      code: 'FROM alpine:3.20 AS b\nFROM alpine:3.20\nCOPY --from=b secrets.txt /x\n',
      related: ignore('secrets.txt\n'),
    },
    {
      name: 'a variable source is not judged',
      code: 'FROM alpine:3.20\nARG F\nCOPY $F /x\n',
      related: ignore('*.txt\n'),
    },
    { name: 'no .dockerignore known', code: 'FROM alpine:3.20\nCOPY secrets.txt /x\n' },
    {
      name: 'silent past 200 wildcard lines (documented cap on the work)',
      code: 'FROM alpine:3.20\nCOPY secrets.txt /x\n',
      related: ignore(`${Array.from({ length: 201 }, (_, i) => `*.x${i}\n`).join('')}secrets.txt\n`),
    },
  ],
  invalid: [
    {
      name: 'many literal lines do not count towards the cap; a later wildcard line still decides',
      code: 'FROM alpine:3.20\nCOPY f3/a.log /x\nCOPY f2/a.log /y\n',
      related: ignore(
        `${Array.from({ length: 3000 }, (_, i) => `f${i}\n`).join('')}!f2\nf2/*.log\n!f3/*.log\n`,
      ),
      errors: [{ line: 3, message: '`f2/a.log` is excluded' }],
    },
    {
      code: 'FROM alpine:3.20\nCOPY secrets.txt /run/secrets/\n',
      related: ignore('secrets.txt\n'),
      errors: [
        {
          line: 2,
          column: 6,
          message: '`secrets.txt` is excluded by `.dockerignore`',
          aliases: ['CopyIgnoredFile'],
        },
      ],
    },
    {
      name: 'a folder pattern excludes what is inside; JSON form; ADD; ONBUILD',
      code: 'FROM alpine:3.20\nCOPY ["build/out.bin", "/usr/local/bin/"]\nADD ./docs/ /docs/\nONBUILD COPY dist/app.js /app/\n',
      related: ignore('build/\ndocs\n**/dist\n'),
      errors: [{ line: 2 }, { line: 3 }, { line: 4 }],
    },
    {
      name: 'the per-Dockerfile ignore file is the one that counts',
      code: 'FROM alpine:3.20\nCOPY notes.md /\n',
      related: { '.dockerignore': null, 'Dockerfile.dockerignore': '*.md\n' },
      errors: [{ line: 2, message: '`Dockerfile.dockerignore`' }],
    },
  ],
});
