import rule from '../../../src/lint/rules/dockerfile/pecl-pin-versions.js';
import { testRule } from '../../rule-tester.js';

testRule(rule, {
  valid: [
    'FROM php:8.3-fpm\nRUN pecl install apcu-5.1.24 && docker-php-ext-enable apcu\n',
    { name: 'a release candidate', code: 'FROM php:8.3-fpm\nRUN pecl install mongodb-1.20.0RC1\n' },
    { name: 'a one-number version', code: 'FROM php:8.3-fpm\nRUN pecl install swoole-5\n' },
    { name: 'an underscore in the name', code: 'FROM php:8.3-fpm\nRUN pecl install yaml_ext-2.2.3\n' },
    {
      name: 'flags before and after the package',
      code: 'FROM php:8.3-fpm\nRUN pecl install -o -f memcached-3.2.0 --nobuild\n',
    },
    {
      name: 'value flags are not packages',
      code: 'FROM php:8.3-fpm\nRUN pecl -d preferred_state=stable install -D \'enable-apcu-debug="no"\' --installroot /opt/php apcu-5.1.24\n',
    },
    {
      name: 'channel forms with a version',
      code: 'FROM php:8.3-fpm\nRUN pecl install pecl.php.net/grpc-1.66.0 extras/grpc-1.66.0 channel://pecl.php.net/grpc-1.66.0\n',
    },
    {
      name: 'archives, descriptors and URLs are one build',
      code: 'FROM php:8.3-fpm\nRUN pecl install vendor/ext/uuid-1.2.1.tgz /build/uuid.tgz uuid.tar ./ext/package.xml package2.xml https://downloads.example.org/uuid.tgz\n',
    },
    {
      name: 'the version from an ARG',
      code: 'FROM php:8.3-fpm\nARG XDEBUG_VERSION=3.3.2\nRUN pecl install "xdebug-${XDEBUG_VERSION}"\n',
    },
    {
      name: 'a list from an ARG, each pinned',
      code: 'FROM php:8.3-fpm\nARG EXTS="igbinary-3.2.16 msgpack-2.2.0"\nRUN pecl install $EXTS\n',
    },
    {
      name: 'a shell variable is not judged',
      code: 'FROM php:8.3-fpm\nRUN for e in apcu-5.1.24 ds-1.5.0; do pecl install "$e"; done\n',
    },
    {
      name: 'other sub-commands',
      code: 'FROM php:8.3-fpm\nRUN pecl channel-update pecl.php.net && pecl list\n',
    },
    {
      name: 'install as an argument of another sub-command',
      code: 'FROM php:8.3-fpm\nRUN pecl info install\n',
    },
  ],
  invalid: [
    {
      code: 'FROM php:8.3-fpm\nRUN pecl install apcu && docker-php-ext-enable apcu\n',
      errors: [{ line: 2, column: 18, message: '`pecl install` does not pin `apcu`', aliases: ['DL3068'] }],
    },
    {
      name: 'one finding names every unpinned package',
      code: 'FROM php:8.3-fpm\nRUN pecl install -f ds mongodb-1.19.3 uuid\n',
      errors: [{ line: 2, column: 21, message: '`ds` and `uuid`' }],
    },
    {
      name: 'behind a channel',
      code: 'FROM php:8.3-fpm\nRUN pecl install pecl.php.net/grpc channel://pecl.php.net/protobuf\n',
      errors: [{ line: 2, column: 18, message: '`pecl.php.net/grpc` and `channel://pecl.php.net/protobuf`' }],
    },
    {
      name: 'a state is not a version',
      code: 'FROM php:8.3-fpm\nRUN pecl install xdebug-beta\n',
      errors: [{ line: 2, column: 18, message: '`-beta` is a state: it installs the newest beta release' }],
    },
    {
      name: 'the i shortcut, piped answers',
      code: "FROM php:8.3-fpm\nRUN printf '\\n' | pecl i imagick\n",
      errors: [{ line: 2, column: 26, message: '`pecl i` does not pin `imagick`' }],
    },
    {
      name: 'ONBUILD, continuation',
      code: 'FROM php:8.3-fpm\nONBUILD RUN pecl install \\\n    redis\n',
      errors: [{ line: 3, column: 5 }],
    },
    {
      name: 'the version from an ARG without a value',
      code: 'FROM php:8.3-fpm\nARG APCU_VERSION\nRUN pecl install apcu-${APCU_VERSION}\n',
      errors: [{ line: 3, column: 18, message: '`APCU_VERSION`' }],
    },
  ],
});
