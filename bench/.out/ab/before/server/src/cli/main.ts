import { palette } from './ansi';
import { parseArgs } from './args';
import { runCheck } from './check';
import { explainRule } from './explain';
import { HELP } from './help';
import { CliError, EXIT_ERROR, EXIT_OK, useColor, type Io } from './io';
import { formatRulesTable } from './rules';
import { VERSION } from './version';

/** Run one CLI invocation; returns the exit code instead of exiting so output can drain and tests can call it. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  try {
    const cmd = parseArgs(argv);
    switch (cmd.kind) {
      case 'help':
        io.stdout.write(HELP);
        return EXIT_OK;
      case 'version':
        io.stdout.write(`${VERSION}\n`);
        return EXIT_OK;
      case 'rules':
        io.stdout.write(formatRulesTable(palette(useColor(io, cmd.noColor))));
        return EXIT_OK;
      case 'explain':
        io.stdout.write(explainRule(cmd.id, palette(useColor(io, cmd.noColor)), io.columns));
        return EXIT_OK;
      case 'check':
        return await runCheck(cmd, io);
    }
  } catch (err) {
    if (err instanceof CliError) {
      io.stderr.write(`cgo-lens: ${err.message}\n`);
      if (err.hint) io.stderr.write(`Run "cgo-lens --help" for usage.\n`);
      return EXIT_ERROR;
    }
    // A crash must not read as "findings" (1) or "clean" (0) to CI.
    io.stderr.write(`cgo-lens: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    return EXIT_ERROR;
  }
}
