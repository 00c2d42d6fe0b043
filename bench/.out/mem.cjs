const rss = () => (process.memoryUsage().rss / 1048576).toFixed(1);
const out = [`start ${rss()}`];
const engine = require(process.argv[2]);
out.push(`require ${rss()}`);
(async () => {
  const s = await engine.CgoLensService.create({ log: { info() {}, error() {} } });
  out.push(`wasm ${rss()}`);
  const g = await import('../generate.mjs');
  s.analyze({ uri: 'file:///x/Dockerfile', text: g.dockerfile(300) }, engine.defaultSettings());
  out.push(`analyze ${rss()}`);
  global.gc && global.gc();
  await new Promise((r) => setTimeout(r, 500));
  out.push(`idle+gc ${rss()} heapUsed ${(process.memoryUsage().heapUsed / 1048576).toFixed(1)} external ${(process.memoryUsage().external / 1048576).toFixed(1)} ab ${(process.memoryUsage().arrayBuffers / 1048576).toFixed(1)}`);
  console.log(out.join(' | '));
})();
