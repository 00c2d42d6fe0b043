// Deterministic benchmark inputs: realistic multi-stage Go Dockerfiles of an exact line count, and a Go monorepo.
// Same seed → same bytes, on every machine (a small PRNG, no Math.random, no dates).
import * as fs from 'node:fs';
import * as path from 'node:path';

/** mulberry32: tiny, fast, good enough to pick variants. */
export function prng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n) => Math.floor(next() * n),
    pick: (arr) => arr[Math.floor(next() * arr.length)],
    chance: (p) => next() < p,
  };
}

const GO_VERSIONS = ['1.21', '1.22', '1.23', '1.24'];
const BUILDERS = [
  (v) => ({ image: `golang:${v}-alpine`, pm: 'apk' }),
  (v) => ({ image: `golang:${v}-alpine3.20`, pm: 'apk' }),
  (v) => ({ image: `golang:${v}`, pm: 'apt' }),
  (v) => ({ image: `golang:${v}-bookworm`, pm: 'apt' }),
  (v) => ({ image: `golang:${v}-bullseye`, pm: 'apt' }),
  () => ({ image: '${BUILDER_IMAGE}', pm: 'apt' }),
];
const RUNTIMES = [
  'alpine:3.20', 'alpine:${ALPINE_VERSION}', 'scratch', 'gcr.io/distroless/static-debian12', 'gcr.io/distroless/base-debian12',
  'debian:bookworm-slim', 'debian:bullseye-slim', 'ubuntu:22.04', 'busybox:1.36', 'cgr.dev/chainguard/static:latest',
];
const APK = ['git', 'gcc', 'musl-dev', 'make', 'ca-certificates', 'tzdata', 'build-base', 'sqlite-dev', 'pkgconfig', 'curl', 'bash', 'openssh-client'];
const APT = ['git', 'gcc', 'libc6-dev', 'make', 'ca-certificates', 'tzdata', 'build-essential', 'libsqlite3-dev', 'pkg-config', 'curl', 'gcc-aarch64-linux-gnu', 'upx-ucl'];
const FLAGS = ['-trimpath', '-mod=readonly', '-v', '-buildvcs=false', '-tags netgo,osusergo', '-tags netgo', '-race', '-buildmode=pie', '-a -installsuffix cgo'];
const LDFLAGS = [
  '-s -w', '-s -w -X main.version=${VERSION}', "-s -w -extldflags '-static'", '-linkmode external -extldflags "-static"',
  '-X github.com/acme/platform/internal/build.Commit=${GIT_COMMIT} -X github.com/acme/platform/internal/build.Date=${BUILD_DATE}',
];

