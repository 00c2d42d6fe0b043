/**
 * The documents the CGO Lens server analyses. Built-in language ids where VS Code (or vscode-go, for `go.mod`) has
 * one; glob patterns for the YAML files, so the extension never claims the whole `yaml` language. `file` scheme
 * only: cross-file analysis reads the workspace on disk.
 * Plain data (no `vscode` import) so tests can check it against the server's file-kind detection.
 */
export interface Selector {
  scheme: 'file';
  language?: string;
  pattern?: string;
}

export const DOCUMENT_SELECTOR: readonly Selector[] = [
  { scheme: 'file', language: 'dockerfile' },
  { scheme: 'file', language: 'makefile' },
  { scheme: 'file', language: 'shellscript' },
  { scheme: 'file', language: 'go.mod' },
  { scheme: 'file', pattern: '**/.goreleaser.{yml,yaml}' },
  { scheme: 'file', pattern: '**/{Taskfile,taskfile}{.yml,.yaml,.dist.yml,.dist.yaml}' },
  { scheme: 'file', pattern: '**/.github/workflows/*.{yml,yaml}' },
  { scheme: 'file', pattern: '**/.cgo-lens.{yml,yaml}' },
];
