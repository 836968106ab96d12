import rule from '../../../src/lint/rules/dockerfile/prefer-copy.js';
import { testRule } from '../../rule-tester.js';

testRule(rule, {
  valid: [
    'FROM alpine:3.20\nCOPY app.py /app/\n',
    { name: 'URL', code: 'FROM alpine:3.20\nADD https://example.com/jq-linux64 /usr/local/bin/jq\n' },
    { name: 'git source', code: 'FROM alpine:3.20\nADD git@github.com:acme/lib.git /src/lib\n' },
    {
      name: 'local tarballs are unpacked',
      code: 'FROM alpine:3.20\nADD rootfs.tar.gz /\nADD vendor.tgz data.tar.zst /opt/\nADD site.tar.xz /srv/\n',
    },
    { name: 'checksum flag', code: 'FROM alpine:3.20\nADD --checksum=sha256:24454f83 ./file /x\n' },
    { name: 'keep-git-dir flag', code: 'FROM alpine:3.20\nADD --keep-git-dir=true ./repo /src\n' },
    { name: 'heredoc', code: 'FROM alpine:3.20\nADD <<EOF /etc/motd\nhello\nEOF\n' },
    { name: 'a variable source could be anything', code: 'FROM alpine:3.20\nARG PKG\nADD $PKG /opt/\n' },
    { name: 'JSON form with a URL', code: 'FROM alpine:3.20\nADD ["https://example.com/a b", "/x"]\n' },
    {
      name: 'quoted sources are read without their quotes: a tarball ADD unpacks, a URL it downloads',
      code: 'FROM alpine:3.20\nADD "site-assets.tar.xz" /srv/www/\nADD \'https://downloads.example.org/tool.bin\' /opt/\n',
    },
    { name: 'JSON form with a tarball', code: 'FROM alpine:3.20\nADD ["vendor bundle.tgz", "/opt/"]\n' },
  ],
  invalid: [
    {
      code: 'FROM alpine:3.20\nADD requirements.txt /app/\n',
      errors: [
        {
          line: 2,
          column: 1,
          messageId: 'localFiles',
          message: '`requirements.txt`',
          aliases: ['DL3020', 'CKV_DOCKER_4', 'DS-0005'],
        },
      ],
      output: 'FROM alpine:3.20\nCOPY requirements.txt /app/\n',
    },
    {
      name: 'flags COPY has; lower case',
      code: 'FROM alpine:3.20\nadd --chown=app:app --chmod=644 . /app\n',
      errors: [{ line: 2, column: 1 }],
      output: 'FROM alpine:3.20\ncopy --chown=app:app --chmod=644 . /app\n',
    },
    {
      name: 'JSON form; a zip is not unpacked by ADD',
      code: 'FROM alpine:3.20\nAdd ["my file.txt", "bundle.zip", "/data/"]\n',
      errors: [{ line: 2, column: 1, message: '`my file.txt`, `bundle.zip`' }],
      output: 'FROM alpine:3.20\nCopy ["my file.txt", "bundle.zip", "/data/"]\n',
    },
    {
      name: 'a quoted local file that is no archive; named without its quotes',
      code: 'FROM alpine:3.20\nADD "release-notes.txt" \'LICENSE.zip\' /usr/share/doc/app/\n',
      errors: [{ line: 2, column: 1, message: 'local `release-notes.txt`, `LICENSE.zip` neither' }],
      output: 'FROM alpine:3.20\nCOPY "release-notes.txt" \'LICENSE.zip\' /usr/share/doc/app/\n',
    },
    {
      name: 'ONBUILD',
      code: 'FROM alpine:3.20\nONBUILD ADD . /app/src\n',
      errors: [{ line: 2, column: 9 }],
      output: 'FROM alpine:3.20\nONBUILD COPY . /app/src\n',
    },
    {
      name: 'line continuation',
      code: 'FROM alpine:3.20\nADD config.yml \\\n    settings.yml /etc/app/\n',
      errors: [{ line: 2, column: 1 }],
      output: 'FROM alpine:3.20\nCOPY config.yml \\\n    settings.yml /etc/app/\n',
    },
    {
      name: 'an open pattern may match a tarball: no fix',
      code: 'FROM alpine:3.20\nADD files/* /opt/\n',
      errors: [{ line: 2, column: 1, messageId: 'maybeArchive' }],
    },
  ],
});