/** One builder + runtime stage pair for service `i`, as lines (never cut in the middle). */
function serviceBlock(r, i) {
  const svc = `svc${i}`;
  const v = r.pick(GO_VERSIONS);
  const b = r.pick(BUILDERS)(v);
  const cross = r.chance(0.3);
  const L = [];
  L.push(`# ---- ${svc}: builder ----`);
  L.push(`FROM ${cross ? '--platform=$BUILDPLATFORM ' : ''}${b.image} AS build-${svc}`);
  if (cross) L.push('ARG TARGETOS TARGETARCH');
  if (r.chance(0.6)) L.push('ARG VERSION=dev');
  if (r.chance(0.3)) L.push(`ARG CGO_ENABLED=${r.pick(['0', '1', '0'])}`);
  L.push(`ENV GOPROXY=https://proxy.golang.org,direct \\`);
  L.push(`    GOFLAGS=-mod=readonly \\`);
  L.push(`    GOPATH=/go${r.chance(0.4) ? ` \\\n    CGO_ENABLED=${r.pick(['0', '1', 'true', '0'])}` : ''}`);
  const pkgs = [];
  const pool = b.pm === 'apk' ? APK : APT;
  const n = 2 + r.int(5);
  for (let k = 0; k < n; k++) {
    const p = r.pick(pool);
    if (!pkgs.includes(p)) pkgs.push(p);
  }
  if (b.pm === 'apk') {
    L.push('RUN apk add --no-cache \\');
    pkgs.forEach((p, k) => L.push(`      ${p}${k < pkgs.length - 1 ? ' \\' : ''}`));
  } else {
    L.push('RUN apt-get update \\');
    L.push(' && apt-get install -y --no-install-recommends \\');
    pkgs.forEach((p) => L.push(`      ${p} \\`));
    L.push(' && rm -rf /var/lib/apt/lists/*');
  }
  L.push(`WORKDIR /src/services/${svc}`);
  L.push('COPY go.mod go.sum ./');
  L.push('RUN --mount=type=cache,target=/go/pkg/mod \\');
  L.push('    go mod download && go mod verify');
  L.push('COPY . .');
  if (r.chance(0.5)) {
    L.push('RUN <<EOF');
    L.push('set -eux');
    L.push('go vet ./...');
    if (r.chance(0.5)) L.push('export CGO_ENABLED=1');
    L.push(`go test -count=1 ./services/${svc}/...`);
    L.push('EOF');
  }
  if (r.chance(0.15)) L.push(`RUN go env -w CGO_ENABLED=${r.pick(['0', '1'])}`);
  if (r.chance(0.15)) L.push('RUN export CGO_ENABLED=0');
  const cgo = r.pick(['CGO_ENABLED=0 ', 'CGO_ENABLED=1 ', '', 'CGO_ENABLED=0 ', 'CGO_ENABLED=$CGO_ENABLED ']);
  const target = cross ? 'GOOS=$TARGETOS GOARCH=$TARGETARCH ' : '';
  const flags = [];
  for (let k = r.int(3); k > 0; k--) flags.push(r.pick(FLAGS));
  const out = `/out/${svc}`;
  if (r.chance(0.2)) {
    L.push(`RUN CC=gcc; ${cgo ? cgo.trim() + ';' : ''} ${target}go build ${flags.join(' ')} -o ${out} ./cmd/${svc}`);
  } else {
    L.push(`RUN --mount=type=cache,target=/root/.cache/go-build \\`);
    L.push(`    --mount=type=cache,target=/go/pkg/mod \\`);
    L.push(`    ${cgo}${target}go build ${flags.join(' ')} \\`);
    L.push(`      -ldflags="${r.pick(LDFLAGS)}" \\`);
    L.push(`      -o ${out} ./cmd/${svc}`);
  }
  if (r.chance(0.3)) L.push(`RUN if [ -x "$(command -v upx)" ]; then upx --best ${out}; fi`);
  L.push('');
  const rt = r.pick(RUNTIMES);
  L.push(`# ---- ${svc}: runtime ----`);
  L.push(`FROM ${rt} AS ${svc}`);
  if (rt.startsWith('alpine')) L.push(`RUN apk add --no-cache ca-certificates${r.chance(0.3) ? ' libc6-compat' : ''}`);
  if (rt.startsWith('debian') || rt.startsWith('ubuntu')) {
    L.push('RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates \\');
    L.push(' && rm -rf /var/lib/apt/lists/*');
  }
  if (rt === 'scratch') L.push(`COPY --from=build-${svc} /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/`);
  if (r.chance(0.2)) L.push('ENV GODEBUG=netdns=cgo');
  L.push(`COPY --from=build-${svc} ${out} /usr/local/bin/${svc}`);
  L.push(`COPY --from=build-${svc} /src/services/${svc}/config/ /etc/${svc}/`);
  L.push(`EXPOSE ${8000 + (i % 1000)}`);
  L.push('USER 65532:65532');
  L.push(`HEALTHCHECK --interval=30s CMD ["/usr/local/bin/${svc}", "healthcheck"]`);
  L.push(`ENTRYPOINT ["/usr/local/bin/${svc}"]`);
  L.push('');
  return L.join('\n').split('\n');
}

const HEADER = [
  '# syntax=docker/dockerfile:1.7',
  '# Generated benchmark input: many Go services built in one multi-stage Dockerfile.',
  'ARG GO_VERSION=1.22',
  'ARG ALPINE_VERSION=3.20',
  'ARG BUILDER_IMAGE=golang:${GO_VERSION}-bookworm',
  'ARG CGO_ENABLED=0',
  '',
];

