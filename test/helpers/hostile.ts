/**
 * Generated inputs that stress one dimension each of a Dockerfile or Compose file, sized just under the 1 MiB
 * limit: what a pull request can send to make a rule that is super-linear in that dimension stall the server.
 */

/** Bytes each input aims at by default: under the 1 MiB size limit, so every rule runs on it. */
export const FULL_SIZE = 1000 * 1000;

/** The size the inputs being generated aim at (set by hostileDockerfiles / hostileComposeFiles). */
let TARGET = FULL_SIZE;

/** `unit(i)` repeated until the text reaches `target` characters. */
function fill(head: string, unit: (i: number) => string, tail = '', target = TARGET): string {
  const parts = [head];
  let size = head.length + tail.length;
  for (let i = 0; ; i++) {
    const u = unit(i);
    if (size + u.length > target) break;
    parts.push(u);
    size += u.length;
  }
  parts.push(tail);
  return parts.join('');
}

/** `make()` with `fill` aiming at `size`. */
function sized<T>(size: number, make: () => T): T {
  TARGET = size;
  try {
    return make();
  } finally {
    TARGET = FULL_SIZE;
  }
}

export interface HostileInput {
  name: string;
  path: string;
  /** The text, generated when asked: a megabyte each, they are not all held at once. */
  text: () => string;
  related?: () => Record<string, string | null>;
}

const FROM = 'FROM debian:12\n';

export function hostileDockerfiles(size = FULL_SIZE): HostileInput[] {
  const k = size / FULL_SIZE;
  const df = (
    name: string,
    text: () => string,
    related?: () => Record<string, string | null>,
  ): HostileInput => ({
    name,
    path: 'Dockerfile',
    text: () => sized(size, text),
    ...(related ? { related: () => sized(size, related) } : {}),
  });
  const words = (n: number, w: (i: number) => string): string =>
    Array.from({ length: n }, (_, i) => w(i)).join(' ');
  return [
    df('many stages', () =>
      fill('', (i) => `FROM alpine:3.20 AS s${i}\nCOPY --from=s${Math.max(0, i - 1)} /a /b\nRUN echo ${i}\n`),
    ),
    df('many stages built on each other', () =>
      fill('FROM alpine:3.20 AS s0\n', (i) => `FROM s${i} AS s${i + 1}\nWORKDIR w${i}\nCOPY a b\n`),
    ),
    df('many instructions of every kind', () =>
      fill(FROM, (i) =>
        [
          `ENV E${i}=v${i}`,
          `LABEL l${i}="x"`,
          `EXPOSE ${i % 65535}`,
          `WORKDIR /w${i}`,
          `USER u${i}`,
          `COPY f${i} ./`,
          `ADD https://x/${i}.tar.gz /`,
          `RUN apt-get install -y p${i} && rm -rf /var/lib/apt/lists/*`,
          `HEALTHCHECK CMD curl -f http://localhost/${i}`,
          `CMD ["x${i}"]`,
          `ENTRYPOINT x${i}`,
          `ARG A${i}`,
          `VOLUME /v${i}`,
          `SHELL ["/bin/sh", "-c"]`,
          `ONBUILD RUN make ${i}`,
          `STOPSIGNAL SIGTERM`,
        ]
          .map((l) => `${l}\n`)
          .join(''),
      ),
    ),
    df('many one-command RUNs', () => fill(FROM, () => 'RUN true\n')),
    df('many RUNs of package managers', () =>
      fill(FROM, (i) =>
        [
          `RUN apt-get update && apt-get install -y pkg${i}`,
          `RUN pip install p${i}`,
          `RUN npm install n${i}`,
          `RUN apk add a${i}`,
          `RUN cd /x${i} && make`,
          `RUN curl -sSL https://x/${i} | sh`,
          `RUN yum install -y y${i} && dnf install z${i}`,
        ]
          .map((l) => `${l}\n`)
          .join(''),
      ),
    ),
    df(
      'one very long RUN line',
      () => `${FROM}RUN ${fill('', (i) => `cmd${i} a b && `, 'true', TARGET - 40)}\n`,
    ),
    df('one very long word', () => `${FROM}RUN echo ${'a'.repeat(TARGET - 40)}\n`),
    df('a long COPY source', () => `${FROM}COPY ${'a'.repeat(TARGET - 40)} /x\n`),
    df('many COPY sources', () => `${FROM}COPY ${fill('', (i) => `src${i} `, '/dst/', TARGET - 40)}\n`),
    df('many $VARs', () => `${FROM}ARG A=1\nRUN echo ${fill('', () => '$A ${A} ', '', TARGET - 40)}\n`),
    df(
      'deep ${A:-${B:-…}}',
      () =>
        `${FROM}ARG A\nRUN echo ${'${A:-'.repeat(Math.round(150_000 * k))}x${'}'.repeat(Math.round(150_000 * k))}\n`,
    ),
    df(
      'deep nesting in FROM',
      () =>
        `ARG A\nFROM ${'${A:-'.repeat(Math.round(150_000 * k))}alpine${'}'.repeat(Math.round(150_000 * k))}\n`,
    ),
    df('many ARG and ENV', () =>
      fill(FROM, (i) => `ARG V${i}=x\nENV E${i}=$V${i} F${i}=\${E${i}}\nRUN echo $E${i}\n`),
    ),
    df('many global ARGs', () => fill('', (i) => `ARG V${i}=x\n`, `FROM alpine:\${V1}\nRUN echo $V2\n`)),
    df('many heredocs', () =>
      fill(FROM, (i) => `RUN <<EOF${i}\necho ${i}\nEOF${i}\nCOPY <<F /f${i}\nx\nF\n`),
    ),
    df('one huge heredoc', () => `${FROM}RUN <<EOF\n${fill('', (i) => `echo ${i}\n`, '', TARGET - 60)}EOF\n`),
    df(
      'many continuation lines',
      () =>
        `${FROM}RUN apt-get update && apt-get install -y \\\n${fill('', (i) => `    p${i} \\\n`, '    last\n', TARGET - 60)}`,
    ),
    df('one BuildKit check line naming thousands of skipped and experimental checks', () => {
      const ids = (prefix: string): string => fill('', (i) => `${prefix}${i},`, 'all', (TARGET - 80) / 2);
      return `# check=skip=${ids('Skip')};experimental=${ids('Skip')}\n${FROM}RUN true\n`;
    }),
    df('many comments and pragmas', () =>
      fill(FROM, (i) => `# hadolint ignore=DL300${i % 10}\n# note ${i}\nRUN x${i}\n`),
    ),
    df(
      'many packages in one install',
      () =>
        `${FROM}RUN apt-get update && apt-get install -y ${fill('', (i) => `p${i}=1 `, '', TARGET - 80)}\n`,
    ),
    df(
      'many commands in one RUN',
      () => `${FROM}RUN ${fill('', (i) => `rm -rf /tmp/${i}; `, 'true', TARGET - 40)}\n`,
    ),
    df('many whole-context COPYs and installs', () =>
      fill(FROM, (i) => `COPY . .\nRUN npm ci\nRUN pip install -r r${i}.txt\n`),
    ),
    df(
      'a large .dockerignore and many COPYs',
      () => fill(FROM, (i) => `COPY f${i}/x${i} /d/\n`),
      () => ({ '.dockerignore': fill('', (i) => `*a${i}*b\n!f${i}\n`), 'Dockerfile.dockerignore': null }),
    ),
    df(
      'many EXPOSE ports',
      () => `${FROM}EXPOSE ${words(Math.round(120_000 * k), (i) => `${i % 65536}/tcp`)}\n`,
    ),
    df('many LABELs', () => `${FROM}LABEL ${fill('', (i) => `k${i}="v${i}" `, '', TARGET - 40)}\n`),
  ];
}

