/**
 * A grammar-aware mutator for every file kind CGO Lens reads. Deterministic: everything random comes from the
 * `Rng` passed in, so a campaign seed and a case index reproduce an input exactly.
 *
 * Mutations are the shapes real half-typed or hostile files take — line edits, continuation characters at line
 * ends, parser directives, heredocs (terminated or not, `<<-` with tabs), parameter expansion fragments, unbalanced
 * quotes, NUL bytes, lone surrogates, CRLF / lone CR, tabs, very long lines, deep `$(…)` nesting, YAML anchors and
 * aliases (billion laughs), exponential Makefile variables — plus structure-specific snippets per file kind.
 */
import type { FileKind } from '../../server/src/model/types';
import { Rng } from './prng';

export type FuzzKind = FileKind;

export interface Seed {
  kind: FuzzKind;
  /** Where it came from (a path, or `file.ts:line` for inline corpora). */
  name: string;
  text: string;
}

export interface Mutant {
  kind: FuzzKind;
  text: string;
  seed: string;
  /** The operators applied, in order (for reports). */
  ops: string[];
}

/** Inputs grow by splicing; past this many UTF-16 units the text is cut (the engine skips > 2 MiB anyway). */
export const MAX_MUTANT_CHARS = 600_000;

export interface MutatorOptions {
  /**
   * Length of the "very long line" snippets. The long campaign uses 100 KB; the bounded one in `npm test` keeps
   * them short so its run time stays predictable (pathological 100 KB lines have their own table test).
   */
  longLineChars: number;
  /** Nesting depths drawn for the deep `$(…)` / `${…}` / `[…]` snippets. */
  depths: readonly number[];
}

export const LONG_OPTIONS: MutatorOptions = { longLineChars: 100_000, depths: [50, 200, 500] };
export const BOUNDED_OPTIONS: MutatorOptions = { longLineChars: 4_000, depths: [50, 200, 500] };

// ---- token dictionaries ----------------------------------------------------------------------------------------

const COMMON_TOKENS = [
  '\\', '`', '${', '}', ':-', ':+', '${X:-"default"}', '${X:+alt}', '${X:?err}', '${#X}', '${X%%.*}', '${X/a/b}', '$X', '$', '$$',
  '"', "'", '"unterminated', "'unterminated", '$(', ')', '`cmd`', '((', '))', '{', '[', ']', '<<EOF', '<<-EOF', "<<'EOF'", 'EOF', '&&', '||',
  ';', '|', '&', '#', ' # comment', '=', '==', '\t', '\r\n', '\r', '\n', '\u0000', '\uD800', '\uDC00', '\uDBFF\uDFFF', '😀', 'e\u0301',
  '\u2028', '\u00A0', '\uFEFF', 'CGO_ENABLED', 'CGO_ENABLED=0', 'CGO_ENABLED=1', 'CGO_ENABLED=true', 'CGO_ENABLED=', 'CGO_ENABLED="0"',
  'GOOS=windows', 'GOARCH=arm64', 'GOARCH=$TARGETARCH', 'CC=aarch64-linux-gnu-gcc', 'GOFLAGS=-buildmode=pie', 'GODEBUG=netdns=cgo',
  'go build', 'go install', 'go run', 'go test', 'go env -w CGO_ENABLED=0', 'xx-go build', '-o /app', '-o', '-race', '-msan', '-asan',
  '-ldflags', "-ldflags '-s -w'", `-ldflags '-linkmode external -extldflags "-static"'`, '-extldflags', '-linkmode=external',
  '-buildmode=pie', '-buildmode=plugin', '-buildmode=c-shared', '-tags netgo', '-tags netgo,osusergo', '-tags=musl', '-a',
  '-installsuffix cgo', 'export', 'env', 'unset CGO_ENABLED', 'set -a', '-', '--', '..', '../../x.sh', './build.sh', 'make build',
  '# cgo-lens ignore=CGO101', '# cgo-lens stage ignore=CGO202', '# cgo-lens global ignore=CGO101,CGO202 # reason', '# cgo-lens ignore=',
];