/** A multi-stage Go Dockerfile of exactly `lines` lines (plus a final newline). */
export function dockerfile(lines, seed = 1) {
  const r = prng(seed * 7919 + lines);
  const out = [...HEADER];
  let i = 0;
  for (;;) {
    const block = serviceBlock(r, i);
    if (out.length + block.length > lines) break;
    out.push(...block);
    i++;
  }
  // Pad to the exact count with instructions that are cheap for nobody: labels and comments.
  let k = 0;
  while (out.length < lines) out.push(k++ % 2 ? `# padding ${k}` : `LABEL org.example.pad${k}="${k}"`);
  return out.slice(0, lines).join('\n') + '\n';
}

/**
 * Edits for B2: `count` edits to a document of `baseLines` lines, alternating between changing a line inside the
 * text (a `go build` flag, an ENV value, an apk package) and appending a line at the end. Each edit changes the
 * content (the anchor publishes only on a real change). Returns LSP incremental changes plus the new full text.
 */
export function editSequence(text, count, seed = 3) {
  const r = prng(seed);
  const lines = text.replace(/\n$/, '').split('\n');
  const edits = [];
  // Lines whose end is the end of a shell command (a one-line RUN, the `-o …` line that ends a continuation): a
  // trailing shell comment there changes the text without changing its meaning or breaking a continuation.
  const candidates = lines.map((l, i) => (/^RUN (?!<<)[^\\]*$/.test(l) || /^\s+-o \S+ \S+$/.test(l) ? i : -1)).filter((i) => i >= 0);
  for (let e = 0; e < count; e++) {
    if (e % 2 === 1) {
      const line = lines.length;
      const newLine = r.pick([`LABEL org.example.edit${e}="${e}"`, `ENV BENCH_EDIT_${e}=${e}`, `# edit ${e}`, `RUN echo edit ${e}`]);
      const prevLen = lines[line - 1].length;
      lines.push(newLine);
      edits.push({ range: { start: { line: line - 1, character: prevLen }, end: { line: line - 1, character: prevLen } }, text: `\n${newLine}`, full: lines.join('\n') + '\n' });
    } else {
      const line = candidates[r.int(candidates.length)];
      const old = lines[line];
      lines[line] = `${old.replace(/ # e\d+$/, '')} # e${e}`;
      edits.push({ range: { start: { line, character: 0 }, end: { line, character: old.length } }, text: lines[line], full: lines.join('\n') + '\n' });
    }
  }
  return edits;
}

// ---- monorepo (B4) -----------------------------------------------------------------------------------------------

/**
 * A Go monorepo: `goFiles` Go files in `packages` packages over `modules` modules, plus Dockerfiles, Makefiles,
 * workflows and goreleaser files. Written under `root` (emptied first). Returns counts.
 */
