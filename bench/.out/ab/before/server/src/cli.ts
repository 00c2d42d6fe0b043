import { main } from './cli/main';

// EPIPE (`cgo-lens check | head`) means the reader is gone: stop quietly instead of throwing.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

void main(process.argv.slice(2), {
  cwd: process.cwd(),
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
  columns: process.stdout.isTTY ? process.stdout.columns : undefined,
}).then((code) => {
  // exitCode rather than exit(): large reports piped to a file must finish writing.
  process.exitCode = code;
});
