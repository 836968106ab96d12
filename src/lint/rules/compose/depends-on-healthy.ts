import { isMap, isScalar, isSeq, type Node as YamlNode } from 'yaml';
import type { ComposeModel, ComposeService } from '../../compose/model.js';
import { composeProject, type ProjectService } from '../../compose/project.js';
import {
  asText,
  isMapping,
  type Mapping,
  buildHealthcheck,
  columnOf,
  dependencies,
  hasHealthcheck,
  servicePath,
  within,
} from '../../compose/util.js';
import { eachService } from '../../compose/services.js';
import { slowToBeReady } from '../../compose/readiness.js';
import { imageShortName, parseImageRef } from '../../dockerfile/image-ref.js';
import { defineRule, type FixProposal, type ReportWhere } from '../../rule.js';
import { listInBackticks } from '../../text.js';
import type { TextEdit } from '../../types.js';
import { code } from '../../quote.js';

type Finding = ReportWhere & { message: string };
type ReportFn = (r: Finding) => void;

const HEALTHY = 'service_healthy';
const STARTED = 'service_started';

/** `depends_on: [db]` where `db` has a healthcheck: the app starts before the database is ready. */
export default defineRule({
  id: 'depends-on-healthy',
  aliases: [],
  kind: 'compose',
  severity: 'warning',
  severityNote:
    'info for an explicit `service_started`, a reverse proxy, a dependent that restarts or is a database, and a dependency already reported',
  fixable: 'yes',
  summary: 'Dependency on a service with a healthcheck that does not wait for it to be healthy',
  why: 'The short form of `depends_on` (and `service_started`) only waits for the container to start, not for the database in it to accept connections: the dependent service crashes or retries on first boot. A healthcheck is already there; `condition: service_healthy` uses it.',
  check({ model, related, report }) {
    // the dependency as Compose runs it: `extends` applied, or brought in by `include`
    const project = composeProject(model, related);
    const healthchecked = (name: string): boolean => {
      const target = project.service(name);
      // a healthcheck in Compose, or a HEALTHCHECK in the Dockerfile the service builds
      return !!target && (hasHealthcheck(target) || buildHealthcheck(target.build, related) === 'yes');
    };
    // the findings, reported once all services are read: the one comment per dependency names the others
    const found: { report: ReportFn; finding: Finding; dependency: string; others: string[] | null }[] = [];
    // the warning finding of each dependency, by name: its `others` collect the later dependents
    const commented = new Map<string, string[]>();
    eachService(model, report, (service, report) => {
      const deps = dependencies(service);
      const self = project.of(service);
      const waitFor = deps.filter(
        (d) =>
          d.condition === STARTED &&
          d.name !== service.name &&
          healthchecked(d.name) &&
          !clusterPeers(self, project.service(d.name)!),
      );
      if (waitFor.length === 0) return;
      const healthy = new Set(waitFor.map((d) => d.name));
      const listFix = deps[0]?.form === 'short' ? shortToLong(model, service, healthy) : undefined;
      // what the dependent is, for every dependency alike: a proxy, restarted on failure, a database server
      const tolerant = startsWithout(self);
      for (const dep of waitFor) {
        const at = model.spanAt(dep.path) ?? model.spanAt(dep.path, true) ?? service.keySpan;
        const finding: Finding = {
          at: dep.form === 'long' ? (model.spanAt(dep.path, true) ?? at) : at,
          message: `Service ${code(service.name)} waits only for ${code(dep.name)} to start, not to be ready: ${code(dep.name)} has a healthcheck, so depend on it with ${code(`condition: ${HEALTHY}`)}.`,
          fix: dep.form === 'short' ? listFix : longCondition(model, service, dep.path),
        };
        // a comment only where the dependent needs the dependency ready and the author did not choose otherwise,
        // and one per dependency: a reviewer makes the point once, the check run keeps the rest
        const needless = tolerant || startedWritten(model, dep.path);
        const first = needless ? undefined : commented.get(dep.name);
        if (needless || first) {
          first?.push(service.name);
          found.push({
            report,
            finding: { ...finding, severity: 'info' },
            dependency: dep.name,
            others: null,
          });
          continue;
        }
        const others: string[] = [];
        commented.set(dep.name, others);
        found.push({ report, finding, dependency: dep.name, others });
      }
    });
    for (const { report, finding, dependency, others } of found) {
      if (!others || others.length === 0) report(finding);
      else
        report({
          ...finding,
          message: `${finding.message} The same goes for ${listInBackticks(others)}, which also ${others.length === 1 ? 'depends' : 'depend'} on ${code(dependency)} without waiting for it.`,
        });
    }
  },
});

/**
 * Reverse proxies and load balancers, by the image's short name. One in front of the dependency only needs its
 * container to exist (to resolve its name at start) and sends traffic once it answers; waiting for it to be healthy
 * changes nothing a client sees.
 */
