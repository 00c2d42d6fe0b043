// B2–B6: the measurements that drive the bundled server, the CLI and the package. Each returns plain data; the table
// is built by scripts/bench.mjs.
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { anchor, ours } from './lsp.mjs';
import { dockerfile, editSequence, monorepo, monorepoShape } from './generate.mjs';
import { loglogSlope, median, summary } from './stats.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function workspace(root, name, files = {}) {
  const dir = path.join(root, 'bench', '.out', name);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return { dir, uri: pathToFileURL(dir).href };
}

// ---- B2: edit latency over LSP --------------------------------------------------------------------------------------

export async function b2(root, { quick = false, folder = true } = {}) {
  const text = dockerfile(300);
  const ws = workspace(root, 'ws-b2', { Dockerfile: text });
  const uri = `${ws.uri}/Dockerfile`;
  // Without a workspace folder there is no workspace index (the editor opened a single file).
  const rootUri = folder ? ws.uri : undefined;
  const warmup = quick ? 3 : 10;
  const count = quick ? 10 : 50;
  const edits = editSequence(text, warmup + count);
  const servers = [ours(root, rootUri), anchor(root, rootUri)];
  for (const s of servers) await s.start();
  try {
    // With a folder, let our workspace index finish first (it re-validates open documents when it does).
    if (folder) await servers[0].waitForLog(/indexed (\d+) Go files/i, 10_000);
    for (const s of servers) {
      const since = s.published.length;
      await s.open(uri, text, 1);
      await s.waitFor((p) => p.uri === uri, since);
    }
    const times = { ours: [], anchor: [] };
    for (let i = 0; i < edits.length; i++) {
      const e = edits[i];
      const version = i + 2;
      // Interleaved: the same edit on ours, then on the anchor, then the next edit.
      for (const [key, s] of [['ours', servers[0]], ['anchor', servers[1]]]) {
        const since = s.published.length;
        const t0 = performance.now();
        await s.change(uri, version, [{ range: e.range, text: e.text }]);
        // Ours publishes the version it analysed; the anchor publishes one notification per real change, without a
        // version, so its next notification for the URI is this edit's.
        const p = await s.waitFor((x) => x.uri === uri && (key === 'anchor' || x.version === version), since);
        if (i >= warmup) times[key].push(p.t - t0);
      }
    }
    return { lines: 300, edits: count, warmup, folder, ours: summary(times.ours), anchor: summary(times.anchor) };
  } finally {
    for (const s of servers) await s.stop();
  }
}

// ---- B3: start-up -------------------------------------------------------------------------------------------------

export async function b3(root, { quick = false } = {}) {
  const text = dockerfile(300);
  const ws = workspace(root, 'ws-b3', { Dockerfile: text });
  const uri = `${ws.uri}/Dockerfile`;
  const rounds = quick ? 3 : 10;
  const out = { ours: { init: [], firstDiagnostics: [] }, anchor: { init: [], firstDiagnostics: [] } };
  for (let r = 0; r < rounds + 1; r++) {
    for (const [key, make] of [['ours', ours], ['anchor', anchor]]) {
      const s = make(root, ws.uri);
      const { spawnToInitialized } = await s.start();
      const t0 = performance.now();
      await s.open(uri, text, 1);
      const p = await s.waitFor((x) => x.uri === uri);
      const first = p.t - t0;
      await s.stop();
      if (r === 0) continue; // warm-up: file system cache, Node's compile cache
      out[key].init.push(spawnToInitialized);
      out[key].firstDiagnostics.push(first);
    }
  }
  return {
    rounds,
    ours: { init: summary(out.ours.init), firstDiagnostics: summary(out.ours.firstDiagnostics) },
    anchor: { init: summary(out.anchor.init), firstDiagnostics: summary(out.anchor.firstDiagnostics) },
  };
}

// ---- B5: memory ---------------------------------------------------------------------------------------------------

export async function b5(root, { quick = false } = {}) {
  const docs = quick ? 20 : 100;
  const files = {};
  for (let i = 0; i < docs; i++) files[`svc${i}/Dockerfile`] = dockerfile([50, 120, 300, 600][i % 4], 500 + i);
  files['Dockerfile'] = dockerfile(300);
  const ws = workspace(root, 'ws-b5', files);
  const rounds = quick ? 1 : 3;
  const res = { ours: { one: [], many: [] }, anchor: { one: [], many: [] } };
  for (let r = 0; r < rounds; r++) {
    for (const [key, make] of [['ours', ours], ['anchor', anchor]]) {
      const s = make(root, ws.uri);
      await s.start();
      const first = `${ws.uri}/Dockerfile`;
      await s.open(first, files['Dockerfile'], 1);
      await s.waitFor((p) => p.uri === first);
      await sleep(1000); // idle: let the start-up garbage be collected the way it would be in an editor
      res[key].one.push(s.rss());
      for (let i = 0; i < docs; i++) {
        const uri = `${ws.uri}/svc${i}/Dockerfile`;
        await s.open(uri, files[`svc${i}/Dockerfile`], 1);
      }
      for (let i = 0; i < docs; i++) await s.waitFor((p) => p.uri === `${ws.uri}/svc${i}/Dockerfile`);
      await sleep(1000);
      res[key].many.push(s.rss());
      await s.stop();
    }
  }
  return { docs, rounds, ours: { one: median(res.ours.one), many: median(res.ours.many) }, anchor: { one: median(res.anchor.one), many: median(res.anchor.many) } };
}

