import { Server } from '../lsp.mjs';
import { dockerfile, editSequence } from '../generate.mjs';
import { pathToFileURL } from 'node:url';
import fs from 'node:fs';
const root = process.cwd();
const dir = root + '/bench/.out/ws-b2p'; fs.mkdirSync(dir, { recursive: true });
const text = dockerfile(300); fs.writeFileSync(dir + '/Dockerfile', text);
const uri = pathToFileURL(dir).href + '/Dockerfile';
const extra = process.argv.slice(2);
const s = new Server('ours', process.execPath, [...extra, root + (process.env.SRV ?? '/dist/server.js'), '--stdio'], { cwd: root, rootUri: pathToFileURL(dir).href, initializationOptions: { debounceMs: 0 } });
const t0 = performance.now();
const { spawnToInitialized } = await s.start();
const t1 = performance.now();
await s.open(uri, text, 1);
await s.waitFor((p) => p.uri === uri);
console.log('init', spawnToInitialized.toFixed(0), 'first diag', (performance.now() - t1).toFixed(0));
const edits = editSequence(text, 40);
const times = [];
for (let i = 0; i < edits.length; i++) {
  const since = s.published.length; const t = performance.now();
  await s.change(uri, i + 2, [{ range: edits[i].range, text: edits[i].text }]);
  const p = await s.waitFor((x) => x.uri === uri && x.version === i + 2, since);
  times.push(p.t - t);
}
console.log('edits', times.map((x) => x.toFixed(0)).join(' '));
console.log('published count', s.published.length, 'logs', s.logs.map(l=>l.message).join('\n'));
console.log('rss', (s.rss()/1e6).toFixed(1));
await s.stop();
