import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

/** These tests run what users run: the esbuild bundle, in a child process. */
export const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

export function assertBundle(): void {
  if (!existsSync(CLI)) {
    throw new Error(`${CLI} is missing: the CLI tests run the bundle. Run "npm run build" (or "node scripts/build.mjs") first; "npm test" does it for you.`);
  }
}

export interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function run(args: string[], opts: { cwd: string; env?: Record<string, string | undefined> }): RunResult {
  // Colour switches from the developer's shell must not leak into assertions.
  const env: Record<string, string | undefined> = { ...process.env };
  delete env.NO_COLOR;
  delete env.FORCE_COLOR;
  Object.assign(env, opts.env);
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: opts.cwd, env: env as NodeJS.ProcessEnv, encoding: 'utf8', timeout: 60_000 });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const made: string[] = [];

/** A fresh directory with the given files (relative path → content); cleaned up by `cleanupTrees`. */
export function makeTree(files: Record<string, string | Buffer>): string {
  // realpath: on macOS the tmp dir is behind a symlink, and the CLI prints paths relative to the real cwd.
  const root = realpathSync(mkdtempSync(path.join(tmpdir(), 'cgo-lens-cli-')));
  made.push(root);
  for (const [rel, content] of Object.entries(files)) {
    const abs = path.join(root, rel);
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, content);
  }
  return root;
}

export function cleanupTrees(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export const isRoot = process.getuid?.() === 0;

// eslint-disable-next-line no-control-regex
export const ANSI = /\u001b\[/;
