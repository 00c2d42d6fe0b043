import fs from 'node:fs';
const p = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const byId = new Map(p.nodes.map((n) => [n.id, n]));
const self = new Map();
const dt = p.timeDeltas; let total = 0;
const counts = new Map();
for (let i = 0; i < p.samples.length; i++) counts.set(p.samples[i], (counts.get(p.samples[i]) ?? 0) + (dt[i] ?? 0));
for (const [id, t] of counts) { const n = byId.get(id); const cf = n.callFrame; const k = `${cf.functionName || '(anon)'} ${cf.url.split('/').pop()}:${cf.lineNumber + 1}`; self.set(k, (self.get(k) ?? 0) + t); total += t; }
// inclusive
const parent = new Map(); for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const incl = new Map();
for (const [id, t] of counts) { const seen = new Set(); let cur = id; while (cur !== undefined) { const n = byId.get(cur); const cf = n.callFrame; const k = `${cf.functionName || '(anon)'} ${cf.url.split('/').pop()}:${cf.lineNumber + 1}`; if (!seen.has(k)) { incl.set(k, (incl.get(k) ?? 0) + t); seen.add(k); } cur = parent.get(cur); } }
const top = (m, n) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, t]) => `${(t / 1000).toFixed(0).padStart(7)} ms ${(100 * t / total).toFixed(1).padStart(5)}%  ${k}`).join('\n');
console.log('SELF\n' + top(self, Number(process.argv[3] ?? 30)) + '\n\nINCLUSIVE\n' + top(incl, Number(process.argv[4] ?? 40)));
// callers of a function: node/prof-summary.mjs file.cpuprofile 0 0 NAME
if (process.argv[5]) {
  const name = process.argv[5];
  const callers = new Map();
  const ptot = new Map();
  for (const [id, t] of counts) {
    let cur = id; const chain = [];
    while (cur !== undefined) { chain.push(cur); cur = parent.get(cur); }
    for (let i = 0; i < chain.length; i++) { const n = byId.get(chain[i]); const cf = n.callFrame; const k = `${cf.functionName} ${cf.lineNumber + 1}`; if (k === name) { const pn = byId.get(chain[i + 1]); const pk = pn ? `${pn.callFrame.functionName || '(anon)'} :${pn.callFrame.lineNumber + 1}` : 'root'; callers.set(pk, (callers.get(pk) ?? 0) + t); break; } }
  }
  console.log(`\nCALLERS of ${name}\n` + [...callers].sort((a, b) => b[1] - a[1]).slice(0, 20).map(([k, t]) => `${(t / 1000).toFixed(0).padStart(7)} ms  ${k}`).join('\n'));
}
if (process.argv[6]) {
  const name = process.argv[6];
  const kids = new Map();
  for (const [id, t] of counts) {
    let cur = id; const chain = [];
    while (cur !== undefined) { chain.push(cur); cur = parent.get(cur); }
    for (let i = chain.length - 1; i >= 0; i--) { const n = byId.get(chain[i]); const k = `${n.callFrame.functionName} ${n.callFrame.lineNumber + 1}`; if (k === name) { const c = i > 0 ? byId.get(chain[i - 1]) : null; const ck = c ? `${c.callFrame.functionName || '(anon)'} :${c.callFrame.lineNumber + 1}` : '(self)'; kids.set(ck, (kids.get(ck) ?? 0) + t); break; } }
  }
  console.log(`\nCHILDREN of ${name}\n` + [...kids].sort((a, b) => b[1] - a[1]).slice(0, 20).map(([k, t]) => `${(t / 1000).toFixed(0).padStart(7)} ms  ${k}`).join('\n'));
}
