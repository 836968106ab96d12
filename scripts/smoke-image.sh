#!/usr/bin/env bash
# The Dockerfile's runtime stage, replayed outside Docker (there is no Docker engine in CI): the steps are read from
# the Dockerfile itself, so the two cannot drift apart. Into a temporary folder standing for the image's WORKDIR it
# copies what the runtime stage COPYs (`--from=build` paths come from this checkout's `npm run build`), runs the
# stage's `npm ci` with the same flags, then starts the stage's CMD with throwaway credentials on a free loopback
# port — as the stage's USER when this runs as root — and checks: the HEALTHCHECK command passes, /healthz answers
# 200, /metrics answers Prometheus text to the METRICS_TOKEN bearer, the webhook endpoint refuses an unsigned delivery and takes a signed ping,
# the CLI in the same folder lints this project's Dockerfile and compose.yaml with no finding, and SIGTERM ends the
# server with exit code 0. The server and the checks stay on the loopback interface and never call GitHub. Any RUN
# it does not know how to replay fails it.
# Needs: `npm run build` done, network (or a warm npm cache) for `npm ci`. Usage: bash scripts/smoke-image.sh
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD

[[ -f dist/bundle/server.js ]] || {
  echo "smoke-image: dist/bundle/server.js is missing: run \`npm run build\` first" >&2
  exit 1
}

