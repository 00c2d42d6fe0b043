import type { BuildPlan, FileKind } from '../model/types';
import type { Settings } from '../config/settings';
import type { DocumentInput } from './service';
import { readDockerfile } from '../readers/dockerfile/reader';
import { readShellScript } from '../readers/shell/reader';
import { readMakefile } from '../readers/makefile/reader';
import { readGoreleaser } from '../readers/goreleaser/reader';
import { readTaskfile } from '../readers/taskfile/reader';
import { readWorkflow } from '../readers/workflow/reader';
import { readGoMod } from '../readers/gomod/reader';
import { compactStack, type Logger } from './logger';
import type { WorkspaceFiles } from '../workspace/files';

/** Dispatch to the reader of the file kind; a reader that throws is logged and yields no plan. */
export function readPlan(kind: FileKind, doc: DocumentInput, settings: Settings, log: Logger, files?: WorkspaceFiles): BuildPlan | undefined {
  try {
    switch (kind) {
      case 'dockerfile':
        return readDockerfile(doc.uri, doc.text, { images: settings.images, files });
      case 'shell':
        return readShellScript(doc.uri, doc.text, { files });
      case 'makefile':
        return readMakefile(doc.uri, doc.text, { files });
      case 'goreleaser':
        return readGoreleaser(doc.uri, doc.text, { images: settings.images, files });
      case 'taskfile':
        return readTaskfile(doc.uri, doc.text, { files });
      case 'workflow':
        return readWorkflow(doc.uri, doc.text, { images: settings.images, files });
      case 'gomod':
        return readGoMod(doc.uri, doc.text);
      default:
        return undefined;
    }
  } catch (err) {
    log.error(`reader ${kind} failed on ${doc.uri}: ${compactStack(err)}`);
    return undefined;
  }
}
