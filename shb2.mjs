import { readdirSync, readFileSync } from 'node:fs';
import { DockerfileParser } from 'dockerfile-ast';
const { parseDockerfile } = await import('/work/main/dist/lint/dockerfile/model.js');
const { initLint, lintSource } = await import('/work/main/dist/lint/engine.js');
const { ALL_RULES } = await import('/work/main/dist/lint/rules/index.js');
const { runCommands } = await import('/work/main/dist/lint/rules/util.js');
await initLint();
const dir='/work/shared/corpus/dockerfiles';
const files = readdirSync(dir).sort().map(n=>({path:n,text:readFileSync(dir+'/'+n,'utf8')}));
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const variants = {
  bare: (f) => DockerfileParser.parse(f.text),
  model: (f) => parseDockerfile(f.path, f.text),
  modelShell: (f) => runCommands(parseDockerfile(f.path, f.text)),
  allRulesNoEngine: (f) => { const m = parseDockerfile(f.path, f.text); for (const r of ALL_RULES) r.check({model:m, source:m.source, options:r.options??{}, report(){}}); },
  all: (f) => lintSource(f, {rules:{}}, 'dockerfile'),
};
if (process.argv[2]==='rules') for (const r of ALL_RULES) variants['+'+r.id] = (f) => { const m = parseDockerfile(f.path, f.text); runCommands(m); r.check({model:m, source:m.source, options:r.options??{}, report(){}}); };
for (let i=0;i<3;i++) for (const f of files) for (const v of Object.values(variants)) v(f);
const res = {};
for (const [k,v] of Object.entries(variants)) res[k]=[];
for (const f of files) for (const [k,v] of Object.entries(variants)) { const ts=[]; for (let r=0;r<5;r++){const t=performance.now(); v(f); ts.push(performance.now()-t);} res[k].push(median(ts)); }
const base = median(res.modelShell);
for (const [k,v] of Object.entries(res)) console.log(k.padEnd(34), median(v).toFixed(3), k.startsWith('+') ? '(+' + (median(v)-base).toFixed(3) + ')' : '');