// ---- B4: workspace scale ------------------------------------------------------------------------------------------

function timeCli(root, dir) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const p = spawn(process.execPath, [path.join(root, 'dist', 'cli.js'), 'check', dir, '--format', 'json', '--failure-threshold', 'none'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout.on('data', (b) => (out += b));
    p.stderr.on('data', (b) => (err += b));
    p.on('exit', (code) => {
      const ms = performance.now() - t0;
      if (code !== 0 && code !== 1) return reject(new Error(`cgo-lens check exited ${code}: ${err.slice(0, 2000)}`));
      let findings;
      let files;
      try {
        const j = JSON.parse(out);
        findings = Array.isArray(j.findings) ? j.findings.length : Array.isArray(j) ? j.length : undefined;
        files = j.filesChecked ?? j.summary?.filesChecked;
      } catch {
        // not JSON: leave the counts out
      }
      resolve({ ms, findings, files });
    });
  });
}

/** Is a workspace index in the built server? Detected in the bundle, then confirmed by the server's own report. */
function serverHasIndex(root) {
  try {
    const bundle = fs.readFileSync(path.join(root, 'dist', 'server.js'), 'utf8');
    return /indexed \$\{|Go files and/.test(bundle) && /startIndexing|workDoneProgress/.test(bundle);
  } catch {
    return false;
  }
}

async function serverIndexTiming(root, dir) {
  const s = ours(root, pathToFileURL(dir).href);
  const t0 = performance.now();
  await s.start();
  const hit = await s.waitForLog(/indexed (\d+) Go files.* in (\d+) ms/i, 60_000);
  const result = hit
    ? { reportedMs: Number(/in (\d+) ms/.exec(hit.message)[1]), observedMs: hit.t - t0, goFiles: Number(/indexed (\d+) Go files/i.exec(hit.message)[1]), rss: s.rss() }
    : undefined;
  await s.stop();
  return result;
}

export async function b4(root, { quick = false } = {}) {
  const scales = quick ? [0.1, 0.25] : [0.1, 0.25, 0.5, 1];
  const dirs = scales.map((scale) => {
    const dir = path.join(root, 'bench', '.out', `mono-${scale}`);
    const shape = monorepoShape(scale);
    monorepo(dir, shape);
    return { scale, dir, shape };
  });
  const runs = quick ? 1 : 3;
  const times = new Map(dirs.map((d) => [d.scale, []]));
  const meta = new Map();
  // Interleaved across sizes: 1k, 2.5k, 5k, 10k, 1k, …
  for (let r = 0; r < runs + 1; r++) {
    for (const d of dirs) {
      const t = await timeCli(root, d.dir);
      meta.set(d.scale, t);
      if (r > 0 || runs === 1) times.get(d.scale).push(t.ms);
    }
  }
  const cli = dirs.map((d) => ({ goFiles: d.shape.goFiles, shape: d.shape, ms: median(times.get(d.scale)), findings: meta.get(d.scale).findings, files: meta.get(d.scale).files }));
  const slope = cli.length > 1 ? loglogSlope(cli.map((c) => c.goFiles), cli.map((c) => c.ms)) : NaN;

  let index;
  if (!serverHasIndex(root)) index = { available: false, note: 'n/a (index not built yet)' };
  else {
    const small = await serverIndexTiming(root, dirs[0].dir);
    const large = await serverIndexTiming(root, dirs[dirs.length - 1].dir);
    index = small && large
      ? { available: true, small: { goFiles: dirs[0].shape.goFiles, ...small }, large: { goFiles: dirs[dirs.length - 1].shape.goFiles, ...large } }
      : { available: false, note: 'n/a (the server did not report a finished index within 60 s)' };
  }
  return { cli, slope, index };
}

// ---- B6: package --------------------------------------------------------------------------------------------------

export function b6(root, { skipPackage = false } = {}) {
  const dist = path.join(root, 'dist');
  const bundles = fs.readdirSync(dist).filter((f) => f.endsWith('.js') || f.endsWith('.wasm')).sort().map((f) => ({ file: `dist/${f}`, bytes: fs.statSync(path.join(dist, f)).size }));
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  let vsix;
  if (!pkg.scripts?.package) vsix = { note: 'n/a (no `npm run package` script yet)' };
  else if (skipPackage) vsix = { note: 'skipped (--no-package)' };
  else {
    const out = path.join(root, 'bench', '.out', 'bench.vsix');
    fs.rmSync(out, { force: true });
    try {
      // Already built by the benchmark: package the same bundles.
      execFileSync(process.execPath, [path.join(root, 'scripts', 'package.mjs'), '--no-build', '--out', out], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], timeout: 300_000 });
      vsix = { bytes: fs.statSync(out).size };
    } catch (err) {
      if (fs.existsSync(out)) vsix = { bytes: fs.statSync(out).size, note: `package script failed after writing the .vsix: ${String(err.stderr ?? err.message).trim().split('\n').pop()}` };
      else vsix = { note: `n/a (npm run package failed: ${String(err.stderr ?? err.message).trim().split('\n').pop()})` };
    }
  }
  return { bundles, vsix };
}
