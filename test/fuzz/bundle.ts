/**
 * Bundle test/fuzz/run-long.ts with esbuild (as scripts/fuzz.mjs does) so tests can run the fuzz runner in a child
 * process: its watchdog then contains an engine hang or out-of-memory instead of taking the test worker down.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { build } from 'esbuild';
import { ROOT } from './corpus';

export const RUNNER = path.join(ROOT, 'node_modules', '.cache', 'cgo-lens-fuzz', 'run-long.test.cjs');

let built: Promise<string> | undefined;

export function bundleRunner(): Promise<string> {
  built ??= build({
    entryPoints: [path.join(ROOT, 'test', 'fuzz', 'run-long.ts')],
    outfile: RUNNER,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'warning',
    external: ['typescript'],
    alias: { 'web-tree-sitter': path.join(ROOT, 'node_modules', 'web-tree-sitter', 'tree-sitter.cjs') },
  }).then(() => RUNNER);
  return built;
}

/** Run the bundled runner; returns the parsed `JSON:` line, stdout and stderr. */
export function runRunner<T>(args: string[], timeoutMs: number): { json?: T; stdout: string; stderr: string; status: number | null } {
  const r = spawnSync(process.execPath, [RUNNER, ...args], { cwd: ROOT, encoding: 'utf8', timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 });
  const line = r.stdout?.split('\n').find((l) => l.startsWith('JSON:'));
  return { json: line ? (JSON.parse(line.slice(5)) as T) : undefined, stdout: r.stdout ?? '', stderr: `${r.stderr ?? ''}${r.error ? `\n${r.error.message}` : ''}`, status: r.status };
}