const DOCKERFILE_TOKENS = [
  'FROM', 'FROM ', 'FROM scratch', 'FROM golang:1.22 AS build', 'FROM golang:1.22-alpine', 'FROM --platform=$BUILDPLATFORM golang:1.22',
  'FROM alpine:3.20', 'FROM gcr.io/distroless/static-debian12', 'FROM debian:bullseye-slim', 'FROM ${BASE:-scratch}', 'FROM $BASE',
  'AS', ' AS build', 'RUN', 'RUN ', 'RUN go build -o /app .', 'RUN <<EOF', 'RUN <<-EOF', 'RUN <<EOF bash', 'RUN <<A <<B', 'RUN ["go","build"]',
  'RUN ["go",', 'RUN --mount=type=cache,target=/root/.cache', 'COPY --from=build /app /app', 'COPY --from=0 / /', 'COPY --from=', 'COPY <<EOF /x',
  'ENV CGO_ENABLED=0', 'ENV CGO_ENABLED 0', 'ENV', 'ENV A=', 'ARG CGO_ENABLED', 'ARG A=1 B=2', 'ARG', 'ARG TARGETARCH', 'SHELL ["/bin/bash", "-c"]',
  'SHELL [', 'ONBUILD RUN go build -o /app .', 'ONBUILD', 'ENTRYPOINT ["/app"]', 'CMD /app', 'WORKDIR /src', 'WORKDIR', 'USER', 'HEALTHCHECK CMD',
  '# escape=`', '# escape=\\', '# syntax=docker/dockerfile:1', '# check=skip=all', 'apk add --no-cache gcc musl-dev', 'apk add libc6-compat',
  'apt-get install -y gcc libc6-dev', 'ln -s /lib/libc.musl-x86_64.so.1 /lib64/ld-linux-x86-64.so.2',
];

const MAKEFILE_TOKENS = [
  'export CGO_ENABLED=0', 'export CGO_ENABLED', 'CGO_ENABLED := 0', 'CGO_ENABLED ?= 1', 'CGO_ENABLED += 1', 'override CGO_ENABLED = 0',
  'unexport CGO_ENABLED', 'build:', 'build: deps', 'build: CGO_ENABLED=0', '.PHONY: build', '.ONESHELL:', '\tgo build -o bin/app .',
  '\t@go build', '\t-go build', '\t+go build', '\t$(GO) build', '\tCGO_ENABLED=0 $(GO) build', '$(GO)', '$(MAKE)', '$(shell uname)', '$(eval X=1)',
  '$(call f,1)', '$(foreach v,a b,$(v))', '$(if $(X),a,b)', '$(X)', '${X}', '$(X:.c=.o)', '$@', '$<', '$^', 'define X', 'endef', 'ifeq ($(X),1)',
  'ifdef X', 'else', 'endif', 'include other.mk', '-include x.mk', 'vpath', '%.o: %.c', 'GO ?= go', 'X = $(X)', 'A = $(B)', 'B = $(A)',
];

const SHELL_TOKENS = [
  '#!/bin/sh', '#!/usr/bin/env bash', 'set -euo pipefail', 'set -a', 'set +a', 'export CGO_ENABLED=0', 'CGO_ENABLED=0 go build -o app .',
  'env CGO_ENABLED=0 go build', 'f() {', 'function f {', '}', 'f', 'if [ -n "$X" ]; then', 'then', 'fi', 'else', 'for a in amd64 arm64; do', 'done',
  'while true; do', 'case "$1" in', 'esac', 'x)', ';;', 'cat <<EOF', 'cat <<-EOF', "cat <<'EOF'", 'source ./env.sh', '. ./env.sh', 'eval "$X"',
  'exec go build', 'GOARCH=$arch go build', 'local X=1', 'readonly CGO_ENABLED=0', 'declare -x CGO_ENABLED=0', 'alias gb="go build"', '$((1+2))',
  '[[ $X == 1 ]]', '<(cmd)', '>(cmd)', '2>&1', '>/dev/null', 'exit 1',
];

