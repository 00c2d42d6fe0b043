import type { FileKind } from '../model/types';

/**
 * Decide which reader handles a document. Language ids win when the editor knows them; otherwise the
 * file name decides (the CLI has no language ids). Globbed YAML kinds are matched by path, never by `yaml`.
 */
export function fileKindOf(uri: string, languageId?: string): FileKind | undefined {
  const path = decodeURIComponent(uri.replace(/^file:\/\//, '')).replace(/\\/g, '/');
  const base = path.slice(path.lastIndexOf('/') + 1);
  const lower = base.toLowerCase();
  if (lower === '.cgo-lens.yaml' || lower === '.cgo-lens.yml') return 'config';
  if (/^\.goreleaser\.ya?ml$/.test(lower)) return 'goreleaser';
  if (/^taskfile(\.dist)?\.ya?ml$/.test(lower)) return 'taskfile';
  if (/\/\.github\/workflows\/[^/]+\.ya?ml$/.test(path) || /^\.github\/workflows\/[^/]+\.ya?ml$/.test(path)) return 'workflow';
  if (lower === 'go.mod' || languageId === 'go.mod') return 'gomod';
  if (languageId === 'dockerfile' || isDockerfileName(lower)) return 'dockerfile';
  if (languageId === 'makefile' || lower === 'makefile' || lower === 'gnumakefile' || lower.endsWith('.mk') || lower.endsWith('.mak')) return 'makefile';
  if (languageId === 'shellscript' || /\.(sh|bash)$/.test(lower)) return 'shell';
  return undefined;
}

export function isDockerfileName(lowerBase: string): boolean {
  return (
    lowerBase === 'dockerfile' || lowerBase === 'containerfile' ||
    lowerBase.startsWith('dockerfile.') || lowerBase.startsWith('containerfile.') ||
    lowerBase.endsWith('.dockerfile') || lowerBase.endsWith('.containerfile')
  );
}

const SHELL_PROGRAMS = /^(sh|bash|dash|ash|ksh|mksh|zsh)$/;

/**
 * Does the text start with a shell shebang (`#!/bin/sh`, `#!/usr/bin/env bash`, `#!/bin/bash -eu`)?
 * For extensionless scripts: the CLI passes languageId `shellscript` for them, and followed
 * `./scripts/release` calls are only run when they are shell scripts.
 */
export function shellShebang(text: string): boolean {
  const first = /^\uFEFF?#![ \t]*([^\r\n]*)/.exec(text.slice(0, 256));
  if (!first) return false;
  const words = first[1].trim().split(/[ \t]+/);
  let prog = words[0]?.slice(words[0].lastIndexOf('/') + 1) ?? '';
  if (prog === 'env') prog = words.slice(1).find((w) => !w.startsWith('-') && !w.includes('=')) ?? '';
  return SHELL_PROGRAMS.test(prog);
}
