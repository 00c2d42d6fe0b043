import { createRequire } from 'node:module';
import { dockerfile } from '../generate.mjs';
const require = createRequire(import.meta.url);
const engine = require(process.argv[2]);
const n = Number(process.argv[3] ?? 3000);
const reps = Number(process.argv[4] ?? 10);
const s = await engine.CgoLensService.create({ log: { info() {}, error(m) { console.error(m); } } });
const text = dockerfile(n);
for (let i = 0; i < reps; i++) { if (!process.argv.includes("--keep")) engine.clearShellCache(); s.analyze({ uri: 'file:///b/Dockerfile', text }, engine.defaultSettings()); }
