import {
  isInterpolated,
  type ComposeModel,
  type ComposeService,
  type DataPath,
} from '../../compose/model.js';
import {
  asText,
  dependencies,
  isMapping,
  isDefaultFile,
  isLayerFile,
  servicePath,
  spanOr,
  volumeEntries,
} from '../../compose/util.js';
import { composeProject, type ComposeProject, type TopLevel } from '../../compose/project.js';
import { defineRule } from '../../rule.js';
import { code } from '../../quote.js';
import { editDistance } from '../../text.js';

type Kind = 'service' | 'volume' | 'network' | 'secret' | 'config';
const TOP_LEVEL: Record<Exclude<Kind, 'service'>, TopLevel> = {
  volume: 'volumes',
  network: 'networks',
  secret: 'secrets',
  config: 'configs',
};

interface Ref {
  kind: Kind;
  name: string;
  /** How the service refers to it, for the message: `depends_on`, `volumes_from`… */
  via: string;
  path: DataPath;
  /** Point at the key rather than the value (mapping forms: `depends_on: {db: …}`, `networks: {front: …}`). */
  key?: boolean;
}

/** Every reference a service makes to another service or to a top-level volume, network, secret or config. */
export function references(service: ComposeService): Ref[] {
  const d = service.data;
  const out: Ref[] = [];
  const at = (...rest: (string | number)[]) => servicePath(service, ...rest);
  for (const dep of dependencies(service)) {
    const entry = isMapping(d.depends_on) ? d.depends_on[dep.name] : null;
    if (isMapping(entry) && entry.required === false) continue; // Compose only warns about optional ones
    out.push({
      kind: 'service',
      name: dep.name,
      via: 'depends_on',
      path: dep.path,
      key: dep.form === 'long',
    });
  }
  if (Array.isArray(d.links)) {
    d.links.forEach((l, i) => {
      if (typeof l === 'string')
        out.push({ kind: 'service', name: l.split(':')[0]!, via: 'links', path: at('links', i) });
    });
  }
  if (typeof d.extends === 'string')
    out.push({ kind: 'service', name: d.extends, via: 'extends', path: at('extends') });
  else if (isMapping(d.extends) && d.extends.file === undefined && typeof d.extends.service === 'string')
    out.push({ kind: 'service', name: d.extends.service, via: 'extends', path: at('extends', 'service') });
  if (Array.isArray(d.volumes_from)) {
    d.volumes_from.forEach((v, i) => {
      if (typeof v === 'string' && !v.startsWith('container:'))
        out.push({
          kind: 'service',
          name: v.split(':')[0]!,
          via: 'volumes_from',
          path: at('volumes_from', i),
        });
    });
  }
  for (const key of ['network_mode', 'ipc', 'pid']) {
    const v = d[key];
    if (typeof v === 'string' && v.startsWith('service:'))
      out.push({ kind: 'service', name: v.slice('service:'.length), via: key, path: at(key) });
  }
  for (const v of volumeEntries(service)) {
    if (v.type === 'volume' && v.source)
      out.push({
        kind: 'volume',
        name: v.source,
        via: 'volumes',
        path: v.raw === null ? at('volumes', v.index, 'source') : at('volumes', v.index),
      });
  }
  if (Array.isArray(d.networks)) {
    d.networks.forEach((n, i) => {
      if (typeof n === 'string')
        out.push({ kind: 'network', name: n, via: 'networks', path: at('networks', i) });
    });
  } else if (isMapping(d.networks)) {
    for (const n of Object.keys(d.networks))
      out.push({ kind: 'network', name: n, via: 'networks', path: at('networks', n), key: true });
  }
  const secretsOrConfigs = (
    list: unknown,
    kind: 'secret' | 'config',
    base: (string | number)[],
    via: string,
  ) => {
    if (!Array.isArray(list)) return;
    list.forEach((s, i) => {
      if (typeof s === 'string') out.push({ kind, name: s, via, path: at(...base, i) });
      else if (isMapping(s) && typeof s.source === 'string')
        out.push({ kind, name: s.source, via, path: at(...base, i, 'source') });
    });
  };
  secretsOrConfigs(d.secrets, 'secret', ['secrets'], 'secrets');
  secretsOrConfigs(d.configs, 'config', ['configs'], 'configs');
  if (isMapping(d.build)) secretsOrConfigs(d.build.secrets, 'secret', ['build', 'secrets'], 'build.secrets');
  return out;
}

function closest(name: string, candidates: Iterable<string>): string | null {
  let best: string | null = null;
  let bestD = Math.max(1, Math.floor(name.length / 3)) + 1;
  for (const c of candidates) {
    const d = editDistance(name.toLowerCase(), c.toLowerCase());
    if (d < bestD) {
      best = c;
      bestD = d;
    }
  }
  return best;
}

