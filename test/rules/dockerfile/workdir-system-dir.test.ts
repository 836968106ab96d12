import rule from '../../../src/lint/rules/dockerfile/workdir-system-dir.js';
import { testRule } from '../../rule-tester.js';

testRule(rule, {
  valid: [
    'FROM alpine:3\nWORKDIR /app\n',
    {
      name: 'names that only start like a system dir',
      code: 'FROM alpine:3\nWORKDIR /procedures\nWORKDIR /devtools\nWORKDIR /system\n',
    },
    { name: 'an unknown variable', code: 'FROM alpine:3\nARG DIR\nWORKDIR $DIR\n' },
    { name: 'relative to a normal directory', code: 'FROM alpine:3\nWORKDIR /srv\nWORKDIR proc\n' },
    { name: 'relative with no base known', code: 'FROM alpine:3\nWORKDIR dev\n' },
  ],
  invalid: [
    {
      code: 'FROM alpine:3.5\nWORKDIR /proc/self/fd/1\n',
      errors: [{ line: 2, column: 9, message: 'inside `/proc`', aliases: ['DS-0030'] }],
    },
    {
      name: 'the directory itself, and the others',
      code: 'FROM alpine:3\nWORKDIR /proc\nWORKDIR /sys/fs/cgroup\nWORKDIR /dev/shm/\nWORKDIR /boot\nWORKDIR "/lost+found"\n',
      errors: [
        { line: 2, message: '`/proc`' },
        { line: 3, message: '`/sys`' },
        { line: 4, message: '`/dev`' },
        { line: 5, message: '`/boot`' },
        { line: 6, message: '`/lost+found`' },
      ],
    },
    {
      name: 'a path that normalises into /proc',
      code: 'FROM alpine:3\nWORKDIR //proc/./1/../self\n',
      errors: [{ line: 2, message: 'resolves to `/proc/self`' }],
    },
    {
      name: 'relative to an earlier WORKDIR, in the stage built FROM',
      code: 'FROM alpine:3 AS base\nWORKDIR /\nFROM base\nWORKDIR dev\n',
      errors: [{ line: 4, column: 9, message: 'resolves to `/dev`' }],
    },
    {
      name: 'through a variable',
      code: 'FROM alpine:3\nENV FD_DIR=/proc/self/fd\nWORKDIR ${FD_DIR}/7\n',
      errors: [{ line: 3, message: '`/proc/self/fd/7`' }],
    },
    {
      name: 'ONBUILD',
      code: 'FROM alpine:3\nONBUILD WORKDIR /proc/1/cwd\n',
      errors: [{ line: 2, column: 17 }],
    },
  ],
});
