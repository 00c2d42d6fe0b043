import { createRequire } from 'node:module';
import { dockerfile } from '../generate.mjs';
const require = createRequire(import.meta.url);
const engine = require(process.argv[2]);
const n = Number(process.argv[3] ?? 3000);
const reps = Number(process.argv[4] ?? 10);
const keep = process.argv.includes('--keep-cache');
const s = await engine.CgoLensService.create({ log: { info() {}, error(m) { console.error(m); } } });
const text = dockerfile(n);
const { validate } = require('dockerfile-utils');
const { DockerfileParser } = require('dockerfile-ast');
for (let i = 0; i < 3; i++) { engine.clearShellCache(); s.analyze({ uri: 'file:///b/Dockerfile', text }, engine.defaultSettings()); validate(text); }
let cpuOurs = 0, cpuAnchor = 0, cpuParse = 0;
for (let i = 0; i < reps; i++) {
  globalThis.gc?.(); let c = process.cpuUsage();
  if (!keep) engine.clearShellCache();
  s.analyze({ uri: 'file:///b/Dockerfile', text }, engine.defaultSettings());
  c = process.cpuUsage(c); cpuOurs += c.user + c.system;
  globalThis.gc?.(); c = process.cpuUsage(); validate(text); c = process.cpuUsage(c); cpuAnchor += c.user + c.system;
  globalThis.gc?.(); c = process.cpuUsage(); DockerfileParser.parse(text); c = process.cpuUsage(c); cpuParse += c.user + c.system;
}
console.log(`${n} lines, CPU ms/call: ours ${(cpuOurs / reps / 1000).toFixed(1)} anchor ${(cpuAnchor / reps / 1000).toFixed(1)} parse ${(cpuParse / reps / 1000).toFixed(1)} ratio ${(cpuOurs / cpuAnchor).toFixed(2)}`);
