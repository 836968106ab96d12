import { readdirSync, readFileSync } from 'node:fs';
const { parseDockerfile } = await import('/work/main/dist/lint/dockerfile/model.js');
const { runCommands } = await import('/work/main/dist/lint/rules/util.js');
const sh = await import('/work/main/dist/lint/shell/parser.js');
await sh.initShell();
const dir='/work/shared/corpus/dockerfiles';
const files = readdirSync(dir).sort().map(n=>({path:n,text:readFileSync(dir+'/'+n,'utf8')}));
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
for (let i=0;i<3;i++) for (const f of files) runCommands(parseDockerfile(f.path, f.text));
const a=[], b=[];
for (const f of files) { const ta=[], tb=[]; for (let r=0;r<5;r++){ let t=performance.now(); parseDockerfile(f.path,f.text); ta.push(performance.now()-t); t=performance.now(); runCommands(parseDockerfile(f.path,f.text)); tb.push(performance.now()-t);} a.push(median(ta)); b.push(median(tb)); }
console.log('model', median(a).toFixed(3), 'model+shell', median(b).toFixed(3));
