import { afterAll, describe, expect, it } from 'vitest';
import { hoverAt, toPlainText } from '../../../server/src/explain/hover';
import { defaultSettings } from '../../../server/src/config/settings';
import { analyze, at, dockerfile, engineErrors, firstSection, hover, URI } from './helpers';

afterAll(() => expect(engineErrors).toEqual([]));

const DOCS = 'https://github.com/cgo-lens/cgo-lens/blob/main/docs/rules/';

/** The acceptance case of the issue: cgo on by default in golang:1.22 (gcc on PATH, Go ≥ 1.20). */
const ACCEPTANCE = dockerfile(
  'FROM golang:1.22 AS build', //                        0
  'WORKDIR /src', //                                     1
  'COPY . .', //                                         2
  'RUN go env CGO_ENABLED && go build -o /out/app .', // 3
  '', //                                                 4
  'FROM scratch', //                                     5
  'COPY --from=build /out/app /app', //                  6
  'ENTRYPOINT ["/app"]',
);

describe('acceptance: RUN go build -o /out/app . in FROM golang:1.22', () => {
  it('the go build word says CGO resolves to 1 because gcc is on PATH (Go ≥ 1.20), dynamic glibc, glibc ≥ 2.34 at run time', async () => {
    const h = await hover(ACCEPTANCE, 3, 'go build', 4);
    expect(h.range).toEqual({ start: { line: 3, character: 26 }, end: { line: 3, character: 34 } });
    const own = firstSection(h.markdown).split('\n');
    expect(own[0]).toBe('**`go build`** (line 4) — `CGO_ENABLED=1` · dynamic glibc ≥ 2.34');
    expect(own).toContain('CGO_ENABLED resolves to **1** (cgo **on**) because:');
    expect(own).toContain(
      '1. CGO_ENABLED is unset and a C compiler is on PATH (shipped with `golang:1.22`): Go ≥ 1.20 turns cgo on for native builds (line 1)',
    );
    expect(own).toContain('- **Target:** GOOS/GOARCH not set — **native build** (builds for the build host)');
    expect(own).toContain(
      '- **Linkage:** **dynamically linked against glibc 2.36** — cgo is on and `golang:1.22` links against glibc 2.36: the binary references GLIBC_2.34 symbols (pthread_create…) and needs glibc ≥ 2.34',
    );
    expect(own).toContain(
      "- **Needs at run time:** **glibc ≥ 2.34** (it references `GLIBC_2.34` symbols such as `pthread_create`); C code of its own or of cgo modules can need up to the builder's glibc 2.36",
    );
    expect(own).toContain(
      '- **Build host:** `golang:1.22` — golang 1.22 (Debian bookworm) · glibc 2.36 · Go 1.22 · C compiler on PATH: yes (gcc, shipped with the image)',
    );
    expect(own).toContain(
      '- `/out/app` on `scratch` (stage 1): **will not start** — glibc binary: `scratch` has no libc and no `/lib64/ld-linux-x86-64.so.2`: the container fails with `exec /app: no such file or directory`',
    );
  });

  it('hovering CGO_ENABLED (read by `go env`) says it is unset there and the go build resolves it to 1, dynamic glibc ≥ 2.34', async () => {
    const h = await hover(ACCEPTANCE, 3, 'CGO_ENABLED', 3);
    expect(h.range).toEqual({ start: { line: 3, character: 11 }, end: { line: 3, character: 22 } });
    const own = firstSection(h.markdown).split('\n\n');
    expect(own[0]).toBe('**`CGO_ENABLED`** — line 4');
    expect(own).toContain('`CGO_ENABLED` is not set in the environment at this point.');
    expect(own).toContain(
      'For `go build` (line 4), the next go command in this stage: CGO_ENABLED resolves to **1** (cgo **on**) — ' +
        'CGO_ENABLED is unset and a C compiler is on PATH (shipped with `golang:1.22`): Go ≥ 1.20 turns cgo on for native builds (line 1). ' +
        'The binary will be **dynamically linked against glibc 2.36** — cgo is on and `golang:1.22` links against glibc 2.36: the binary references GLIBC_2.34 symbols (pthread_create…) and needs glibc ≥ 2.34. ' +
        "Needs at run time: **glibc ≥ 2.34** (it references `GLIBC_2.34` symbols such as `pthread_create`); C code of its own or of cgo modules can need up to the builder's glibc 2.36.",
    );
  });

  it('every hover ends with the tradeoff and a docs link', async () => {
    const h = await hover(ACCEPTANCE, 3, 'go build', 4);
    const tail = h.markdown.split('\n\n---\n\n').pop()!;
    expect(tail.split('\n')).toEqual([
      '**Static or dynamic?**',
      '- Static (`CGO_ENABLED=0`): scratch-ready, pure-Go DNS resolver and `os/user`, no cgo packages.',
      '- Dynamic (`CGO_ENABLED=1`): needs the matching libc at run time, NSS-aware lookups, C libraries usable.',
      '- Image size, for scale: `ubuntu:20.04` 73.9 MB vs `alpine:3.12.1` 5.57 MB.',
      '',
      `Docs: [CGO101 — A dynamically linked binary is copied into an image that has no matching libc loader](${DOCS}CGO101.md) · [CGO202 — CGO_ENABLED is not set, so the environment decides](${DOCS}CGO202.md)`,
    ]);
  });

  it('adds the explanation of the diagnostic under the cursor (CGO202 on the go command)', async () => {
    const h = await hover(ACCEPTANCE, 3, 'go build', 4);
    const sections = h.markdown.split('\n\n---\n\n');
    expect(sections).toHaveLength(3);
    const finding = sections[1].split('\n\n');
    expect(finding[0]).toBe('**CGO202** — CGO_ENABLED is not set, so the environment decides (information)');
    expect(finding[1]).toMatch(/^CGO_ENABLED is not set for this build, so it is on/);
    expect(finding[finding.length - 1]).toBe(`[CGO202 documentation](${DOCS}CGO202.md)`);
  });
});

