/** The command-line grammar rules rely on: flag clusters, `--opt=value`, value-taking flags and wrappers. */
import { beforeAll, describe, expect, it } from 'vitest';
import { initShell, parseShell, type SimpleCommand } from '../src/lint/shell/parser.js';
import { invocation, parseArgs } from '../src/lint/shell/args.js';
import { TOOLS } from '../src/lint/shell/tools.js';

beforeAll(async () => {
  await initShell();
});

function commands(text: string): SimpleCommand[] {
  const map = Array.from({ length: text.length + 1 }, (_, i) => i);
  return parseShell(text, map).commands;
}

/** The tool, flags (`name=value`) and positionals of the first command of `text`. */
function parse(text: string): { tool: string; flags: string[]; positionals: string[] } {
  const inv = invocation(commands(text)[0]!);
  const args = parseArgs(inv.args, TOOLS[inv.tool]);
  return {
    tool: inv.tool,
    flags: args.flags.map((f) => (f.value === undefined ? f.name : `${f.name}=${f.value}`)),
    positionals: args.positionals.map((w) => w.value),
  };
}

describe('parseArgs', () => {
  it('splits clusters of short flags', () => {
    expect(parse('apt-get -yq install curl')).toEqual({
      tool: 'apt-get',
      flags: ['-y', '-q'],
      positionals: ['install', 'curl'],
    });
  });

  it('reads an explicit value on a short flag (`-q=2`)', () => {
    const p = parse('apt-get -q=2 install curl');
    expect(p.flags).toEqual(['-q=2']);
    expect(p.positionals).toEqual(['install', 'curl']);
  });

  it('reads `--opt=value` and `--opt value` for value-taking long flags', () => {
    expect(parse('npm ci --omit=dev').flags).toEqual(['--omit=dev']);
    const spaced = parse('npm ci --omit dev');
    expect(spaced.flags).toEqual(['--omit=dev']);
    expect(spaced.positionals).toEqual(['ci']);
  });

  it('gives value-taking flags the next word or the rest of the cluster', () => {
    const apt = parse('apt-get -o Dpkg::Options::=--force-confold install -y vim');
    expect(apt.flags).toEqual(['-o=Dpkg::Options::=--force-confold', '-y']);
    expect(apt.positionals).toEqual(['install', 'vim']);
    expect(parse('pip install -rrequirements.txt').flags).toEqual(['-r=requirements.txt']);
    expect(parse('pip install -r requirements.txt').positionals).toEqual(['install']);
    const curl = parse('curl -fsSLo /tmp/app.tgz https://example.com/app.tgz');
    expect(curl.flags).toEqual(['-f', '-s', '-S', '-L', '-o=/tmp/app.tgz']);
    expect(curl.positionals).toEqual(['https://example.com/app.tgz']);
    expect(parse('wget -qO- https://example.com/x').flags).toEqual(['-q', '-O=-']);
    expect(parse('apk add --no-cache -t .deps gcc').positionals).toEqual(['add', 'gcc']);
  });

  it('treats `pip install -e .` as an editable path, not a package', () => {
    const p = parse('pip install -e .');
    expect(p.flags).toEqual(['-e=.']);
    expect(p.positionals).toEqual(['install']);
  });

  it('reads single-dash long flags for go', () => {
    const p = parse('go build -ldflags "-s -w" -o /out/app ./cmd/app');
    expect(p.flags).toEqual(['-ldflags=-s -w', '-o=/out/app']);
    expect(p.positionals).toEqual(['build', './cmd/app']);
  });

  it('stops reading flags after `--`', () => {
    expect(parse('rm -rf -- -weird').positionals).toEqual(['-weird']);
  });

  it('keeps expansions as positionals', () => {
    expect(parse('pip install $PIP_ARGS flask').positionals).toEqual(['install', '$PIP_ARGS', 'flask']);
  });

  it('has() and value() look flags up by name, last one wins', () => {
    const inv = invocation(commands('npm install --omit=dev --omit=optional')[0]!);
    const args = parseArgs(inv.args, TOOLS.npm);
    expect(args.has('--omit')).toBe(true);
    expect(args.has('--production')).toBe(false);
    expect(args.value('--omit')).toBe('optional');
  });
});