export function hostileComposeFiles(size = FULL_SIZE): HostileInput[] {
  const k = size / FULL_SIZE;
  const c = (name: string, text: () => string): HostileInput => ({
    name,
    path: 'compose.yaml',
    text: () => sized(size, text),
  });
  return [
    c('many services', () =>
      fill('services:\n', (i) =>
        [
          `  s${i}:`,
          `    image: img${i}:latest`,
          `    container_name: c${i}`,
          `    ports: ["${i % 65535}:80"]`,
          `    volumes: ["/var/run/docker.sock:/s", "./d${i}:/d"]`,
          `    environment: { PASSWORD: "p${i}", K${i}: v }`,
          `    depends_on: [s${Math.max(0, i - 1)}]`,
          `    privileged: true`,
          '',
        ].join('\n'),
      ),
    ),
    c('many services depending on all others', () =>
      fill(
        'services:\n',
        (i) => `  s${i}:\n    image: x:1\n    depends_on:\n      s0:\n        condition: service_healthy\n`,
      ),
    ),
    c(
      'many ports',
      () =>
        `services:\n  a:\n    image: x:1\n    ports:\n${fill('', (i) => `      - "${i % 65535}:${i % 65535}"\n`)}`,
    ),
    c(
      'many volumes',
      () => `services:\n  a:\n    image: x:1\n    volumes:\n${fill('', (i) => `      - ./v${i}:/v${i}\n`)}`,
    ),
    c(
      'many environment entries',
      () =>
        `services:\n  a:\n    image: x:1\n    environment:\n${fill('', (i) => `      - SECRET_${i}=v\${V${i}}\n`)}`,
    ),
    c(
      'deep nesting (block)',
      () =>
        `services:\n  a:\n    image: x:1\n    labels:\n${fill('', (i) => `${'  '.repeat(3 + Math.min(i, 400))}k${i}:\n`, `${'  '.repeat(404)}x: 1\n`, Math.round(400_000 * k))}`,
    ),
    c(
      'deep nesting (flow)',
      () =>
        `services:\n  a:\n    image: x:1\n    x-deep: ${'['.repeat(Math.round(100_000 * k))}${']'.repeat(Math.round(100_000 * k))}\n`,
    ),
    c(
      'anchors and aliases',
      () =>
        `x-a: &a0 {k: v}\n${fill('', (i) => `x-${i + 1}: &a${i + 1} [*a${i}, *a${i}]\n`, '', Math.round(20_000 * k))}services:\n  s:\n    image: x:1\n    <<: *a0\n`,
    ),
    c(
      'many merge keys',
      () =>
        `x-base: &b\n  image: x:1\n  restart: always\nservices:\n${fill('', (i) => `  s${i}:\n    <<: *b\n    ports: ["${i % 65535}:1"]\n`)}`,
    ),
    c('a long string', () => `services:\n  a:\n    image: "${'a'.repeat(TARGET - 60)}"\n`),
    c(
      'a long string of ${',
      () => `services:\n  a:\n    image: x:1\n    command: "${'${'.repeat(Math.round(400_000 * k))}"\n`,
    ),
    c('many networks and secrets', () =>
      fill(
        'services:\n  a:\n    image: x:1\n    networks: [n0]\n    secrets: [s0]\nnetworks:\n',
        (i) => `  n${i}: {}\n`,
      ),
    ),
  ];
}