const YAML_TOKENS = [
  ':', ': ', '- ', '-', '---', '...', '&a', '*a', '<<: *a', '!!binary', '!!str', '!custom', '|', '|-', '>', '? ', '{', '}', '[', ']', ', ', "'", '"',
  'env:', 'env: {CGO_ENABLED: 0}', 'CGO_ENABLED: true', 'CGO_ENABLED: "1"', '- CGO_ENABLED=0', '- CGO_ENABLED=yes', 'goos: [linux, windows]',
  'goarch:', '- arm64', 'ldflags:', 'flags:', '- -trimpath', 'tags:', '- netgo', 'builds:', '- id: app', 'overrides:', 'ignore:', 'targets:',
  'dockers:', 'dockers_v2:', 'dockerfile: Dockerfile', 'tasks:', 'cmds:', '- go build -o app .', '- task: build', 'deps: [a]', 'jobs:', 'steps:',
  'runs-on: ubuntu-latest', 'runs-on: ${{ matrix.os }}', 'run: |', 'run: make build', 'uses: actions/setup-go@v5', 'with:', 'go-version: "1.22"',
  'strategy:', 'matrix:', '${{ matrix.goarch }}', 'echo "CGO_ENABLED=0" >> $GITHUB_ENV', 'shell: bash', 'on: push', 'ignored: [CGO101]',
  'override:', 'error: [CGO202]', 'images:', 'failure-threshold: warning', '# cgo-lens ignore=CGO205', '${{', '{{', '{{-', '}}', '-}}',
  '${{ env.CGO }}', '{{ .Env.CGO_ENABLED }}', '{{ if eq .Os "linux" }}0{{ else }}1{{ end }}',
];

const GOMOD_TOKENS = [
  'module example.com/app', 'go 1.22', 'go 1.19', 'go 1.23.4', 'toolchain go1.23.4', 'require (', ')', 'require github.com/mattn/go-sqlite3 v1.14.22',
  'github.com/confluentinc/confluent-kafka-go/v2 v2.3.0', 'github.com/mattn/go-sqlite3 v1.14.22 // indirect', 'replace a => ../a',
  'replace a v1.0.0 => b v1.1.0', 'exclude a v1.0.0', 'retract v1.0.0', '// comment', '/*', '*/', '"quoted/module" v1.0.0', 'godebug netdns=cgo',
];

function tokensFor(kind: FuzzKind): string[] {
  switch (kind) {
    case 'dockerfile':
      return [...COMMON_TOKENS, ...DOCKERFILE_TOKENS];
    case 'makefile':
      return [...COMMON_TOKENS, ...MAKEFILE_TOKENS, ...SHELL_TOKENS.slice(0, 12)];
    case 'shell':
      return [...COMMON_TOKENS, ...SHELL_TOKENS];
    case 'gomod':
      return [...COMMON_TOKENS.slice(0, 40), ...GOMOD_TOKENS];
    default:
      return [...COMMON_TOKENS, ...YAML_TOKENS];
  }
}

// ---- structural snippets (whole lines) -------------------------------------------------------------------------

/** What the very long lines are made of (also the rows of the pathological-input table test). */
export const LONG_LINE_UNITS = ['a', 'x ', ' ', '\\', '$', '${', '"', '-', '$(', '&& ', '`', '#', '\t', '- ', '*a ', '[', '{', '{{ '];

function deepNest(open: string, close: string, inner: string, depth: number, balanced: boolean): string {
  return open.repeat(depth) + inner + (balanced ? close.repeat(depth) : close.repeat(Math.floor(depth / 3)));
}

function yamlBillionLaughs(rng: Rng): string {
  const levels = rng.range(6, 12);
  const width = rng.range(5, 10);
  const out = ['a0: &a0 ["lol", "lol"]'];
  for (let i = 1; i <= levels; i++) out.push(`a${i}: &a${i} [${Array.from({ length: width }, () => `*a${i - 1}`).join(', ')}]`);
  out.push(`env: *a${levels}`);
  return out.join('\n');
}

