import rule from '../../../src/lint/rules/dockerfile/gem-pin-versions.js';
import { testRule } from '../../rule-tester.js';

testRule(rule, {
  valid: [
    'FROM ruby:3.3\nRUN gem install rails:7.1.3\n',
    { name: '-v applies to the command', code: 'FROM ruby:3.3\nRUN gem install bundler -v 2.5.6\n' },
    { name: '--version=', code: 'FROM ruby:3.3\nRUN gem install bundler --version=2.5.6 --no-document\n' },
    { name: 'a local gem file', code: 'FROM ruby:3.3\nRUN gem install ./pkg/mygem-1.0.0.gem\n' },
    {
      name: 'build options after -- are not gems',
      code: 'FROM ruby:3.3\nRUN gem install pg:1.5.6 -- --with-pg-config=/usr/bin/pg_config\n',
    },
    {
      name: 'a misplaced build option with a boolean',
      code: 'FROM ruby:3.3\nRUN gem install nokogiri:1.16.5 --use-system-libraries true\n',
    },
    { name: 'version from an ARG', code: 'FROM ruby:3.3\nARG RAILS=7.1.3\nRUN gem install rails:$RAILS\n' },
    { name: 'not an install', code: 'FROM ruby:3.3\nRUN gem update --system 3.5.6\n' },
  ],
  invalid: [
    {
      code: 'FROM ruby:3.3\nRUN gem install bundler\n',
      errors: [{ line: 2, column: 17, message: '`gem install` does not pin `bundler`', aliases: ['DL3028'] }],
    },
    {
      name: 'the `i` alias, several gems, a value flag',
      code: 'FROM ruby:3.3\nRUN gem i --install-dir /opt/gems rake:13.1.0 rubocop\n',
      errors: [{ line: 2, column: 47, message: '`gem i` does not pin `rubocop`' }],
    },
    {
      name: 'ONBUILD',
      code: 'FROM ruby:3.3\nONBUILD RUN gem install \\\n    bundler\n',
      errors: [{ line: 3, column: 5 }],
    },
  ],
});
