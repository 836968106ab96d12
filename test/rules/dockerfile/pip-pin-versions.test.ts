import rule from '../../../src/lint/rules/dockerfile/pip-pin-versions.js';
import { testRule } from '../../rule-tester.js';

testRule(rule, {
  valid: [
    'FROM python:3.12\nRUN pip install --no-cache-dir flask==3.0.3\n',
    {
      name: 'every specifier',
      code: "FROM python:3.12\nRUN pip3 install 'a~=1.2' 'b>=0.7' 'c<0.7' 'd!=0.7' e===1.0 'f[extra]==2.0'\n",
    },
    {
      name: 'requirements file',
      code: 'FROM python:3.12\nRUN pip install -r requirements.txt && pip install --requirement dev.txt\n',
    },
    {
      name: 'a constraints file pins the command',
      code: 'FROM python:3.12\nRUN pip install pykafka -c constraints.txt\n',
    },
    {
      name: 'PIP_CONSTRAINT in the environment',
      code: 'FROM python:3.12\nENV PIP_CONSTRAINT=/constraints.txt\nRUN pip install pykafka\n',
    },
    {
      name: 'the project itself, editable',
      code: 'FROM python:3.12\nRUN pip install . && pip install -e ".[dev]" && pip install ./libs/core\n',
    },
    {
      name: 'wheels, archives and URLs',
      code: 'FROM python:3.12\nRUN pip install dist/app.whl mypkg.tar.gz https://example.com/pkg.zip\n',
    },
    {
      name: 'VCS with a ref',
      code: 'FROM python:3.12\nRUN pip install git+https://github.com/org/repo.git@v0.6.1#egg=repo\n',
    },
    {
      name: 'direct reference',
      code: 'FROM python:3.12\nRUN pip install "pkg @ https://example.com/pkg-1.0.tar.gz"\n',
    },
    {
      name: 'value flags are not packages',
      code: 'FROM python:3.12\nRUN python -m pip install --index-url https://user:pass@eg.com/simple --target /opt/x --build /tmp/b yamllint==1.35.1\n',
    },
    {
      name: 'version from an ARG',
      code: 'FROM python:3.12\nARG POETRY_VERSION=1.8.3\nRUN pip install "poetry==$POETRY_VERSION"\n',
    },
    { name: 'pipenv is not pip', code: 'FROM python:3.12\nRUN pipenv install black\n' },
  ],
  invalid: [
    {
      code: 'FROM python:3.12\nRUN pip install --no-cache-dir flask\n',
      errors: [{ line: 2, column: 32, message: '`pip install` does not pin `flask`', aliases: ['DL3013'] }],
    },
    {
      name: 'python -m pip, upgrade',
      code: 'FROM python:3.12\nRUN python3 -m pip install --upgrade pip setuptools==69.5.1\n',
      errors: [{ line: 2, column: 38, message: '`pip`' }],
    },
    {
      name: 'VCS without a ref (the @ of the user does not count)',
      code: 'FROM python:3.12\nRUN pip install git+ssh://git@github.com/org/repo.git#egg=repo\n',
      errors: [{ line: 2, column: 17 }],
    },
    {
      name: 'a package next to a requirements file',
      code: 'FROM python:3.12\nRUN pip install -r requirements.txt gunicorn\n',
      errors: [{ line: 2, column: 37, message: '`gunicorn`' }],
    },
    {
      name: 'ONBUILD, continuation',
      code: 'FROM python:3.12\nONBUILD RUN pip install \\\n    requests\n',
      errors: [{ line: 3, column: 5 }],
    },
    {
      name: 'version from an ARG without a value',
      code: 'FROM python:3.12\nARG POETRY_VERSION\nRUN pip install poetry==${POETRY_VERSION}\n',
      errors: [{ line: 3, column: 17, message: '`POETRY_VERSION`' }],
    },
  ],
});