const PROXIES: ReadonlySet<string> = new Set([
  'nginx',
  'nginx-unprivileged',
  'openresty',
  'haproxy',
  'traefik',
  'envoy',
  'caddy',
  'varnish',
]);

/** Restart policies that start the dependent again after it exits on a failed first connection. */
const RECOVERS = /^(?:always|unless-stopped|on-failure(?::\d+)?)$/;

/**
 * The dependent starts fine without the dependency ready: a reverse proxy in front of it, a dependent Compose
 * restarts after a failed start (`restart:` or `deploy.restart_policy`, whose condition defaults to `any`), or a
 * database server, which does not connect out to start. Known from the service as Compose runs it (`extends`).
 */
function startsWithout(self: ProjectService): boolean {
  const image = asText(self.data['image']);
  if (image && !image.includes('$')) {
    if (PROXIES.has(imageShortName(parseImageRef(image)))) return true;
    if (slowToBeReady(image)) return true;
  }
  // `restart` wins over `deploy.restart_policy` when both are set; an interpolated one is not judged (no)
  const restart = asText(self.data['restart'])?.trim();
  if (restart) return RECOVERS.test(restart);
  const deploy = self.data['deploy'];
  const policy = isMapping(deploy) ? deploy['restart_policy'] : undefined;
  if (!isMapping(policy)) return false;
  const condition = asText(policy['condition'])?.trim() ?? 'any';
  return condition === 'any' || condition === 'on-failure';
}

/** The entry writes `condition: service_started` itself: the author chose to wait only for the start. */
function startedWritten(model: ComposeModel, path: readonly (string | number)[]): boolean {
  const cond = model.nodeAt([...path, 'condition']);
  return isScalar(cond) && cond.value === STARTED;
}

/** The names a service is reached by on the project network: its key, `hostname` and `container_name`. */
function namesOf(service: ProjectService): Set<string> {
  const names = new Set([service.name]);
  for (const key of ['hostname', 'container_name']) {
    const v = asText(service.data[key]);
    if (v) names.add(v);
  }
  return names;
}

/** The values of a service's `environment`, `command` and `entrypoint`, each as one string. */
function configValues(data: Mapping): string[] {
  const out: string[] = [];
  const add = (v: unknown): void => {
    const t = asText(v);
    if (t) out.push(t);
  };
  const env = data['environment'];
  if (Array.isArray(env)) env.forEach(add);
  else if (isMapping(env)) Object.values(env).forEach(add);
  for (const key of ['command', 'entrypoint']) {
    const v = data[key];
    if (Array.isArray(v)) v.forEach(add);
    else add(v);
  }
  return out;
}

/** Host names in a value: split at anything a host name cannot hold (one linear pass, no backtracking). */
const HOST_SEPARATORS = /[^A-Za-z0-9._-]+/;

/**
 * Peers of one cluster: one value of the dependency's own configuration (an environment variable, its command)
 * lists both the dependency and the dependent (`cluster.initial_cluster_manager_nodes=es1,es2,es3`,
 * `--join=node1,node2`). Such a node only turns healthy once enough of its peers are up, so making a peer wait for
 * it to be healthy deadlocks the bootstrap: starting them together is the intended order.
 */
function clusterPeers(dependent: ProjectService, dependency: ProjectService): boolean {
  const them = namesOf(dependent);
  const it = namesOf(dependency);
  for (const value of configValues(dependency.data)) {
    const words = value.split(HOST_SEPARATORS);
    if (words.some((w) => them.has(w)) && words.some((w) => it.has(w))) return true;
  }
  return false;
}

/** The service's own `depends_on` node, or null when it comes from an anchor shared with other services. */
function ownNode(
  model: ComposeModel,
  service: ComposeService,
  path: readonly (string | number)[],
): YamlNode | null {
  const node = model.nodeAt(path);
  return within(node, model.nodeAt(['services', service.name])) ? node : null;
}

/** Indentation step of the file, read from the service: its first key's column minus the service key's. */
function indentUnit(model: ComposeModel, service: ComposeService): number {
  const svc = model.nodeAt(['services', service.name]);
  if (!isMap(svc) || svc.flow) return 2;
  const first = svc.items[0]?.key as YamlNode | undefined;
  if (!first?.range) return 2;
  const step = columnOf(model, first.range[0]) - columnOf(model, service.keySpan.start);
  return step > 0 && step <= 8 ? step : 2;
}