describe('package manager grammar', () => {
  it('takes the old `pip install --build <dir>` value', () => {
    const p = parse('pip3 install --build /opt/b yamllint==1.35.1');
    expect(p.flags).toEqual(['--build=/opt/b']);
    expect(p.positionals).toEqual(['install', 'yamllint==1.35.1']);
  });

  it('reads apt-get target releases and apk virtual packages as flag values', () => {
    expect(parse('apt-get install -y -t bookworm-backports golang').positionals).toEqual([
      'install',
      'golang',
    ]);
    expect(parse('apk add --virtual=.deps -X https://mirror/edge gcc').positionals).toEqual(['add', 'gcc']);
  });

  it('reads yum/dnf options before and after the subcommand', () => {
    const p = parse('yum --setopt=assumeyes=1 --enablerepo epel -q install httpd');
    expect(p.flags).toEqual(['--setopt=assumeyes=1', '--enablerepo=epel', '-q']);
    expect(p.positionals).toEqual(['install', 'httpd']);
    expect(parse('microdnf --nodocs install -y tar').positionals).toEqual(['install', 'tar']);
  });

  it('reads zypper global options and typed installs', () => {
    const p = parse('zypper -n --gpg-auto-import-keys in -t pattern devel_basis');
    expect(p.flags).toEqual(['-n', '--gpg-auto-import-keys', '-t=pattern']);
    expect(p.positionals).toEqual(['in', 'devel_basis']);
  });

  it('reads gem versions and keeps build options after `--` apart', () => {
    expect(parse('gem install -v 2.5.6 bundler').flags).toEqual(['-v=2.5.6']);
    expect(parse('gem install pg -- --with-pg-config=/usr/bin/pg_config').positionals).toEqual([
      'install',
      'pg',
      '--with-pg-config=/usr/bin/pg_config',
    ]);
  });

  it('reads go install/get/run operands', () => {
    expect(parse('go install -ldflags "-s -w" example.com/tool@v1.0.0').positionals).toEqual([
      'install',
      'example.com/tool@v1.0.0',
    ]);
    expect(parse('go get -tool example.com/gen').positionals).toEqual(['get', 'example.com/gen']);
  });

  it('reads npm registry and loglevel values apart from packages', () => {
    const p = parse('npm install --registry https://r.example.com --loglevel=verbose -g sax@1.3.0');
    expect(p.flags).toEqual(['--registry=https://r.example.com', '--loglevel=verbose', '-g']);
    expect(p.positionals).toEqual(['install', 'sax@1.3.0']);
  });
});

describe('invocation', () => {
  it('sees through sudo and its options', () => {
    expect(parse('sudo -u root -E apt-get install -y curl')).toMatchObject({
      tool: 'apt-get',
      positionals: ['install', 'curl'],
    });
  });

  it('sees through env with assignments and -u', () => {
    expect(parse('env -u FOO PIP_NO_CACHE_DIR=1 pip install flask')).toMatchObject({
      tool: 'pip',
      positionals: ['install', 'flask'],
    });
  });

  it('sees through gosu and su-exec, which take a user first', () => {
    expect(parse('gosu app npm ci').tool).toBe('npm');
    expect(parse('su-exec 1000:1000 npm ci').tool).toBe('npm');
  });

  it('reads `python -m pip` and versioned pips as pip', () => {
    expect(parse('python -m pip install --no-cache-dir flask')).toEqual({
      tool: 'pip',
      flags: ['--no-cache-dir'],
      positionals: ['install', 'flask'],
    });
    expect(parse('/usr/bin/python3.11 -m pip install flask').tool).toBe('pip');
    expect(parse('pip3 install flask').tool).toBe('pip');
    expect(parse('pip3.12 install flask').tool).toBe('pip');
  });

  it('does not mistake other Python tools for pip', () => {
    expect(parse('pipx install black').tool).toBe('pipx');
    expect(parse('python -m pipx install black').tool).toBe('pipx');
    expect(parse('pipenv install').tool).toBe('pipenv');
    expect(parse('uv pip install flask').tool).toBe('uv');
  });

  it('leaves assignment prefixes on the command', () => {
    const cmd = commands('NODE_ENV=production npm ci')[0]!;
    expect(cmd.assignments.map((a) => `${a.name}=${a.value}`)).toEqual(['NODE_ENV=production']);
    expect(invocation(cmd).tool).toBe('npm');
  });
});

describe('parseShell', () => {
  // tree-sitter-bash folds `-q` in `wget -q<<EOF` into the `<<` token and drops it from the command
  it('keeps a short dash word written against a heredoc operator', () => {
    const [wget] = commands('wget -q<<EOF\n-O /tmp/x\nEOF\n');
    expect(wget!.args.map((w) => w.value)).toEqual(['-q']);
    expect([wget!.args[0]!.start, wget!.args[0]!.end]).toEqual([5, 7]);
    expect(wget!.redirects).toEqual([{ op: '<<', target: 'EOF' }]);
    const [cat, wget2] = commands('cat -<<-EOF > x && wget -q -O- <<EOF\nEOF\n');
    expect(cat!.args.map((w) => w.value)).toEqual(['-']);
    expect(wget2!.args.map((w) => w.value)).toEqual(['-q', '-O-']);
  });

  it('keeps the word when the heredoc is never closed', () => {
    const script = parseShell('wget -q<<EOF', [...Array(13).keys()]);
    expect(script.hasError).toBe(true);
    expect(script.commands[0]!.args.map((w) => w.value)).toEqual(['-q']);
  });
});