work=$(mktemp -d "${TMPDIR:-/tmp}/dockreview-smoke.XXXXXX")
server_pid=
cleanup() {
  if [[ -n $server_pid ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill -KILL "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

app=$work/app   # the image's WORKDIR
plan=$work/plan # the runtime stage, as read from the Dockerfile
mkdir -p "$app" "$plan"
chmod 755 "$work" "$app"

# Reads the last stage with dockerfile-ast (a dependency of the linter) and does what needs no process: the COPYs.
# Leaves in $plan: env (NAME=VALUE lines), user, and NUL-separated argv files install, healthcheck and cmd.
node --input-type=module - "$repo" "$app" "$plan" <<'NODE'
import { appendFileSync, cpSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, posix } from 'node:path';
import { DockerfileParser } from 'dockerfile-ast';

const [repo, app, plan] = process.argv.slice(2);
const dockerfile = DockerfileParser.parse(readFileSync(join(repo, 'Dockerfile'), 'utf8'));
const fail = (msg) => {
  console.error(`smoke-image: ${msg}`);
  process.exit(1);
};
const froms = dockerfile.getFROMs();
const lineOf = (i) => i.getRange().start.line;
const stageOf = (from) => {
  const next = froms[froms.indexOf(from) + 1];
  return dockerfile.getInstructions().filter((i) => lineOf(i) >= lineOf(from) && (!next || lineOf(i) < lineOf(next)));
};
const lastWorkdir = (instructions) =>
  instructions.filter((i) => i.getKeyword() === 'WORKDIR').map((i) => i.getArgumentsContent()).pop() ?? '/';
const words = (i) => i.getArguments().map((a) => a.getValue());
const argv = (text, what) => {
  try {
    const list = JSON.parse(text);
    if (Array.isArray(list) && list.length > 0 && list.every((x) => typeof x === 'string')) return list;
  } catch {}
  return fail(`${what} must be in exec form (a JSON array): ${text}`);
};
const writeArgv = (name, list) => writeFileSync(join(plan, name), list.map((x) => `${x}\0`).join(''));

writeFileSync(join(plan, 'apt'), '');
const runtime = stageOf(froms.at(-1));
const workdir = lastWorkdir(runtime);
const env = [];
let user = '';
for (const ins of runtime) {
  const keyword = ins.getKeyword();
  if (keyword === 'COPY') {
    const from = ins.getFromFlag()?.getValue();
    const [dest, ...sources] = words(ins).reverse();
    sources.reverse();
    const base = repo;
    if (from) {
      // a build stage mirrors this checkout under its WORKDIR: `/app/dist` there is `dist` here
      const stage = froms.find((f) => f.getBuildStage()?.toLowerCase() === from.toLowerCase());
      if (!stage) fail(`COPY --from=${from} names no stage of the Dockerfile`);
      const root = lastWorkdir(stageOf(stage));
      for (const s of sources)
        if (!s.startsWith(`${root}/`)) fail(`COPY --from=${from} ${s}: not under that stage's WORKDIR ${root}`);
      sources.splice(0, sources.length, ...sources.map((s) => s.slice(root.length + 1)));
    }
    const target = join(app, posix.relative(workdir, posix.resolve(workdir, dest)));
    for (const s of sources) {
      const src = join(base, s);
      let isDir;
      try {
        isDir = statSync(src).isDirectory();
      } catch {
        fail(`COPY ${s}: not found${from ? ' (was `npm run build` run?)' : ''}`);
      }
      // Docker copies a folder's contents to the destination, and a file into it when it ends with `/`
      const to = isDir || !(dest.endsWith('/') || sources.length > 1) ? target : join(target, basename(s));
      mkdirSync(isDir ? to : dirname(to), { recursive: true });
      cpSync(src, to, { recursive: true });
    }
  } else if (keyword === 'ENV') {
    for (const p of ins.getProperties()) env.push(`${p.getName()}=${p.getValue() ?? ''}`);
  } else if (keyword === 'USER') {
    user = ins.getArgumentsContent() ?? '';
  } else if (keyword === 'RUN') {
    for (const command of ins.getArgumentsContent().split(/\s*&&\s*/)) {
      const w = command.trim().split(/\s+/);
      if (w[0] === 'npm' && w[1] === 'ci') writeArgv('install', w);
      // the image's own npm cache; here it is this machine's, which must stay
      else if (command.trim() === 'npm cache clean --force') continue;
      // system packages cannot be installed here: check they are present, with the pinned version
      else if (w[0] === 'apt-get' && w[1] === 'install')
        appendFileSync(join(plan, 'apt'), w.filter((x) => /^[a-z0-9][a-z0-9.+-]*=/.test(x)).map((x) => `${x}\n`).join(''));
      else if (w[0] === 'apt-get' && w[1] === 'update') continue;
      else if (w[0] === 'rm' && w.at(-1) === '/var/lib/apt/lists/*') continue;
      else fail(`RUN \`${command.trim()}\` in the runtime stage: this script does not know how to replay it`);
    }
  } else if (keyword === 'HEALTHCHECK') {
    const text = ins.getArgumentsContent().replace(/^.*?\bCMD\s+/s, '');
    writeArgv('healthcheck', argv(text, 'HEALTHCHECK CMD'));
  } else if (keyword === 'CMD') {
    writeArgv('cmd', argv(ins.getArgumentsContent(), 'CMD'));
  }
}
if (runtime.some((i) => i.getKeyword() === 'ENTRYPOINT')) fail('an ENTRYPOINT in the runtime stage is not replayed');
// an install step is optional: a stage that runs bundles needs none
for (const name of ['healthcheck', 'cmd'])
  if (!statSync(join(plan, name), { throwIfNoEntry: false })) fail(`the runtime stage has no ${name} step`);
writeFileSync(join(plan, 'env'), env.join('\n'));
writeFileSync(join(plan, 'user'), user);
console.log(`smoke-image: staged the runtime stage (FROM ${froms.at(-1).getArgumentsContent()}, WORKDIR ${workdir})`);
NODE

# the image's base tag names a Node version; this machine's should be the same release line
base=$(sed -n 's/^FROM node:\([0-9.]*\).*/\1/p' Dockerfile | tail -n 1)
if [[ -n $base && $(node --version) != v$base.* ]]; then
  echo "smoke-image: warning: the image runs Node $base, this machine $(node --version)" >&2
fi
while IFS='=' read -r pkg version; do
  [[ -n $pkg ]] || continue
  have=$(dpkg-query -W -f='${Version}' "$pkg" 2>/dev/null || true)
  if [[ -z $have ]] && ! command -v "$pkg" >/dev/null; then
    echo "smoke-image: $pkg, which the image installs, is not installed here" >&2
    exit 1
  fi
  [[ -z $have || $have == "$version" ]] || echo "smoke-image: warning: the image pins $pkg=$version, this machine has $have" >&2
done <"$plan/apt"

install=()
[[ -f $plan/install ]] && mapfile -d '' -t install <"$plan/install"
mapfile -d '' -t healthcheck <"$plan/healthcheck"
mapfile -d '' -t cmd <"$plan/cmd"
mapfile -t image_env <"$plan/env"
if ((${#install[@]} > 0)); then
  echo "== smoke-image: ${install[*]}"
  (cd "$app" && "${install[@]}")
fi

# the stage's USER, when this machine lets us become it
as_user=()
user=$(<"$plan/user")
if [[ $(id -u) == 0 && -n $user ]] && command -v setpriv >/dev/null; then
  uid=${user%%:*}
  gid=${user#*:}
  [[ $user == *:* ]] || gid=$uid
  as_user=(setpriv "--reuid=$uid" "--regid=$gid" --clear-groups)
  # a node installed under a private home (nvm in /root) cannot run as that user: say so, run as this one
  if ! "${as_user[@]}" node --version >/dev/null 2>&1; then
    echo "smoke-image: warning: user $user cannot run $(command -v node) here; running as $(id -un)" >&2
    as_user=()
  fi
fi

port=$(node -e "const s = require('node:net').createServer().listen(0, '127.0.0.1', () => { console.log(s.address().port); s.close(); });")
key=$(node -e "console.log(require('node:crypto').generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs1', format: 'pem' }))")
log=$work/server.log
# a clean environment: the image's ENV, throwaway credentials, nothing from this machine's .env or REDIS_URL
run_env=(env -i "PATH=$PATH" "HOME=$work" "${image_env[@]}" "PORT=$port" HOST=127.0.0.1 APP_ID=1
  "PRIVATE_KEY=$key" WEBHOOK_SECRET=smoke-test-secret METRICS_TOKEN=smoke-metrics-token LOG_LEVEL=info)

echo "== smoke-image: ${as_user[*]} ${cmd[*]} on 127.0.0.1:$port"
(cd "$app" && exec "${run_env[@]}" "${as_user[@]}" "${cmd[@]}") >"$log" 2>&1 &
server_pid=$!

fail() {
  echo "smoke-image: $1" >&2
  echo "--- server log" >&2
  cat "$log" >&2
  exit 1
}

# the HEALTHCHECK itself, as Docker would run it in the container
healthy=
for _ in $(seq 1 60); do
  kill -0 "$server_pid" 2>/dev/null || fail "the server exited before it was healthy"
  if (cd "$app" && "${run_env[@]}" "${as_user[@]}" "${healthcheck[@]}") >/dev/null 2>&1; then
    healthy=1
    break
  fi
  sleep 0.5
done
[[ -n $healthy ]] || fail "the HEALTHCHECK command did not pass within 30 s"
echo "== smoke-image: HEALTHCHECK passes"

# GET a path (with the metrics bearer token): prints the status, the content type and the body
get() {
  node -e "fetch(process.argv[1], { headers: { authorization: 'Bearer smoke-metrics-token' } }).then(async (r) => { console.log(r.status); console.log(r.headers.get('content-type')); console.log(await r.text()); }, (e) => { console.log(0); console.log(''); console.log(String(e)); })" \
    "http://127.0.0.1:$port$1"
}
mapfile -t health < <(get /healthz)
[[ ${health[0]} == 200 && ${health[1]} == application/json* ]] || fail "GET /healthz: ${health[*]}"
echo "== smoke-image: /healthz ${health[0]} ${health[2]}"
metrics=$(get /metrics)
status=$(head -n 1 <<<"$metrics")
[[ $status == 200 ]] || fail "GET /metrics: $metrics"
sed -n 2p <<<"$metrics" | grep -q '^text/plain' || fail "GET /metrics is not Prometheus text: $(sed -n 2p <<<"$metrics")"
grep -q '^# TYPE dockreview_' <<<"$metrics" || fail "GET /metrics has no dockreview_ metric"
echo "== smoke-image: /metrics 200, $(grep -c '^# TYPE dockreview_' <<<"$metrics") dockreview_ metrics"

# Probot's webhook endpoint, no GitHub needed: an unsigned delivery is refused, a signed `ping` accepted
post_ping() {
  node -e "
    const body = JSON.stringify({ zen: 'smoke', hook_id: 1 });
    const sig = 'sha256=' + require('node:crypto').createHmac('sha256', process.argv[2]).update(body).digest('hex');
    const headers = { 'content-type': 'application/json', 'x-github-event': 'ping', 'x-github-delivery': 'smoke-1' };
    if (process.argv[2]) headers['x-hub-signature-256'] = sig;
    fetch(process.argv[1], { method: 'POST', headers, body }).then((r) => console.log(r.status), () => console.log(0));
  " "http://127.0.0.1:$port/api/github/webhooks" "$1"
}
unsigned=$(post_ping '')
[[ $unsigned == 4* ]] || fail "an unsigned webhook delivery got $unsigned, not a 4xx refusal"
signed=$(post_ping smoke-test-secret)
[[ $signed == 2* ]] || fail "a signed ping delivery got $signed, not 2xx"
echo "== smoke-image: webhooks: unsigned delivery $unsigned, signed ping $signed"

# the image's other use: the CLI, with production dependencies only, on copies the image's user can read
project=$work/project
mkdir -p "$project"
cp Dockerfile .dockerignore compose.yaml "$project/"
chmod -R a+rX "$project"
echo "== smoke-image: node bin/dockreview.js lint --fail-on style Dockerfile compose.yaml"
(cd "$app" && "${run_env[@]}" "${as_user[@]}" node bin/dockreview.js lint --fail-on style "$project/Dockerfile" \
  "$project/compose.yaml") || fail "the CLI in the staged image failed"

kill -TERM "$server_pid"
for _ in $(seq 1 60); do
  kill -0 "$server_pid" 2>/dev/null || break
  sleep 0.5
done
kill -0 "$server_pid" 2>/dev/null && fail "the server was still running 30 s after SIGTERM"
code=0
wait "$server_pid" || code=$?
server_pid=
[[ $code == 0 ]] || fail "the server exited with code $code after SIGTERM"
echo "== smoke-image: SIGTERM: exit code 0"