/** Rewrites the short list to the long form, every entry kept, the healthy ones with `service_healthy`. */
function shortToLong(
  model: ComposeModel,
  service: ComposeService,
  healthy: Set<string>,
): FixProposal | undefined {
  const path = servicePath(service, 'depends_on');
  const list = ownNode(model, service, path);
  if (!isSeq(list) || !list.range) return undefined;
  const items = list.items as YamlNode[];
  if (!items.every((i) => isScalar(i) && i.range && typeof i.value === 'string' && !i.anchor))
    return undefined;
  const text = model.source.text;
  // a plain item folded over lines (`- db\n   - cache` is one scalar) cannot become a key: keys are one line
  if (items.some((i) => /[\r\n]/.test(text.slice(i.range![0], i.range![1])))) return undefined;
  // Compose interpolates values, not keys: `- ${DB_HOST:-db}` as a key would name a service called
  // `${DB_HOST:-db}`, and the dependency would be gone
  if (items.some((i) => text.slice(i.range![0], i.range![1]).includes('$'))) return undefined;
  const eol = model.source.eol;
  const unit = indentUnit(model, service);
  const condition = (name: string) => `condition: ${healthy.has(name) ? HEALTHY : STARTED}`;
  const description = 'wait for the healthcheck with `condition: service_healthy`';

  if (!list.flow) {
    const edits: TextEdit[] = [];
    const key = model.spanAt(path, true);
    const keyCol = key ? columnOf(model, key.start) : 0;
    for (const item of items) {
      const [start, end] = item.range!;
      const lineStart = model.source.lineStart(model.source.positionAt(start).line);
      const dash = text.lastIndexOf('-', start);
      if (
        dash < lineStart ||
        text.slice(lineStart, dash).trim() !== '' ||
        text.slice(dash + 1, start).trim() !== ''
      )
        return undefined;
      // `- db` may sit at the column of `depends_on:` itself; a mapping key there would end `depends_on`
      const dashCol = columnOf(model, dash);
      const col = dashCol > keyCol ? dashCol : keyCol + unit;
      const indent = ' '.repeat(col + unit);
      const lineEnd = model.source.lineEnd(model.source.positionAt(end).line);
      edits.push({ start: lineStart, end, text: `${' '.repeat(col)}${text.slice(start, end)}:` });
      edits.push({
        start: lineEnd,
        end: lineEnd,
        text: `${eol}${indent}${condition(String((item as { value: unknown }).value))}`,
      });
    }
    return { description, edits };
  }

  const [start, end] = list.range;
  const written = items.map((i) => ({
    key: text.slice(i.range![0], i.range![1]),
    name: String((i as { value: unknown }).value),
  }));
  const keyNode = model.spanAt(path, true);
  const between = keyNode ? text.slice(keyNode.end, start) : '';
  const sameLine = model.source.positionAt(start).line === model.source.positionAt(end).line;
  const parent = model.nodeAt(['services', service.name]);
  const parentFlow = isMap(parent) && !!parent.flow;
  if (
    keyNode &&
    /^\s*:\s*$/.test(between) &&
    sameLine &&
    !text.slice(start, end).includes('#') &&
    !parentFlow
  ) {
    // `depends_on: [db, cache]` → a block mapping under the key
    const keyCol = columnOf(model, keyNode.start);
    const pad = ' '.repeat(keyCol + unit);
    const colon = keyNode.end + between.indexOf(':') + 1;
    const body = written
      .map((w) => `${eol}${pad}${w.key}:${eol}${pad}${' '.repeat(unit)}${condition(w.name)}`)
      .join('');
    return { description, edits: [{ start: colon, end, text: body }] };
  }
  // anything unusual: the same mapping in flow style, in place
  const flow = written.map((w) => `${w.key}: {${condition(w.name)}}`).join(', ');
  return { description, edits: [{ start, end, text: `{${flow}}` }] };
}

/** `condition: service_started` → `service_healthy`; a missing condition is added. */
function longCondition(
  model: ComposeModel,
  service: ComposeService,
  path: readonly (string | number)[],
): FixProposal | undefined {
  const description = 'wait for the healthcheck with `condition: service_healthy`';
  const cond = ownNode(model, service, [...path, 'condition']);
  if (cond) {
    if (!isScalar(cond) || !cond.range) return undefined;
    const quoted = cond.type === 'QUOTE_DOUBLE' || cond.type === 'QUOTE_SINGLE';
    const [start, end] = cond.range;
    return {
      description,
      edits: [{ start: start + (quoted ? 1 : 0), end: end - (quoted ? 1 : 0), text: HEALTHY }],
    };
  }
  const entry = ownNode(model, service, path);
  if (!isMap(entry) || !entry.range) return undefined;
  if (entry.flow) {
    const open = entry.range[0];
    if (model.source.text[open] !== '{') return undefined;
    return {
      description,
      edits: [
        {
          start: open + 1,
          end: open + 1,
          text: `condition: ${HEALTHY}${entry.items.length > 0 ? ', ' : ''}`,
        },
      ],
    };
  }
  const first = entry.items[0]?.key as YamlNode | undefined;
  if (!first?.range) return undefined;
  // the new key goes on a line of its own before the first one, which must start its line: after a tag or an
  // anchor written before it (`!reset condition: …`) the new line would not line up
  const text = model.source.text;
  const at = first.range[0];
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  if (text.slice(lineStart, at).trim() !== '') return undefined;
  return {
    description,
    edits: [
      {
        start: at,
        end: at,
        text: `condition: ${HEALTHY}${model.source.eol}${' '.repeat(columnOf(model, at))}`,
      },
    ],
  };
}
