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
      name: 'paccache keeping no version',
      code: 'FROM archlinux:base\nRUN pacman -Syu --noconfirm git && paccache -rk0\n',
    },
    {
      name: 'the long form of -Scc',
      code: 'FROM archlinux:base\nRUN pacman -S --noconfirm git && yes | pacman --sync --clean --clean\n',
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
    {
      name: 'a single -Sc keeps what was just installed',
      code: 'FROM archlinux:base\nRUN pacman -Syu --noconfirm nginx && pacman -Sc --noconfirm\n',
      errors: [{ line: 2, message: '`pacman -Syu` leaves the downloaded packages in the image' }],
      output:
        'FROM archlinux:base\nRUN pacman -Syu --noconfirm nginx && pacman -Sc --noconfirm \\\n    && pacman -Scc --noconfirm\n',
    },
    {
      name: 'paccache that keeps the last versions or touches uninstalled packages only',
      code: 'FROM archlinux:base\nRUN pacman -S --noconfirm git && paccache -r && paccache -ruk0\n',
      errors: [{ line: 2, message: '`pacman -S` leaves the downloaded packages in the image' }],
      output:
        'FROM archlinux:base\nRUN pacman -S --noconfirm git && paccache -r && paccache -ruk0 \\\n    && pacman -Scc --noconfirm\n',
    },
  ],
});
