/**
 * Extensions of harness.ts for the robustness and inertness tests: spawn the bundled server with extra node
 * options (`-r preload.cjs`), extra server arguments (`--clientProcessId=…`), another cwd or environment, optionally
 * without initializing; write raw bytes to its stdin (malformed frames); read its resident memory from /proc.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';
import { LspClient, ROOT, SERVER_JS, type StartOptions } from './harness';

export interface SpawnOptions extends StartOptions {
  /** Node options before the script, e.g. `['-r', '/abs/preload.cjs']`. */
  nodeArgs?: string[];
  /** Server arguments after `--stdio`, e.g. `['--clientProcessId=123']`. */
  serverArgs?: string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Send `initialize` + `initialized` (default true). */
  initialize?: boolean;
}

export async function spawnServer(options: SpawnOptions): Promise<LspClient> {
  if (!existsSync(SERVER_JS)) throw new Error(`${SERVER_JS} is missing: run \`npm run build\` first (the test script does)`);
  const proc = spawn(process.execPath, [...(options.nodeArgs ?? []), SERVER_JS, '--stdio', ...(options.serverArgs ?? [])], {
    cwd: options.cwd ?? ROOT,
    env: options.env ?? process.env,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const conn = createProtocolConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
  const client = new LspClient(conn, options, proc);
  proc.stderr!.on('data', (b: Buffer) => (client.stderr += b.toString()));
  proc.stdin!.on('error', () => undefined);
  if (options.initialize !== false) await client.initialize();
  return client;
}

/** Write raw bytes to the server's stdin (resolves once they are handed to the OS). */
export function writeRaw(client: LspClient, data: string | Buffer): Promise<void> {
  return new Promise((resolve, reject) => client.proc!.stdin!.write(data, (err) => (err ? reject(err) : resolve())));
}

/** A well-formed frame around `body`. */
export function frame(body: string): string {
  return `Content-Length: ${Buffer.byteLength(body, 'utf8')}\r\n\r\n${body}`;
}

/** Resident set size of a process in KB (VmRSS of /proc/<pid>/status), or undefined when not available. */
export function rssKb(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

/** Milliseconds a request takes, end to end. */
export async function timed<T>(f: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await f();
  return { ms: performance.now() - t0, value };
}
