import rule from '../../../src/lint/rules/dockerfile/add-archive-instead-of-extract.js';
import { testRule } from '../../rule-tester.js';

testRule(rule, {
  valid: [
    'FROM debian:12\nADD app.tar.gz /opt/\n',
    { name: 'copied but never unpacked', code: 'FROM debian:12\nCOPY app.tar.gz /srv/\nRUN ls /srv\n' },
    {
      name: 'COPY --from another stage',
      code: 'FROM debian:12 AS build\nRUN tar -czf /out.tgz /src\nFROM debian:12\nCOPY --from=build /out.tgz /tmp/\nRUN tar -xzf /tmp/out.tgz -C /opt\n',
    },
    {
      name: 'unpacked in another stage',
      code: 'FROM debian:12 AS a\nCOPY app.tgz /tmp/\nFROM debian:12\nRUN tar xzf /tmp/app.tgz\n',
    },
    {
      name: 'unpacked before it is copied',
      code: 'FROM debian:12\nRUN tar -xf /tmp/app.tar\nCOPY app.tar /tmp/\n',
    },
    {
      name: 'zip: ADD does not unpack it',
      code: 'FROM debian:12\nCOPY app.zip /tmp/\nRUN unzip /tmp/app.zip -d /opt\n',
    },
    {
      name: 'tar creates, not extracts',
      code: 'FROM debian:12\nCOPY app.tar /tmp/\nRUN tar -rf /tmp/app.tar extra.txt\n',
    },
    {
      name: 'only part of the archive, or reshaped: ADD cannot do that',
      code: 'FROM debian:12\nCOPY node.tar.xz /tmp/\nRUN tar -xJf /tmp/node.tar.xz --strip-components=1 -C /usr/local\nCOPY app.tgz /tmp/\nRUN tar -xzf /tmp/app.tgz bin/app\n',
    },
    {
      name: 'another archive is unpacked',
      code: 'FROM debian:12\nCOPY a.tar.gz /tmp/\nRUN tar -xzf /tmp/b.tar.gz\n',
    },
    {
      name: 'the same file name in another directory is another file',
      code: 'FROM debian:12\nCOPY app.tar.gz /srv/\nRUN tar -xzf /opt/app.tar.gz\nCOPY site.tgz /srv/\nWORKDIR /opt\nRUN tar xzf site.tgz\n',
    },
  ],
  invalid: [
    {
      name: 'a relative name found in the WORKDIR: the COPY destination without a slash is that directory',
      code: 'FROM debian:12\nCOPY release.tar /opt/app\nWORKDIR /opt/app\nRUN make check && tar -xf release.tar\n',
      errors: [
        {
          line: 2,
          column: 6,
          message: '`release.tar` is copied in here and unpacked by the `RUN` on line 4',
        },
      ],
    },
    {
      name: 'a relative COPY destination resolved against the WORKDIR; an absolute tar path',
      code: 'FROM debian:12\nWORKDIR /build\nCOPY vendor.tgz ./deps/\nRUN tar -xzf /build/deps/vendor.tgz -C /usr/local\n',
      errors: [{ line: 3, column: 6 }],
    },
    {
      name: 'the COPY destination is the file: the archive renamed without an archive suffix',
      code: 'FROM debian:12\nCOPY out/pkg-3.1.tar.xz /payload\nRUN tar -xJf /payload -C /opt\n',
      errors: [{ line: 2, column: 6, message: '`pkg-3.1.tar.xz`' }],
    },
    {
      name: 'after a cd in the RUN, a relative name is matched by file name',
      code: 'FROM debian:12\nWORKDIR /srv\nCOPY data.tar.xz /tmp/\nRUN cd /tmp && tar -xJf data.tar.xz -C /data\n',
      errors: [{ line: 3, column: 6 }],
    },
    {
      code: 'FROM debian:12\nCOPY app.tar.gz /tmp/\nRUN tar -xzf /tmp/app.tar.gz -C /opt && rm /tmp/app.tar.gz\n',
      errors: [{ line: 2, column: 6, message: 'line 3', aliases: ['DL3010'] }],
    },
    {
      name: 'a root filesystem unpacked at /',
      code: 'FROM scratch AS rootfs\nCOPY rootfs.tar.xz /\nRUN ["/bin/true"]\nFROM debian:12\nCOPY rootfs.tar.xz /\nRUN tar xf /rootfs.tar.xz -C /\n',
      errors: [{ line: 5, column: 6, message: 'line 6' }],
    },
    {
      name: 'old-style flags over a continuation',
      code: 'FROM debian:12\nCOPY dist/app.tar.bz2 /tmp/\nRUN mkdir -p /opt/app \\\n && tar xjf /tmp/app.tar.bz2 -C /opt/app\n',
      errors: [{ line: 2, column: 6, message: '`app.tar.bz2`' }],
    },
    {
      name: 'renamed by the COPY, long options',
      code: 'FROM debian:12\nCOPY build-42.tgz /tmp/app.tgz\nRUN tar --extract --gzip --file=/tmp/app.tgz --directory /srv\n',
      errors: [{ line: 2, message: '`app.tgz`' }],
    },
    {
      name: 'decompressed into tar; several sources',
      code: 'FROM debian:12\nCOPY README.md data.tar.xz /tmp/\nRUN xz -dc /tmp/data.tar.xz | tar -x -C /data\n',
      errors: [{ line: 2, column: 6, message: '`data.tar.xz`' }],
    },
    {
      name: 'ONBUILD COPY unpacked by an ONBUILD RUN',
      code: 'FROM debian:12\nONBUILD COPY bundle.tar /tmp/\nONBUILD RUN tar -xf /tmp/bundle.tar -C /app\n',
      errors: [{ line: 2, column: 14 }],
    },
  ],
});