describe('CGO_ENABLED assignments', () => {
  it('ENV CGO_ENABLED=0 reaches the go command after it', async () => {
    const text = dockerfile('FROM golang:1.22', 'ENV CGO_ENABLED=0', 'RUN go build -o /app .');
    const h = await hover(text, 1, 'CGO_ENABLED');
    expect(h.range).toEqual({ start: { line: 1, character: 4 }, end: { line: 1, character: 17 } });
    const own = firstSection(h.markdown).split('\n\n');
    expect(own[0]).toBe('**`CGO_ENABLED=0`** — `ENV` in stage 0, line 2');
    expect(own[1]).toBe(
      '`CGO_ENABLED=0` turns cgo **off** for the go commands it reaches: they link statically and need no libc at run time (except with `-buildmode=pie`).',
    );
    expect(own[2]).toBe(
      '**At the go commands after it:**\n- `go build` (line 3): receives it → CGO_ENABLED resolves to **0** (cgo **off**): CGO_ENABLED=0 set by ENV on line 2 (line 2) · static',
    );
    expect(own[3]).toMatch(/^How the go command decides: only `1` and `0` count/);
  });

  it('`CGO_ENABLED=0 && go build` has no effect, says why, and what cgo resolves to instead', async () => {
    const text = dockerfile('FROM golang:1.22', 'RUN CGO_ENABLED=0 && go build -o /app .');
    const h = await hover(text, 1, 'CGO_ENABLED');
    const own = firstSection(h.markdown).split('\n\n');
    expect(own[0]).toBe('**`CGO_ENABLED=0`** — shell assignment in a `RUN` in stage 0, line 2');
    expect(own[2]).toBe(
      '**At the go commands after it:**\n- `go build` (line 2): **has no effect** — it only sets a shell variable (`&&` and `;` do not export it), so `go` never sees it. ' +
        'CGO_ENABLED resolves to **1** (cgo **on**): CGO_ENABLED is unset and a C compiler is on PATH (shipped with `golang:1.22`): Go ≥ 1.20 turns cgo on for native builds (line 1) · dynamic glibc ≥ 2.34',
    );
    // The CGO204 diagnostic on the assignment is explained too.
    expect(h.markdown).toContain('**CGO204** — A CGO_ENABLED assignment never reaches the go command (error)');
    expect(h.markdown).toContain(`[CGO204 — A CGO_ENABLED assignment never reaches the go command](${DOCS}CGO204.md)`);
  });

  it('an invalid value is treated as unset', async () => {
    const text = dockerfile('FROM golang:1.22', 'ENV CGO_ENABLED=false', 'RUN go build -o /app .');
    // On the value: CGO205 is anchored there.
    const h = await hover(text, 1, 'false');
    const own = firstSection(h.markdown).split('\n\n');
    expect(own[0]).toBe('**`CGO_ENABLED=false`** — `ENV` in stage 0, line 2');
    expect(own[1]).toBe('`false` is not `0` or `1`: the go command **treats CGO_ENABLED as unset** and falls back to its default.');
    expect(own[2]).toContain('- `go build` (line 3): receives it → CGO_ENABLED resolves to **1** (cgo **on**): CGO_ENABLED is unset and a C compiler is on PATH');
    expect(h.markdown).toContain('**CGO205** — CGO_ENABLED has a value other than 0 or 1 (error)');
    expect(h.markdown).toContain(`Docs: [CGO205 — CGO_ENABLED has a value other than 0 or 1](${DOCS}CGO205.md)`);
  });

  it('a global ARG is only visible to FROM lines', async () => {
    const text = dockerfile('ARG CGO_ENABLED=0', 'FROM golang:1.22 AS build', 'RUN go build -o /app .');
    const own = firstSection((await hover(text, 0, 'CGO_ENABLED')).markdown).split('\n\n');
    expect(own[0]).toBe(
      '**`CGO_ENABLED=0`** — global `ARG` (before the first `FROM`: only `FROM` lines see it unless a stage re-declares it), line 1',
    );
    expect(own[2]).toContain(
      '- `go build` (line 3): **has no effect** — an ARG declared before the first FROM is only visible to FROM lines; stage `build` does not re-declare it. CGO_ENABLED resolves to **1** (cgo **on**)',
    );
  });

  it('a re-declared global ARG reaches the build through the stage ARG', async () => {
    const text = dockerfile('ARG CGO_ENABLED=0', 'FROM golang:1.22 AS build', 'ARG CGO_ENABLED', 'RUN go build -o /app .');
    const own = firstSection((await hover(text, 0, 'CGO_ENABLED')).markdown);
    expect(own).toContain('- `go build` (line 4): receives it through ARG on line 3, re-declaring the global ARG of line 1 → CGO_ENABLED resolves to **0** (cgo **off**)');
  });

  it('a ${CGO_ENABLED} reference after an invalid ENV says it holds that value and is treated as unset', async () => {
    const text = dockerfile('FROM golang:1.22', 'ENV CGO_ENABLED=yes', 'RUN echo "${CGO_ENABLED}"');
    const own = firstSection((await hover(text, 2, '{CGO_ENABLED', 3)).markdown).split('\n\n');
    expect(own).toContain('At this point `CGO_ENABLED=yes`, set by ENV on line 2 — not `0` or `1`, so the go command **treats it as unset**.');
    expect(own).toContain('No go command follows in this stage.');
  });
});

