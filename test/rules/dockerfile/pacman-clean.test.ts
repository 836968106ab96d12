import rule from '../../../src/lint/rules/dockerfile/pacman-clean.js';
import { testRule } from '../../rule-tester.js';

testRule(rule, {
  valid: [
    'FROM archlinux:base\nRUN pacman -Syu --noconfirm git && pacman -Scc --noconfirm\n',
    {
      name: 'rm of the cache',
      code: 'FROM archlinux:base\nRUN pacman -S --noconfirm git && rm -rf /var/cache/pacman/pkg/*\n',
    },
    {
      name: 'a cache mount',
      code: 'FROM archlinux:base\nRUN --mount=type=cache,target=/var/cache/pacman pacman -Sy --noconfirm git\n',
    },
    {
      name: 'queries download nothing',
      code: 'FROM archlinux:base\nRUN pacman -Ss git && pacman -Qi bash\n',
    },
    {
      name: 'a builder stage',
      code: 'FROM archlinux:base AS build\nRUN pacman -S --noconfirm gcc\nFROM scratch\nCOPY --from=build /x /x\n',
    },
  ],
  invalid: [
    {
      code: 'FROM archlinux:base\nRUN pacman -Syu --noconfirm git\n',
      errors: [
        {
          line: 2,
          column: 5,
          message: '`pacman -Syu` leaves the downloaded packages in the image',
          aliases: [],
          severity: 'info',
        },
      ],
      output: 'FROM archlinux:base\nRUN pacman -Syu --noconfirm git \\\n    && pacman -Scc --noconfirm\n',
    },
  ],
});