export function monorepo(root, opts) {
  const { goFiles, packages, modules, dockerfiles, makefiles, workflows, goreleasers } = opts;
  const r = prng(opts.seed ?? 11);
  fs.rmSync(root, { recursive: true, force: true });
  fs.mkdirSync(root, { recursive: true });
  const write = (rel, text) => {
    const abs = path.join(root, rel);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, text);
  };
  const modDirs = [];
  for (let m = 0; m < modules; m++) {
    const dir = `services/mod${m}`;
    modDirs.push(dir);
    const cgoDep = m % 7 === 0 ? '\trequire github.com/mattn/go-sqlite3 v1.14.22\n' : '';
    write(`${dir}/go.mod`, `module github.com/acme/platform/mod${m}\n\ngo 1.22\n\n${cgoDep}`);
  }
  const pkgDirs = [];
  for (let p = 0; p < packages; p++) {
    const mod = modDirs[p % modules];
    pkgDirs.push({ dir: `${mod}/${p % 3 === 0 ? 'cmd' : 'internal'}/pkg${p}`, mod, p });
  }
  for (let f = 0; f < goFiles; f++) {
    const { dir, p } = pkgDirs[f % packages];
    const cgo = f % 97 === 0;
    const body = [
      `package pkg${p}`,
      '',
      cgo ? '/*\n#include <stdlib.h>\n*/\nimport "C"\n' : '',
      'import (',
      '\t"fmt"',
      '\t"strings"',
      ')',
      '',
      `// F${f} is generated benchmark code.`,
      `func F${f}(s string) string {`,
      `\treturn fmt.Sprintf("%s-%d", strings.ToUpper(s), ${f})`,
      '}',
      '',
    ].join('\n');
    write(`${dir}/file${f}.go`, body);
  }
  for (let d = 0; d < dockerfiles; d++) {
    const mod = modDirs[d % modules];
    const lines = r.pick([40, 60, 80, 120, 200]);
    write(`${mod}/deploy/${d % 4 === 0 ? 'Dockerfile' : `svc${d}.Dockerfile`}`.replace('/Dockerfile', `/d${d}/Dockerfile`), dockerfile(lines, d + 101));
  }
  for (let k = 0; k < makefiles; k++) {
    const mod = modDirs[k % modules];
    write(`${mod}/${k < modules ? '' : `tools/t${k}/`}Makefile`, makefile(k));
  }
  for (let w = 0; w < workflows; w++) write(`.github/workflows/ci${w}.yml`, workflow(w));
  for (let g = 0; g < goreleasers; g++) write(`${modDirs[g % modules]}/${g < modules ? '' : `rel${g}/`}.goreleaser.yaml`, goreleaser(g));
  return { goFiles, packages, modules, dockerfiles, makefiles, workflows, goreleasers };
}

function makefile(k) {
  return [
    'GO ?= go',
    `BIN := bin/app${k}`,
    `CGO_ENABLED ?= ${k % 3 === 0 ? 1 : 0}`,
    'LDFLAGS := -s -w -X main.version=$(VERSION)',
    '',
    '.PHONY: build test docker',
    'build:',
    "\tCGO_ENABLED=$(CGO_ENABLED) $(GO) build -trimpath -ldflags '$(LDFLAGS)' -o $(BIN) ./cmd/...",
    '',
    'test:',
    '\t$(GO) test -race ./...',
    '',
    'static:',
    `\texport CGO_ENABLED=0; $(GO) build -ldflags "-linkmode external -extldflags -static" -o $(BIN) .`,
    '',
    'docker:',
    '\tdocker build -t acme/app:$(VERSION) .',
    '',
  ].join('\n');
}

function workflow(w) {
  return [
    `name: ci${w}`,
    'on: [push, pull_request]',
    'jobs:',
    '  build:',
    '    runs-on: ubuntu-latest',
    '    strategy:',
    '      matrix:',
    '        goarch: [amd64, arm64]',
    '    env:',
    `      CGO_ENABLED: ${w % 2 ? '"1"' : 'true'}`,
    '    steps:',
    '      - uses: actions/checkout@v4',
    '      - uses: actions/setup-go@v5',
    '        with:',
    "          go-version: '1.22'",
    '      - run: go test -race ./...',
    '      - run: GOARCH=${{ matrix.goarch }} go build -o bin/app ./cmd/app',
    '      - run: |',
    '          echo "CGO_ENABLED=0" >> $GITHUB_ENV',
    '          make build',
    '',
  ].join('\n');
}

function goreleaser(g) {
  return [
    'version: 2',
    'builds:',
    `  - id: app${g}`,
    '    main: ./cmd/app',
    '    env:',
    `      - CGO_ENABLED=${g % 2}`,
    '    goos: [linux, darwin]',
    '    goarch: [amd64, arm64]',
    '    ldflags:',
    '      - -s -w -X main.version={{.Version}}',
    'dockers:',
    '  - image_templates: ["acme/app:{{ .Version }}"]',
    '    dockerfile: Dockerfile',
    '',
  ].join('\n');
}

/** The B4 shape at `scale` × the 10k-file monorepo (scale 1 = 10,000 Go files, 500 packages, …). */
export function monorepoShape(scale) {
  const s = (n, min = 1) => Math.max(min, Math.round(n * scale));
  return { goFiles: s(10_000), packages: s(500), modules: s(50), dockerfiles: s(300), makefiles: s(100), workflows: s(20), goreleasers: s(10) };
}
