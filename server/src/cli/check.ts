import { pathToFileURL } from 'node:url';
import { applyRepoConfig, type FailureThreshold } from '../config/repoConfig';
import { defaultSettings } from '../config/settings';
import { CgoLensService } from '../service/service';
import { createLogger } from '../service/logger';
import { palette } from './ansi';
import type { CheckOptions } from './args';
import { formatGithub } from './formats/github';
import { formatJson } from './formats/json';
import { SEVERITY_RANK, type Report, type ReportEntry } from './formats/report';
import { formatSarif } from './formats/sarif';
import { formatText } from './formats/text';
import { EXIT_FINDINGS, EXIT_OK, useColor, type Io } from './io';
import { loadConfig } from './loadConfig';
import { displayUri } from './paths';
import { readSource } from './readSource';
import { MAX_VISITED, resolveRoots, walk } from './walk';
import { VERSION } from './version';
import { indexWorkspace } from './indexWorkspace';
import * as path from 'node:path';
import { DiskWorkspaceFiles } from '../workspace/files';

export async function runCheck(options: CheckOptions, io: Io): Promise<number> {
  // Everything that can be the user's mistake is checked before any output, so exit 2 never comes with
  // half a report.
  const { config } = loadConfig(options.config, io.cwd, {
    roots: options.paths.map((p) => path.resolve(io.cwd, p)),
    warn: (message) => io.stderr.write(`cgo-lens: ${message}\n`),
  });
  const threshold: FailureThreshold = options.failureThreshold ?? config.failureThreshold ?? 'error';
  const roots = resolveRoots(options.paths, io.cwd);

  const settings = applyRepoConfig(defaultSettings(), config);
  const skip = (display: string, reason: string) => io.stderr.write(`cgo-lens: skipped ${display}: ${reason}\n`);
  // Engine failures (a rule or reader throwing) are bugs worth seeing, but never fatal; info is noise here.
  const log = createLogger((line) => {
    if (!line.startsWith('[info]')) io.stderr.write(`cgo-lens: ${line}\n`);
  });
  const service = await CgoLensService.create({ log });

  const walked = walk(roots, { cwd: io.cwd });
  for (const s of walked.skipped) skip(s.display, s.reason);
  if (walked.capped) io.stderr.write(`cgo-lens: stopped after visiting ${MAX_VISITED} files; the rest were not checked (pass narrower PATHs)\n`);
  // Workspace facts (go.mod, Go sources) of the checked paths: which program each go command builds.
  service.setIndex(await indexWorkspace(roots, io, { format: options.format }));

  // Cross-file links (RUN make build, run: ./build.sh) may read files below the checked paths, never elsewhere.
  const files = new DiskWorkspaceFiles(roots.map((r) => (r.isDir ? r.abs : path.dirname(r.abs))));
  const entries: ReportEntry[] = [];
  let filesChecked = 0;
  for (const file of walked.files) {
    const source = readSource(file.abs, settings.maxFileBytes);
    if (!source.ok) {
      skip(file.display, source.reason);
      continue;
    }
    try {
      const uri = pathToFileURL(file.abs).href;
      const result = service.analyze({ uri, text: source.text, languageId: file.languageId }, settings, files);
      if (result.skipped) {
        skip(file.display, result.skipped.replace(/^CGO Lens skipped this file: /, ''));
        continue;
      }
      filesChecked++;
      // A finding anchored in a linked file (the Makefile a Dockerfile runs) is reported when that file is checked.
      for (const finding of result.findings) if (finding.loc.uri === uri) entries.push({ file: file.display, finding });
    } catch (err) {
      skip(file.display, `internal error: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  const report: Report = { entries, filesChecked, displayUri: (uri) => displayUri(uri, io.cwd) };
  io.stdout.write(render(report, options, io));

  if (threshold === 'none') return EXIT_OK;
  const failing = entries.some((e) => SEVERITY_RANK[e.finding.severity] >= SEVERITY_RANK[threshold]);
  return failing ? EXIT_FINDINGS : EXIT_OK;
}

function render(report: Report, options: CheckOptions, io: Io): string {
  switch (options.format) {
    case 'json':
      return formatJson(report);
    case 'sarif':
      return formatSarif(report, { version: VERSION, cwd: io.cwd });
    case 'github':
      return formatGithub(report);
    default:
      return formatText(report, { pal: palette(useColor(io, options.noColor)), explain: options.explain, width: io.columns });
  }
}