describe('GOOS / GOARCH / CC / TARGETARCH', () => {
  const CROSS = dockerfile(
    'FROM --platform=$BUILDPLATFORM golang:1.24-bookworm AS build',
    'ARG TARGETARCH',
    'RUN GOARCH=arm64 CC=aarch64-linux-gnu-gcc go build -o /out/a ./a',
    'RUN GOARCH=$TARGETARCH go build -o /out/b ./b',
  );

  it('GOARCH explains cross builds and what it does to the go command', async () => {
    const own = firstSection((await hover(CROSS, 2, 'GOARCH')).markdown).split('\n\n');
    expect(own[0]).toBe('**`GOARCH=arm64`** — shell assignment in a `RUN` in stage `build`, line 3');
    expect(own[1]).toMatch(/^`GOARCH` is the target architecture\. A `GOARCH` other than the build machine's is a \*\*cross build\*\*: cgo is off by default/);
    expect(own[2]).toBe(
      '**At the go commands after it:**\n- `go build` (line 3): receives it → GOOS=(host) GOARCH=arm64 — **cross build** (GOARCH=arm64 on an amd64 build machine (the usual CI builder)): ' +
        'cgo is off unless CGO_ENABLED=1 is set, and then CC must be a C compiler for the target · target C compiler: `CC=aarch64-linux-gnu-gcc`; cgo **off** · static',
    );
  });

  it('CC says it does not turn cgo on for a cross build and must be a cross compiler', async () => {
    const own = firstSection((await hover(CROSS, 2, 'CC=')).markdown).split('\n\n');
    expect(own[0]).toBe('**`CC=aarch64-linux-gnu-gcc`** — shell assignment in a `RUN` in stage `build`, line 3');
    expect(own[1]).toContain('It does **not** turn cgo on for a cross build: set `CGO_ENABLED=1` as well, and `CC` must be a cross compiler for the target');
  });

  it('GOOS names the target OS: anything but linux is a cross build in a Docker build', async () => {
    const text = dockerfile('FROM golang:1.22', 'RUN GOOS=windows go build -o /out/a.exe .');
    const own = firstSection((await hover(text, 1, 'GOOS')).markdown).split('\n\n');
    expect(own[1]).toBe(
      '`GOOS` is the target operating system of the go command. Docker builds run on Linux, so any other `GOOS` is a **cross build**: cgo is off by default, and with `CGO_ENABLED=1` `CC` must be a C compiler for the target.',
    );
    expect(own[2]).toContain('GOOS=windows GOARCH=(host) — **cross build** (GOOS=windows while the build runs on Linux)');
  });

  it('TARGETARCH in GOARCH=$TARGETARCH explains the platform argument, not the GOARCH assignment', async () => {
    const h = await hover(CROSS, 3, 'TARGETARCH', 2);
    expect(h.range).toEqual({ start: { line: 3, character: 12 }, end: { line: 3, character: 22 } });
    const own = firstSection(h.markdown).split('\n\n');
    expect(own[0]).toBe('**`TARGETARCH`** — line 4');
    expect(own[1]).toMatch(/^`TARGETARCH` is BuildKit's platform argument/);
    expect(own[1]).toContain('every other platform is a **cross build with cgo off** by default');
    expect(own[2]).toBe('stage `build` runs on `$BUILDPLATFORM`: go commands that target `$TARGETARCH` are cross builds for every other platform.');
    expect(own[3]).toContain('- `go build` (line 4): GOOS=(host) GOARCH=$TARGETARCH — cross or native **unknown**');
    expect(h.markdown).toContain(`Docs: [CGO203 — cgo is enabled for a cross build without a C compiler for the target](${DOCS}CGO203.md)`);
  });
});

describe('flags and tags', () => {
  const FLAGS = dockerfile(
    'FROM golang:1.22 AS build',
    `RUN go build -ldflags '-s -w -linkmode external -extldflags "-static"' -tags netgo,osusergo,timetzdata,musl -a -installsuffix cgo -o /out/a ./a`,
    'RUN CGO_ENABLED=0 go build -race -buildmode=plugin -ldflags=-linkmode=external -o /out/b ./b',
    'RUN go build -tags netgo -ldflags \'-extldflags "-static"\' -o /out/c ./c',
    'ENV GOFLAGS=-buildmode=pie',
    'RUN CGO_ENABLED=0 go build -o /out/d ./d',
  );

  it('-linkmode external: needs cgo, makes -extldflags count', async () => {
    const h = await hover(FLAGS, 1, '-linkmode', 2);
    expect(h.range).toEqual({ start: { line: 1, character: 29 }, end: { line: 1, character: 38 } });
    const own = firstSection(h.markdown).split('\n\n');
    expect(own[0]).toMatch(/^\*\*`-linkmode external`\*\* — link with the external C linker \(gcc\/clang\) instead of Go's internal linker\. It needs cgo/);
    expect(own[0]).toContain('Go links internally and ignores `-extldflags`');
    expect(own[1]).toBe('Here: **statically linked** — -linkmode external with -extldflags -static links libc statically.');
  });

  it('-linkmode=external with cgo off fails', async () => {
    const own = firstSection((await hover(FLAGS, 2, 'linkmode=external', 1)).markdown).split('\n\n');
    expect(own[1]).toBe('**Fails here:** cgo is off (CGO_ENABLED=0 set by an inline prefix on this command (line 3)).');
  });

  it('-extldflags "-static" with external linking: the glibc NSS caveat', async () => {
    const own = firstSection((await hover(FLAGS, 1, '-static', 2)).markdown).split('\n\n');
    expect(own[0]).toMatch(/^\*\*`-extldflags`\*\* — flags for the external linker/);
    expect(own[1]).toMatch(/^A static link against glibc makes the linker warn `Using 'getaddrinfo' in statically linked applications/);
    expect(own[1]).toContain('add `-tags netgo,osusergo` to drop those calls');
  });

  it('-extldflags without -linkmode external is ignored (and CGO501 is explained)', async () => {
    const h = await hover(FLAGS, 3, 'extldflags', 2);
    const own = firstSection(h.markdown).split('\n\n');
    expect(own[own.length - 1]).toMatch(/^Here there is no `-linkmode external`: unless a cgo package outside the standard library forces an external link, these flags are ignored\. \*\*dynamically linked against glibc 2\.36\*\*/);
    expect(h.markdown).toContain('**CGO501** — -extldflags -static without -linkmode external leaves the binary dynamic (warning)');
  });

  it('-s -w only strip symbols', async () => {
    const own = firstSection((await hover(FLAGS, 1, '-w', 1)).markdown);
    expect(own).toBe(
      '**`-s -w`** — `-s` omits the symbol table and `-w` the DWARF debug information: a smaller binary that is harder to debug. Neither changes how the binary is linked (static or dynamic) or which libc it needs.',
    );
  });

  it('-ldflags itself lists its parts and the resulting linkage', async () => {
    const own = firstSection((await hover(FLAGS, 1, '-ldflags', 2)).markdown).split('\n\n');
    expect(own[0].split('\n')[0]).toBe('**`-ldflags`** — arguments for the Go linker (`go tool link`).');
    expect(own[0]).toContain('- **`-linkmode external`**');
    expect(own[0]).toContain('- **`-extldflags`**');
    expect(own[0]).toContain('- **`-s -w`**');
  });

  it('-buildmode=plugin needs cgo; -race needs cgo on Linux', async () => {
    const plugin = firstSection((await hover(FLAGS, 2, 'plugin', 1)).markdown).split('\n\n');
    expect(plugin[0]).toBe(
      '**`-buildmode=plugin`** needs cgo: with cgo off the build fails (`loadinternal: cannot find runtime/cgo`, seen with Go 1.19); and `plugin.Open` in a binary built without cgo returns `plugin: not implemented`.',
    );
    expect(plugin[1]).toBe('**Fails here:** cgo is off (CGO_ENABLED=0 set by an inline prefix on this command (line 3)).');
    const race = firstSection((await hover(FLAGS, 2, '-race', 2)).markdown).split('\n\n');
    expect(race[0]).toMatch(/^\*\*`-race`\*\* enables the race detector\. It needs cgo on Linux and Windows \(only macOS is exempt, since Go 1\.20\)/);
    expect(race[1]).toBe(
      '**Fails here:** cgo is off (CGO_ENABLED=0 set by an inline prefix on this command (line 3)): `go: -race requires cgo; enable cgo by setting CGO_ENABLED=1`.',
    );
  });

  it('-buildmode=pie from GOFLAGS: dynamic even with cgo off, and which commands it applies to', async () => {
    const h = await hover(FLAGS, 4, 'pie', 1);
    expect(h.range).toEqual({ start: { line: 4, character: 12 }, end: { line: 4, character: 26 } });
    const own = firstSection(h.markdown).split('\n\n');
    expect(own[0]).toMatch(/^\*\*`-buildmode=pie`\*\* — a position-independent executable\. On linux\/amd64 a PIE is \*\*dynamically linked\*\* with the interpreter `\/lib64\/ld-linux-x86-64\.so\.2` even with `CGO_ENABLED=0`/);
    expect(own[1]).toBe('Here cgo is **off** and the binary is still dynamic: it needs the glibc loader at run time.');
    expect(own[2]).toBe('Set through `GOFLAGS` — ENV on line 5 (stage `build`) — so it applies to `go build` (line 6).');
  });

  it('-a and -installsuffix are obsolete since Go 1.10', async () => {
    const a = firstSection((await hover(FLAGS, 1, ' -a ', 2)).markdown);
    expect(a).toMatch(/^\*\*`-a`\*\* forces a rebuild of every package, the standard library included\. Since Go 1\.10/);
    const h = await hover(FLAGS, 1, '-installsuffix', 3);
    expect(firstSection(h.markdown)).toMatch(/^\*\*`-installsuffix`\*\* is obsolete since Go 1\.10: .* produces a byte-identical binary\. It does \*\*not\*\* make the binary static/);
    expect(h.markdown).toContain('**CGO504**');
  });

  it('each tag has its own explanation', async () => {
    const net = await hover(FLAGS, 1, 'netgo', 1);
    expect(net.range).toEqual({ start: { line: 1, character: 77 }, end: { line: 1, character: 82 } });
    expect(firstSection(net.markdown).split('\n\n')).toEqual([
      "**`netgo`** — use Go's own DNS resolver instead of cgo's `getaddrinfo`, even when cgo is on. `os/user` still uses cgo, so on its own the binary stays dynamic: `-tags netgo,osusergo` removes all cgo code of the standard library.",
      'Here cgo is **on** and both `netgo` and `osusergo` are set: the standard library has no cgo code left, so the binary is static unless other cgo packages are linked.',
    ]);
    expect(firstSection((await hover(FLAGS, 1, 'osusergo', 1)).markdown)).toMatch(/^\*\*`osusergo`\*\* — pure-Go `os\/user`: reads only `\/etc\/passwd` and `\/etc\/group`/);
    expect(firstSection((await hover(FLAGS, 1, 'timetzdata', 1)).markdown)).toBe(
      '**`timetzdata`** — embeds the time zone database (`time/tzdata`, Go ≥ 1.15) in the binary (about +411 KB measured), so `time.LoadLocation` works in `scratch` or Alpine without `tzdata` instead of failing with `unknown time zone Europe/Berlin`.',
    );
    expect(firstSection((await hover(FLAGS, 1, 'musl', 1)).markdown)).toMatch(/^\*\*`musl`\*\* — not a Go toolchain tag: confluent-kafka-go reads it/);
    const alone = firstSection((await hover(FLAGS, 3, 'netgo', 1)).markdown).split('\n\n');
    expect(alone[1]).toBe('Here cgo is **on** and `osusergo` is missing: `os/user` still uses cgo, so the binary stays dynamic.');
  });
});

describe('FROM images', () => {
  it('a known image: libc, distro, toolchain, CA/tzdata/passwd, moving tag, and whether the binaries run there', async () => {
    const text = dockerfile('FROM golang:1.22 AS build', 'RUN go build -o /out/app .', 'FROM alpine:3.18', 'COPY --from=build /out/app /app');
    const h = await hover(text, 2, 'alpine');
    expect(h.range).toEqual({ start: { line: 2, character: 5 }, end: { line: 2, character: 16 } });
    const own = firstSection(h.markdown).split('\n\n');
    expect(own[0]).toBe('**`FROM alpine:3.18`** — Alpine 3.18');
    expect(own[1].split('\n')).toEqual([
      '- **libc:** musl 1.2.4 (Alpine 3.18)',
      '- **C toolchain:** no',
      '- **CA bundle:** unknown · **tzdata:** no · **/etc/passwd:** yes',
      '- **Tag can move:** no',
    ]);
    expect(own[3]).toBe(
      '**Binaries built in this file that run here:**\n- `/out/app` from `go build` (line 2): **will not start** — glibc binary: `alpine:3.18` has musl and no `/lib64/ld-linux-x86-64.so.2`: the container fails with `exec /app: no such file or directory`',
    );
    expect(h.markdown).toContain(`Docs: [CGO101 — A dynamically linked binary is copied into an image that has no matching libc loader](${DOCS}CGO101.md)`);
  });

  it('the builder image: Go version rule and the go commands it runs', async () => {
    const own = firstSection((await hover(ACCEPTANCE, 0, 'golang')).markdown).split('\n\n');
    expect(own[0]).toBe('**`FROM golang:1.22`** (stage `build`) — golang 1.22 (Debian bookworm)');
    expect(own[1].split('\n')).toEqual([
      '- **libc:** glibc 2.36 (Debian 12 bookworm)',
      '- **C toolchain:** yes',
      '- **Go:** 1.22 (≥ 1.20: with `CGO_ENABLED` unset, cgo is on only if a C compiler is on PATH)',
      '- **CA bundle:** yes · **tzdata:** yes · **/etc/passwd:** yes',
      '- **Tag can move:** no',
    ]);
    expect(own).toContain('**Go commands in this stage:**\n- `go build` (line 4): `CGO_ENABLED=1` · dynamic glibc ≥ 2.34');
  });

  it('a moving tag says so', async () => {
    const own = firstSection((await hover(dockerfile('FROM alpine:latest'), 0, 'alpine')).markdown);
    expect(own).toContain('- **Tag can move:** **yes** — a rebuild can pull a different image (pin a specific tag or a digest)');
    const golang = firstSection((await hover(dockerfile('FROM golang:latest'), 0, 'golang')).markdown);
    expect(golang).toContain('- **Tag can move:** **yes** — a rebuild can pull a different image (pin `golang:<version>-<codename>` or a digest)');
  });

  it('an unknown image says it is unknown and how to declare it', async () => {
    const own = firstSection((await hover(dockerfile('FROM registry.example.com/base:1'), 0, 'registry')).markdown).split('\n\n');
    expect(own).toEqual([
      '**`FROM registry.example.com/base:1`** — unknown image',
      'CGO Lens does not know this image: its libc, C toolchain, CA bundle and tzdata are **unknown**, so no libc findings are reported for it. ' +
        'Declare it with the `cgoLens.images` setting or `images:` in `.cgo-lens.yaml`, e.g. `"registry.example.com/base:*": { "libc": "glibc", "version": "2.36", "toolchain": false }`.',
    ]);
  });

  it('an image declared in settings is described from the declaration', async () => {
    const settings = { ...defaultSettings(), images: { 'registry.example.com/base:*': { libc: 'musl' as const, version: '1.2.4' } } };
    const own = firstSection((await hover(dockerfile('FROM registry.example.com/base:1'), 0, 'registry', 1, settings)).markdown).split('\n\n');
    expect(own[0]).toBe('**`FROM registry.example.com/base:1`** — registry.example.com/base:1 (configured: musl 1.2.4)');
    expect(own[1].split('\n')[0]).toBe('- **libc:** musl 1.2.4');
  });

  it('FROM <stage> describes the root image', async () => {
    const text = dockerfile('FROM golang:1.22-alpine AS base', 'FROM base AS build');
    const h = await hover(text, 1, 'FROM', 0);
    expect(h.range).toEqual({ start: { line: 1, character: 0 }, end: { line: 1, character: 18 } });
    const own = firstSection(h.markdown).split('\n\n');
    expect(own[0]).toBe('**`FROM base`** (stage `build`) — builds on stage `base` (line 1), whose base image is `golang:1.22-alpine`.');
    expect(own[1].split('\n')[0]).toBe('- **libc:** musl (Alpine)');
  });
});

describe('COPY --from', () => {
  it('compares the binary with the libc of the stage it lands in (glibc version skew)', async () => {
    const text = dockerfile('FROM golang:1.22 AS build', 'RUN go build -o /out/app .', 'FROM debian:bullseye-slim', 'COPY --from=build /out/app /app');
    const h = await hover(text, 3, '--from', 2);
    expect(h.range).toEqual({ start: { line: 3, character: 0 }, end: { line: 3, character: 31 } });
    expect(firstSection(h.markdown).split('\n')).toEqual([
      '**`COPY`** `/out/app` — built by `go build` (line 2) in stage `build`',
      '- **Binary:** `CGO_ENABLED=1` · **dynamically linked against glibc 2.36** — cgo is on and `golang:1.22` links against glibc 2.36: the binary references GLIBC_2.34 symbols (pthread_create…) and needs glibc ≥ 2.34',
      "- **Needs at run time:** **glibc ≥ 2.34** (it references `GLIBC_2.34` symbols such as `pthread_create`); C code of its own or of cgo modules can need up to the builder's glibc 2.36",
      '- **This stage:** `debian:bullseye-slim` — glibc 2.31',
      "- **Verdict:** **will not start** — needs glibc ≥ 2.34, `debian:bullseye-slim` has glibc 2.31: fails with `` version `GLIBC_2.34' not found ``",
    ]);
    expect(h.markdown).toContain('**CGO103** — A cgo binary needs a newer glibc than the runtime image has (error)');
  });

  it('a static binary runs anywhere', async () => {
    const text = dockerfile('FROM golang:1.22 AS build', 'RUN CGO_ENABLED=0 go build -o /out/app .', 'FROM scratch', 'COPY --from=build /out/app /app');
    const own = firstSection((await hover(text, 3, 'COPY')).markdown).split('\n');
    expect(own[1]).toBe('- **Binary:** `CGO_ENABLED=0` · **statically linked** — cgo is off, so the Go linker produces a statically linked binary');
    expect(own[4]).toBe('- **Verdict:** runs — static: runs on `scratch` (needs no libc)');
  });

  it('the CGO101 diagnostic on the COPY is explained: id, title, message, summary, docs', async () => {
    const h = await hover(ACCEPTANCE, 6, 'COPY');
    const finding = h.markdown.split('\n\n---\n\n')[1].split('\n\n');
    expect(finding[0]).toBe('**CGO101** — A dynamically linked binary is copied into an image that has no matching libc loader (error)');
    expect(finding[1]).toMatch(/^`\/out\/app` is linked dynamically against glibc 2\.36 because .*`exec \/app: no such file or directory`\.$/);
    expect(finding[2]).toMatch(/^A Go binary built with cgo is dynamically linked: the kernel must find its loader/);
    expect(finding[3]).toBe(`[CGO101 documentation](${DOCS}CGO101.md)`);
  });
});

describe('no hover / plain text', () => {
  it('returns nothing where there is nothing to explain', async () => {
    const r = await analyze(ACCEPTANCE);
    expect(hoverAt(r.plan!, ACCEPTANCE, at(ACCEPTANCE, 1, 'WORKDIR'), r.findings)).toBeUndefined();
    expect(hoverAt(r.plan!, ACCEPTANCE, at(ACCEPTANCE, 3, '/out/app', 2), r.findings)).toBeUndefined();
    expect(hoverAt(r.plan!, ACCEPTANCE, { line: 99, character: 0 }, r.findings)).toBeUndefined();
  });

  it('a diagnostic alone still gets a hover (findings without a hover target)', async () => {
    const r = await analyze(ACCEPTANCE);
    const cgo101 = r.findings.find((f) => f.code === 'CGO101')!;
    const h = hoverAt({ ...r.plan!, deliveries: [] }, ACCEPTANCE, at(ACCEPTANCE, 6, '/app'), r.findings);
    expect(h?.range).toEqual(cgo101.loc.range);
    expect(h?.markdown.startsWith('**CGO101** — ')).toBe(true);
    expect(URI).toBe(cgo101.loc.uri);
  });

  it('toPlainText strips Markdown but keeps code text, links and list structure', () => {
    expect(
      toPlainText(
        '**`go build`** (line 4) — `CGO_ENABLED=1`\n\n---\n\n- **Verdict:** fails with `` version `GLIBC_2.34\' not found ``\nDocs: [CGO101 — title](https://x/CGO101.md) · *note* `golang:*-alpine`',
      ),
    ).toBe("go build (line 4) — CGO_ENABLED=1\n\n- Verdict: fails with version `GLIBC_2.34' not found\nDocs: CGO101 — title (https://x/CGO101.md) · note golang:*-alpine");
  });

  it('the plain-text rendering of a whole hover has no Markdown markers left', async () => {
    const plain = toPlainText((await hover(ACCEPTANCE, 3, 'go build', 4)).markdown);
    expect(plain.split('\n')[0]).toBe('go build (line 4) — CGO_ENABLED=1 · dynamic glibc ≥ 2.34');
    expect(plain).toContain('CGO_ENABLED resolves to 1 (cgo on) because:');
    expect(plain).toContain('- Static (CGO_ENABLED=0): scratch-ready, pure-Go DNS resolver and os/user, no cgo packages.');
    expect(plain).not.toMatch(/\*\*|`|\]\(/);
  });
});
