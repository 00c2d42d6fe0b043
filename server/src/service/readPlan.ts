import type { BuildPlan, FileKind } from '../model/types';
import type { Settings } from '../config/settings';
import type { DocumentInput } from './service';
import { readDockerfile } from '../readers/dockerfile/reader';
import { compactStack, type Logger } from './logger';
import type { WorkspaceFiles } from '../workspace/files';

/** Dispatch to the reader of the file kind; a reader that throws is logged and yields no plan. */
export function readPlan(kind: FileKind, doc: DocumentInput, settings: Settings, log: Logger, files?: WorkspaceFiles): BuildPlan | undefined {
  void files; // cross-file readers use it
  try {
    switch (kind) {
      case 'dockerfile':
        return readDockerfile(doc.uri, doc.text, { images: settings.images });
      default:
        return undefined;
    }
  } catch (err) {
    log.error(`reader ${kind} failed on ${doc.uri}: ${compactStack(err)}`);
    return undefined;
  }
}
