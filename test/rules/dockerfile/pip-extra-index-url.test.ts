import rule from '../../../src/lint/rules/dockerfile/pip-extra-index-url.js';
import { testRule } from '../../rule-tester.js';

testRule(rule, {
  valid: [
    'FROM python:3.12-slim\nRUN pip install --no-cache-dir flask\n',
    {
      name: 'one index that proxies PyPI',
      code: 'FROM python:3.12-slim\nRUN pip install --index-url https://pypi.internal/simple --no-cache-dir acme-lib\n',
    },
    {
      name: 'pip download is not install',
      code: 'FROM python:3.12-slim\nRUN pip download --extra-index-url https://x/simple y\n',
    },
  ],
  invalid: [
    {
      code: 'FROM python:3.12-slim\nRUN pip install --no-cache-dir --extra-index-url https://pypi.internal/simple acme-lib\n',
      errors: [
        { line: 2, column: 32, message: '`--extra-index-url` makes pip take each package', aliases: [] },
      ],
    },
    {
      name: 'the = form, python -m pip',
      code: 'FROM python:3.12-slim\nRUN python -m pip install --extra-index-url=https://pypi.internal/simple acme-lib\n',
      errors: [{ line: 2, column: 27 }],
    },
    {
      name: 'PIP_EXTRA_INDEX_URL as an ENV or a prefix',
      code: 'FROM python:3.12-slim\nENV PIP_EXTRA_INDEX_URL=https://pypi.internal/simple\nRUN pip install acme-lib\nFROM python:3.12-slim\nRUN PIP_EXTRA_INDEX_URL=https://x/simple pip install y\n',
      errors: [
        { line: 3, column: 5, message: '`PIP_EXTRA_INDEX_URL`' },
        { line: 5, column: 42, message: '`PIP_EXTRA_INDEX_URL`' },
      ],
    },
  ],
});