function declared(model: ComposeModel, project: ComposeProject, kind: Kind): Set<string> {
  if (kind === 'service') return new Set([...project.own, ...project.included].map((s) => s.name));
  return project.declared(TOP_LEVEL[kind]);
}

/** References to services, volumes, networks, secrets and configs that the file does not declare. */
export default defineRule({
  id: 'compose-undefined-reference',
  aliases: [],
  kind: 'compose',
  severity: 'error',
  fixable: false,
  summary: 'Reference to a service, volume, network, secret or config that is not declared',
  why: '`docker compose up` refuses a file whose services refer to a service, named volume, network, secret or config it does not declare, before starting anything.',
  messages: {
    /** The project's own wording (`compose/project.ts`): a missing `include`, an unresolved `extends`; the template adds its full stop. */
    projectProblem: '{{problem}}.',
    undefined:
      'Service {{service}} refers in {{via}} to the {{kind}} {{name}}, which is not {{where}}{{guess}}: `docker compose up` refuses the file unless another Compose file merged with it declares one.',
    inheritedUndefined:
      'Service {{service}} inherits from {{base}} in {{file}} a reference in {{via}} to the {{kind}} {{name}}, which is not {{where}}{{guess}}: `extends` does not bring it along, so declare it here.',
  },
  check({ model, related, report }) {
    if (!model.data) return;
    const project = composeProject(model, related);
    // `extends` and `include` naming a file, or a service in it, that does not exist: certain whatever the file
    for (const p of project.problems) {
      if (p.kind !== 'cycle')
        report({ at: p.at, messageId: 'projectProblem', data: { problem: p.message.replace(/\.$/, '') } });
    }
    // an override file completes declarations made elsewhere; so may an included file that was not read
    if (isLayerFile(model) || !project.includesComplete) return;
    // `docker-compose.prod.yml` and the like are often merged onto the default file with `-f`: there, report
    // only names that are clearly a typo of a declared one
    const typosOnly = !isDefaultFile(model.source.path);
    const known = new Map<Kind, Set<string>>();
    const ownServices = new Set(model.services.map((s) => s.name));
    const problem = (ref: Ref, names: Set<string>): { guess: string | null } | null => {
      if (isInterpolated(ref.name) || asText(ref.name) === '' || names.has(ref.name)) return null;
      const guess = closest(ref.name, names);
      return typosOnly && !guess ? null : { guess };
    };
    const namesFor = (ref: Ref): Set<string> => {
      // `extends` without `file` names a service of this very file; `include` does not lend it one
      if (ref.via === 'extends') return ownServices;
      let names = known.get(ref.kind);
      if (!names) known.set(ref.kind, (names = declared(model, project, ref.kind)));
      return names;
    };
    const includes = Array.isArray(model.data.include) && model.data.include.length > 0;
    const where = (ref: Ref): string =>
      (ref.kind === 'service'
        ? 'a service of this file'
        : `declared under the top-level ${code(`${TOP_LEVEL[ref.kind]}:`)}`) +
      (includes && ref.via !== 'extends'
        ? ` nor ${ref.kind === 'service' ? 'of' : 'in'} the files it includes`
        : '');
    for (const service of model.services) {
      const own = references(service);
      for (const ref of own) {
        const p = problem(ref, namesFor(ref));
        if (!p) continue;
        report({
          at: ref.key
            ? (model.spanAt(ref.path, true) ?? spanOr(model, service, ref.path))
            : spanOr(model, service, ref.path),
          messageId: 'undefined',
          data: {
            service: code(service.name),
            via: code(ref.via),
            kind: ref.kind,
            name: code(ref.name),
            where: where(ref),
            guess: p.guess ? ` (did you mean ${code(p.guess)}?)` : '',
          },
        });
      }
      // what a base in another file refers to must be declared here too: `extends` does not bring it along
      // (a base in this file is checked where it is written)
      const resolved = project.of(service);
      const base = resolved.bases[0];
      if (!base || base.path === model.source.path) continue;
      const written = new Set(own.map((r) => `${r.kind}\0${r.name}`));
      const at = model.spanAt(servicePath(service, 'extends'), true) ?? service.keySpan;
      const seen = new Set<string>();
      for (const ref of references({ ...service, data: resolved.data })) {
        const key = `${ref.kind}\0${ref.name}`;
        if (written.has(key) || seen.has(key)) continue;
        seen.add(key);
        const p = problem(ref, namesFor(ref));
        if (!p) continue;
        report({
          at,
          messageId: 'inheritedUndefined',
          data: {
            service: code(service.name),
            base: code(base.service),
            file: code(base.path),
            via: code(ref.via),
            kind: ref.kind,
            name: code(ref.name),
            where: where(ref),
            guess: p.guess ? ` (did you mean ${code(p.guess)}?)` : '',
          },
        });
      }
    }
  },
});
