const fs = require('fs'), path = require('path');
process.chdir(path.resolve(__dirname, '../..'));
const before = require('./ab/before.cjs'), after = require('./ab/after.cjs');
(async () => {
  const g = await import('../generate.mjs');
  const quiet = { info() {}, error(m) { console.error(m); } };
  const sb = await before.CgoLensService.create({ log: quiet }), sa = await after.CgoLensService.create({ log: quiet });
  const inputs = [];
  for (let seed = 1; seed <= 40; seed++) inputs.push(['gen' + seed, g.dockerfile(400, seed)]);
  const walk = (d) => { for (const e of fs.readdirSync(d, { withFileTypes: true })) { const p = path.join(d, e.name); if (e.isDirectory()) walk(p); else if (/dockerfile/i.test(p)) inputs.push([p, fs.readFileSync(p, 'utf8')]); } };
  for (const d of ['examples', 'test/fuzz/corpus', 'test/fuzz/regressions', 'test/fuzz/crashers', 'test/editors/fixture']) if (fs.existsSync(d)) walk(d);
  let diff = 0;
  const strip = (r) => JSON.stringify({ f: r.findings, p: r.plan }, (k, v) => (typeof v === 'function' ? undefined : v));
  for (const [name, text] of inputs) {
    const uri = 'file:///eq/Dockerfile';
    const a = strip(sb.analyze({ uri, text, languageId: 'dockerfile' }, before.defaultSettings()));
    after.clearShellCache();
    const b = strip(sa.analyze({ uri, text, languageId: 'dockerfile' }, after.defaultSettings()));
    const c = strip(sa.analyze({ uri, text, languageId: 'dockerfile' }, after.defaultSettings())); // warm cache
    if (a !== b || a !== c) { diff++; console.log('DIFF', name, a.length, b.length, c.length); }
  }
  console.log(`${inputs.length} inputs, ${diff} differences`);
})();