function makeExponential(rng: Rng): string {
  const levels = rng.range(20, 48);
  const out = ['V0 = CGO_ENABLED=0'];
  for (let i = 1; i <= levels; i++) out.push(`V${i} = $(V${i - 1}) $(V${i - 1})`);
  out.push('build:', `\t$(V${levels}) go build -o app .`);
  return out.join('\n');
}

function heredoc(rng: Rng, kind: FuzzKind): string {
  const marker = rng.pick(['EOF', 'EOT', 'SCRIPT', 'E-O-F', '"EOF"', "'EOF'"]);
  const bare = marker.replace(/['"]/g, '');
  const dash = rng.chance(0.5);
  const indent = dash ? '\t' : rng.pick(['', '  ']);
  const head = kind === 'dockerfile' ? rng.pick([`RUN <<${dash ? '-' : ''}${marker}`, `RUN <<${dash ? '-' : ''}${marker} bash`, `COPY <<${marker} /build.sh`, `RUN <<${marker} cat <<B`]) : `cat <<${dash ? '-' : ''}${marker} > x.sh`;
  const body = [`${indent}set -e`, `${indent}export CGO_ENABLED=${rng.pick(['0', '1', 'maybe'])}`, `${indent}go build -o /app .`];
  const terminated = rng.chance(0.6);
  return [head, ...body, ...(terminated ? [(dash ? '\t' : '') + bare] : [])].join('\n');
}

function structural(kind: FuzzKind, rng: Rng, o: MutatorOptions): [string, string] {
  const generic: [number, () => [string, string]][] = [
    [2, () => ['deep $( nesting', deepNest('$(', ')', 'go build -o /app .', rng.pick(o.depths), rng.chance(0.5))]],
    [1, () => ['deep ${ nesting', deepNest('${X:-', '}', '0', rng.pick(o.depths), rng.chance(0.5))]],
    [1, () => ['deep quotes', '"\'"\'"'.repeat(rng.pick([100, 2000]))]],
    [1, () => ['very long line', rng.pick(['RUN go build ', 'export A=', '  - ', '\t', 'A = ', '# ']) + LONG_LINE_UNITS[rng.int(LONG_LINE_UNITS.length)]!.repeat(o.longLineChars).slice(0, rng.pick([o.longLineChars / 4, o.longLineChars / 2, o.longLineChars]))]],
    [1, () => ['many continuations', Array.from({ length: rng.range(50, 900) }, () => '  -x \\').join('\n')]],
    [1, () => ['backslash run', '\\'.repeat(rng.range(1, 5000))]],
  ];
  const byKind: Record<string, [number, () => [string, string]][]> = {
    dockerfile: [
      [4, () => ['heredoc', heredoc(rng, kind)]],
      [2, () => ['escape directive', rng.pick(['# escape=`', '# escape=\\', '#escape=`', '# ESCAPE=`', '# escape=x', '# escape='])]],
      [2, () => ['FROM with escaped newline at EOF', rng.pick(['FROM golang:1.22 \\', 'FROM \\', 'FROM golang:1.22 AS \\', 'FROM `', 'RUN go build \\'])]],
      [1, () => ['many stages', Array.from({ length: rng.range(20, 200) }, (_, i) => `FROM s${Math.max(0, i - 1)} AS s${i}\nCOPY --from=s${Math.max(0, i - 1)} /app /app`).join('\n')]],
      [1, () => ['stage cycle', 'FROM a AS b\nFROM b AS a\nCOPY --from=a /app /app\nCOPY --from=b /app /app']],
      [1, () => ['ARG chain', Array.from({ length: rng.range(10, 300) }, (_, i) => `ARG A${i + 1}=\${A${i}}\${A${i}}`).join('\n') + '\nFROM golang:${A300:-1.22}']],
      [1, () => ['many heredocs', 'RUN ' + Array.from({ length: rng.range(2, 60) }, (_, i) => `<<E${i}`).join(' ') + '\n' + Array.from({ length: 30 }, (_, i) => `go build\nE${i}`).join('\n')]],
      [1, () => ['exec form junk', rng.pick(['RUN ["go", "build"', 'RUN [', 'RUN ["\\u0000"]', 'RUN ["go","build",]', 'CMD ["a",', 'SHELL ["pwsh"'])]],
    ],
    makefile: [
      [2, () => ['exponential variables', makeExponential(rng)]],
      [1, () => ['recursive variable', rng.pick(['X = $(X)\nbuild:\n\t$(X) go build', 'A = $(B)\nB = $(A)\nbuild:\n\t$(A)', 'F = $(call F)\nbuild:\n\t$(call F)'])]],
      [2, () => ['recipe with continuations', `build:\n\tCGO_ENABLED=0 \\\n\tgo build \\\n${rng.chance(0.5) ? '\t-o app .' : ''}`]],
      [1, () => ['unterminated define', 'define RECIPE\n\tgo build\n']],
      [1, () => ['spaces instead of tabs', 'build:\n    go build -o app .']],
      [1, () => ['oneshell heredoc', `.ONESHELL:\nbuild:\n\tcat <<EOF\n\texport CGO_ENABLED=0\n\tEOF\n\tgo build`]],
    ],
    shell: [
      [3, () => ['heredoc', heredoc(rng, kind)]],
      [1, () => ['recursive function', 'f() { f; }\nf\ng() { CGO_ENABLED=0 g; }\ng']],
      [1, () => ['deep if', deepNest('if true; then\n', 'fi\n', 'go build\n', rng.pick([50, 300]), rng.chance(0.5))]],
      [1, () => ['deep subshell', deepNest('(', ')', 'go build', rng.pick([100, 500]), rng.chance(0.5))]],
    ],
    yaml: [
      [3, () => ['billion laughs', yamlBillionLaughs(rng)]],
      [1, () => ['merge keys', 'base: &b\n  CGO_ENABLED: 0\nenv:\n  <<: [*b, *b, *b]\n  GOOS: linux']],
      [1, () => ['undefined alias', 'env: *nope']],
      [1, () => ['deep flow', deepNest('[', ']', 'x', rng.pick([...o.depths, 1000]), rng.chance(0.5))]],
      [1, () => ['deep block', Array.from({ length: rng.range(50, 400) }, (_, i) => ' '.repeat(i) + `k${i}:`).join('\n')]],
      [1, () => ['tabs in YAML', 'env:\n\tCGO_ENABLED: 0\n\t- x']],
      [1, () => ['multi-document', '---\nenv: {}\n---\nbuilds: []\n...\n---']],
      [1, () => ['recursive alias', 'a: &a\n  b: *a']],
    ],
    gomod: [
      [2, () => ['require block', 'require (\n\tgithub.com/mattn/go-sqlite3 v1.14.22\n' + (rng.chance(0.5) ? ')' : '')]],
      [1, () => ['many requires', Array.from({ length: rng.range(50, 900) }, (_, i) => `require example.com/m${i} v1.0.${i}`).join('\n')]],
    ],
  };
  const isYaml = kind === 'goreleaser' || kind === 'taskfile' || kind === 'workflow' || kind === 'config';
  const specific = byKind[isYaml ? 'yaml' : kind] ?? [];
  return rng.weighted<() => [string, string]>([...generic, ...specific].map(([w, f]) => [w, f] as const))();
}

// ---- helpers ---------------------------------------------------------------------------------------------------

function splitLines(text: string): string[] {
  return text.split('\n');
}

/** A position in `text`: a line end (most interesting for continuations), a word boundary, or anywhere. */
function position(text: string, rng: Rng): number {
  if (text.length === 0) return 0;
  const mode = rng.int(3);
  if (mode === 0) {
    const ends: number[] = [];
    for (let i = text.indexOf('\n'); i !== -1 && ends.length < 2000; i = text.indexOf('\n', i + 1)) ends.push(i);
    ends.push(text.length);
    return rng.pick(ends);
  }
  if (mode === 1) {
    const at = rng.int(text.length);
    const space = text.indexOf(' ', at);
    return space === -1 ? text.length : space;
  }
  return rng.int(text.length + 1);
}

function lineOf(lines: string[], rng: Rng): number {
  return rng.int(lines.length);
}

type Op = (text: string, kind: FuzzKind, rng: Rng, donors: readonly string[], o: MutatorOptions) => string;

const OPS: readonly (readonly [number, string, Op])[] = [
  [10, 'insert token', (t, k, r) => {
    const at = position(t, r);
    return t.slice(0, at) + r.pick(tokensFor(k)) + t.slice(at);
  }],
  [4, 'replace word', (t, k, r) => {
    const at = r.int(t.length + 1);
    const end = t.slice(at).search(/[\s=:]/);
    return t.slice(0, at) + r.pick(tokensFor(k)) + t.slice(end === -1 ? t.length : at + end);
  }],
  [6, 'insert line', (t, k, r, donors) => {
    const lines = splitLines(t);
    const donor = donors.length && r.chance(0.5) ? r.pick(splitLines(r.pick(donors))) : r.pick(tokensFor(k));
    lines.splice(r.int(lines.length + 1), 0, donor);
    return lines.join('\n');
  }],
  [5, 'delete line', (t, _k, r) => {
    const lines = splitLines(t);
    lines.splice(lineOf(lines, r), r.chance(0.8) ? 1 : r.range(2, 6));
    return lines.join('\n');
  }],
  [4, 'duplicate line', (t, _k, r) => {
    const lines = splitLines(t);
    const i = lineOf(lines, r);
    const copies = r.chance(0.9) ? 1 : r.range(2, 200);
    lines.splice(i, 0, ...Array.from({ length: copies }, () => lines[i]!));
    return lines.join('\n');
  }],
  [2, 'swap lines', (t, _k, r) => {
    const lines = splitLines(t);
    const a = lineOf(lines, r);
    const b = lineOf(lines, r);
    [lines[a], lines[b]] = [lines[b]!, lines[a]!];
    return lines.join('\n');
  }],
  [3, 'truncate', (t, _k, r) => t.slice(0, r.int(t.length + 1))],
  [4, 'continuation at line end', (t, k, r) => {
    const lines = splitLines(t);
    const ch = k === 'dockerfile' && r.chance(0.3) ? '`' : '\\';
    if (r.chance(0.15)) return lines.map((l) => l + ' ' + ch).join('\n');
    const i = lineOf(lines, r);
    lines[i] = lines[i] + (r.chance(0.5) ? ' ' : '') + ch + (r.chance(0.1) ? ' ' : '');
    return lines.join('\n');
  }],
  [2, 'line endings', (t, _k, r) => {
    const mode = r.int(4);
    if (mode === 0) return t.replace(/\n/g, '\r\n');
    if (mode === 1) return t.replace(/\n/g, '\r');
    if (mode === 2) return t.replace(/\n/g, () => r.pick(['\n', '\r\n', '\r', '\n\r']));
    return t.endsWith('\n') ? t.slice(0, -1) : t + '\n';
  }],
  [2, 'tabs and spaces', (t, _k, r) => {
    const mode = r.int(3);
    if (mode === 0) return t.replace(/^ {2,4}/gm, '\t');
    if (mode === 1) return t.replace(/^\t/gm, '    ');
    return t.replace(/ /g, () => (r.chance(0.1) ? '\t' : ' '));
  }],
  [2, 'unbalanced quote', (t, _k, r) => {
    const at = position(t, r);
    return t.slice(0, at) + r.pick(['"', "'", '`', '"\'', '\\"', "$'", '$"']) + t.slice(at);
  }],
  [1, 'odd characters', (t, _k, r) => {
    const at = r.int(t.length + 1);
    return t.slice(0, at) + r.pick(['\u0000', '\uD800', '\uDFFF', '\uD83D', '\uFFFD', '\uFEFF', '\u200B', '\u0085', '\u2029', '\x1b[31m', '\u000b\u000c']) + t.slice(at);
  }],
  [1, 'split surrogate pair', (t, _k, r) => {
    const withPair = t.replace(/o/, '😀');
    const i = withPair.indexOf('😀');
    return r.chance(0.5) && i >= 0 ? withPair.slice(0, i + 1) + '\n' + withPair.slice(i + 1) : withPair;
  }],
  [4, 'structural snippet', (t, k, r, _d, o) => {
    const [, snippet] = structural(k, r, o);
    const lines = splitLines(t);
    const where = r.int(3);
    if (where === 0) return snippet + '\n' + t;
    if (where === 1) return t + (t.endsWith('\n') || t === '' ? '' : '\n') + snippet;
    lines.splice(r.int(lines.length + 1), 0, snippet);
    return lines.join('\n');
  }],
  [2, 'splice donor', (t, _k, r, donors) => {
    if (!donors.length) return t;
    const d = r.pick(donors);
    const a = r.int(t.length + 1);
    const b = r.int(d.length + 1);
    return t.slice(0, a) + d.slice(b);
  }],
  [1, 'repeat document', (t, _k, r) => {
    const lines = Math.max(1, splitLines(t).length);
    const times = Math.max(1, Math.min(r.range(2, 30), Math.floor(1000 / lines)));
    return Array.from({ length: times }, () => t).join(r.pick(['\n', '']));
  }],
  [1, 'empty', () => ''],
];

/** Apply 1–6 operators to `text`. `donors` are other seeds of the same kind (line and splice material). */
export function mutate(text: string, kind: FuzzKind, rng: Rng, donors: readonly string[] = [], options: MutatorOptions = LONG_OPTIONS): { text: string; ops: string[] } {
  const count = rng.weighted<number>([[45, 1], [25, 2], [15, 3], [8, 4], [5, 5], [2, 6]]);
  const ops: string[] = [];
  let out = text;
  for (let i = 0; i < count; i++) {
    const [, name, op] = rng.weighted(OPS.map((o) => [o[0], o] as const));
    out = op(out, kind, rng, donors, options);
    ops.push(name);
    if (out.length > MAX_MUTANT_CHARS) out = out.slice(0, MAX_MUTANT_CHARS);
  }
  return { text: out, ops };
}

/** Half of the inputs are Dockerfiles (the richest reader); the other kinds share the rest equally. */
const KIND_WEIGHT = (k: FuzzKind, kinds: number): number => (k === 'dockerfile' ? Math.max(1, kinds - 1) : 1);

const byKindCache = new WeakMap<readonly Seed[], Map<FuzzKind, Seed[]>>();
function byKind(seeds: readonly Seed[]): Map<FuzzKind, Seed[]> {
  let m = byKindCache.get(seeds);
  if (!m) {
    m = new Map();
    for (const s of seeds) m.set(s.kind, [...(m.get(s.kind) ?? []), s]);
    byKindCache.set(seeds, m);
  }
  return m;
}

/** Draw one fuzz input: a kind (weighted), a seed of that kind, mutated. */
export function generate(seeds: readonly Seed[], rng: Rng, options: MutatorOptions = LONG_OPTIONS): Mutant {
  const groups = byKind(seeds);
  const kind = rng.weighted([...groups.keys()].map((k) => [KIND_WEIGHT(k, groups.size), k] as const));
  const list = groups.get(kind)!;
  const seed = rng.pick(list);
  // Occasionally keep the seed as is: the unmutated corpus must pass too.
  if (rng.chance(0.02)) return { kind: seed.kind, text: seed.text, seed: seed.name, ops: [] };
  const { text, ops } = mutate(seed.text, seed.kind, rng, list.map((s) => s.text), options);
  return { kind: seed.kind, text, seed: seed.name, ops };
}
