// Entry point of `cgo-lens-language-server` (dist/server.js): argument handling and wiring only.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { version } from '../../package.json';
import { startLanguageServer } from './lsp/languageServer';

const HELP = `cgo-lens-language-server ${version}
CGO Lens language server: warns where the CGO_ENABLED choice breaks a Go build or a container.

Usage: cgo-lens-language-server <transport> [--clientProcessId=PID]

Transports:
  --stdio           JSON-RPC over stdin/stdout (Neovim, Helix, Emacs, …)
  --node-ipc        Node IPC channel (VS Code)
  --socket=PORT     connect to the client's socket on PORT
  --pipe=NAME       connect to the client's named pipe

Options:
  --clientProcessId=PID  exit when that process ends (initialize.processId does the same)
  --version         print the version and exit
  --help            print this help and exit

initializationOptions: {"debounceMs": 150}  (0 = validate on every change immediately)
`;

const args = process.argv.slice(2);
if (args.includes('--version') || args.includes('-v')) {
  process.stdout.write(`${version}\n`);
  process.exit(0);
}
if (args.includes('--help') || args.includes('-h')) {
  process.stdout.write(HELP);
  process.exit(0);
}
if (!args.some((a) => /^--(stdio|node-ipc|socket|pipe)(=|$)/.test(a))) {
  process.stderr.write(`cgo-lens-language-server: no transport given (use --stdio, --node-ipc, --socket=PORT or --pipe=NAME)\n\n${HELP}`);
  process.exit(2);
}

const connection = createConnection(ProposedFeatures.all);

// Never crash on a stray error: report it to the client's log and keep serving (DESIGN §2.5).
const seen = new Set<string>();
const report = (kind: string) => (err: unknown) => {
  const text = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  if (seen.has(text)) return;
  seen.add(text);
  try {
    connection.console.error(`${kind}: ${err instanceof Error && err.stack ? err.stack : text}`);
  } catch {
    // connection gone
  }
};
process.on('uncaughtException', report('uncaught exception'));
process.on('unhandledRejection', report('unhandled rejection'));

startLanguageServer(connection, { version });
connection.listen();
