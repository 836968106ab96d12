import rule from '../../../src/lint/rules/dockerfile/pip-no-cache-dir.js';
import { testRule } from '../../rule-tester.js';

testRule(rule, {
  valid: [
    {
      name: 'a tmpfs mount on the cache; rm -rf of the cache later in the RUN',
      code: 'FROM python:3.12-slim\nRUN --mount=type=tmpfs,target=/root/.cache pip install flask\nRUN pip install gunicorn && rm -rf /root/.cache/pip\nRUN pip install uvicorn; rm -rf ~/.cache\n',
    },
    'FROM python:3.12-slim\nRUN pip install --no-cache-dir flask\n',
    {
      name: 'python -m pip',
      code: 'FROM python:3.12-slim\nRUN python3 -m pip install --no-cache-dir -r requirements.txt\n',
    },
    {
      name: 'ENV PIP_NO_CACHE_DIR=1',
      code: 'FROM python:3.12-slim\nENV PIP_NO_CACHE_DIR=1\nRUN pip install flask\n',
    },
    ...['on', 'yes', 'true', 'TRUE'].map((v) => ({
      name: `ENV PIP_NO_CACHE_DIR=${v}`,
      code: `FROM python:3.12-slim\nENV PIP_NO_CACHE_DIR=${v}\nRUN pip install flask\n`,
    })),
    {
      name: 'ENV taking its value from an ARG',
      code: 'FROM python:3.12-slim\nARG NO_CACHE=1\nENV PIP_NO_CACHE_DIR=${NO_CACHE}\nRUN pip install flask\n',
    },
    {
      name: 'ARG with a default',
      code: 'FROM python:3.12-slim\nARG PIP_NO_CACHE_DIR=true\nRUN pip install flask\n',
    },
    {
      name: 'ENV inherited from the stage it is built FROM',
      code: 'FROM python:3.12-slim AS base\nENV PIP_NO_CACHE_DIR=yes\nFROM base\nRUN pip install flask\n',
    },
    { name: 'assignment prefix', code: 'FROM python:3.12-slim\nRUN PIP_NO_CACHE_DIR=1 pip install flask\n' },
    { name: 'env wrapper', code: 'FROM python:3.12-slim\nRUN env PIP_NO_CACHE_DIR=1 pip install flask\n' },
    {
      name: 'exported earlier in the RUN',
      code: 'FROM python:3.12-slim\nRUN export PIP_NO_CACHE_DIR=1 && pip install flask\n',
    },
    {
      name: 'pip config set',
      code: 'FROM python:3.12-slim\nRUN pip config set global.no-cache-dir false\nRUN pip install flask\n',
    },
    {
      name: 'cache mount on /root/.cache/pip',
      code: 'FROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt\n',
    },
    {
      name: 'cache mount on /root/.cache',
      code: 'FROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache pip install flask\n',
    },
    {
      name: "cache mount on another user's cache",
      code: 'FROM python:3.12-slim\nUSER app\nRUN --mount=type=cache,target=/home/app/.cache/pip,uid=1000 pip install --user flask\n',
    },
    {
      name: 'cache mount on PIP_CACHE_DIR',
      code: 'FROM python:3.12-slim\nENV PIP_CACHE_DIR=/pip-cache\nRUN --mount=type=cache,target=/pip-cache pip install flask\n',
    },
    {
      name: 'pipx, pipenv and uv are other tools',
      code: 'FROM python:3.12-slim\nRUN pipx install black && pipenv install && uv pip install flask && python -m pipx install ruff\n',
    },
    {
      name: 'not an install',
      code: 'FROM python:3.12-slim\nRUN pip freeze > requirements.lock && pip download flask\n',
    },
    { name: 'exec form is not a shell', code: 'FROM python:3.12-slim\nRUN ["pip", "install", "flask"]\n' },
  ],
  invalid: [
    // a false value: pip disables the cache for it too (a quirk), but the line says the opposite; hadolint reports it
    ...[
      'ENV PIP_NO_CACHE_DIR=0',
      'ENV PIP_NO_CACHE_DIR=off PYTHONUNBUFFERED=1',
      'ENV PIP_NO_CACHE_DIR=no',
      'ENV PIP_NO_CACHE_DIR=false',
    ].map((env) => ({
      name: env,
      code: `FROM python:3.12-slim\n${env}\nRUN pip install flask\n`,
      errors: [{ line: 3, column: 5, messageId: 'misleadingEnv' }],
      output: `FROM python:3.12-slim\n${env}\nRUN pip install --no-cache-dir flask\n`,
    })),
    {
      name: 'a false value as a prefix or an export',
      code: 'FROM python:3.12-slim\nRUN PIP_NO_CACHE_DIR=0 pip install flask\nRUN export PIP_NO_CACHE_DIR=false && pip install six\n',
      errors: [
        { line: 2, column: 24, messageId: 'misleadingEnv', message: '`PIP_NO_CACHE_DIR=0`' },
        { line: 3, column: 38, message: '`PIP_NO_CACHE_DIR=false`' },
      ],
      output:
        'FROM python:3.12-slim\nRUN PIP_NO_CACHE_DIR=0 pip install --no-cache-dir flask\nRUN export PIP_NO_CACHE_DIR=false && pip install --no-cache-dir six\n',
    },
    {
      code: 'FROM python:3.12-slim\nRUN pip install flask\n',
      errors: [{ line: 2, column: 5, messageId: 'noCacheDir', aliases: ['DL3042'], severity: 'info' }],
      output: 'FROM python:3.12-slim\nRUN pip install --no-cache-dir flask\n',
    },
    {
      name: 'pip3, python -m pip, upgrading pip itself',
      code: 'FROM python:3.12-slim\nRUN python3 -m pip install -U pip && pip3 install -r requirements.txt\n',
      errors: [
        { line: 2, column: 16 },
        { line: 2, column: 38 },
      ],
      output:
        'FROM python:3.12-slim\nRUN python3 -m pip install --no-cache-dir -U pip && pip3 install --no-cache-dir -r requirements.txt\n',
    },
    {
      name: 'a value pip rejects is no exemption; ENV of another stage is not in scope',
      code: 'FROM python:3.12 AS a\nENV PIP_NO_CACHE_DIR=1\nFROM python:3.12-slim\nENV PIP_NO_CACHE_DIR=maybe\nRUN pip install flask\n',
      errors: [{ line: 5, column: 5 }],
      output:
        'FROM python:3.12 AS a\nENV PIP_NO_CACHE_DIR=1\nFROM python:3.12-slim\nENV PIP_NO_CACHE_DIR=maybe\nRUN pip install --no-cache-dir flask\n',
    },
    {
      name: 'ENV after the RUN does not count; an unexported shell variable does not either',
      code: 'FROM python:3.12-slim\nRUN PIP_NO_CACHE_DIR=1; pip install flask\nENV PIP_NO_CACHE_DIR=1\n',
      errors: [{ line: 2, column: 25 }],
      output:
        'FROM python:3.12-slim\nRUN PIP_NO_CACHE_DIR=1; pip install --no-cache-dir flask\nENV PIP_NO_CACHE_DIR=1\n',
    },
    {
      name: 'sudo, flags first, line continuation',
      code: 'FROM python:3.12-slim\nRUN sudo pip install \\\n      --upgrade \\\n      flask\n',
      errors: [{ line: 2, column: 10 }],
      output:
        'FROM python:3.12-slim\nRUN sudo pip install --no-cache-dir \\\n      --upgrade \\\n      flask\n',
    },
    {
      name: 'cache mount elsewhere',
      code: 'FROM python:3.12-slim\nRUN --mount=type=cache,target=/var/cache/apt pip install flask\n',
      errors: [{ line: 2, column: 46 }],
      output:
        'FROM python:3.12-slim\nRUN --mount=type=cache,target=/var/cache/apt pip install --no-cache-dir flask\n',
    },
    {
      name: 'ONBUILD',
      code: 'FROM python:3.12-slim\nONBUILD RUN pip install -r requirements.txt\n',
      errors: [{ line: 2, column: 13 }],
      output: 'FROM python:3.12-slim\nONBUILD RUN pip install --no-cache-dir -r requirements.txt\n',
    },
    {
      name: 'heredoc',
      code: 'FROM python:3.12-slim\nRUN <<EOF\npip install flask\nEOF\n',
      errors: [{ line: 3, column: 1 }],
      output: 'FROM python:3.12-slim\nRUN <<EOF\npip install --no-cache-dir flask\nEOF\n',
    },
  ],
});
