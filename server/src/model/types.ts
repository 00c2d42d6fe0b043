/**
 * The build model: what every reader produces and every rule consumes.
 * Positions are LSP-style (0-based line, UTF-16 character) so findings map 1:1 onto diagnostics.
 */
import type { ImageFacts, GoVersion, LibcFamily, Tri } from '../knowledge/images';
import type { CgoModule } from '../knowledge/cgoModules';

export interface Position { line: number; character: number }
export interface Range { start: Position; end: Position }
/** A place in some file of the workspace. */
export interface Location { uri: string; range: Range }

export type FileKind = 'dockerfile' | 'shell' | 'makefile' | 'goreleaser' | 'taskfile' | 'workflow' | 'gomod' | 'config';

/** Where an environment value came from; drives hovers and the wording of findings. */
export type OriginKind =
  | 'inline-prefix'     // CGO_ENABLED=0 go build
  | 'export'            // export CGO_ENABLED=0 (earlier in the same shell)
  | 'shell-assignment'  // CGO_ENABLED=0 on its own, updating an already exported variable
  | 'env-command'       // env CGO_ENABLED=0 go build
  | 'dockerfile-env'    // ENV CGO_ENABLED=0 (this stage or a parent stage)
  | 'dockerfile-arg'    // ARG CGO_ENABLED=0 declared in the stage
  | 'make-export'
  | 'yaml-env'
  | 'go-env-w'          // go env -w CGO_ENABLED=0
  | 'image';            // set by the base image itself

export interface EnvValue {
  name: string;
  /** undefined: set, but to a value we cannot resolve statically (e.g. an ARG without default). */
  value: string | undefined;
  origin: OriginKind;
  /** The whole assignment, e.g. `CGO_ENABLED=0` or the ENV instruction's property. */
  loc?: Location;
  /** Only the value part, for fixes that rewrite it. */
  valueLoc?: Location;
  /** Human description of the origin for hovers, e.g. "ENV in stage `build` (line 3)". */
  describe: string;
  /** The value as written, before expansion (e.g. `$TARGETARCH`), when it differs from `value`. */
  raw?: string;
}

/** An assignment that looks like it configures the build but never reaches the `go` process. */
export interface IneffectiveAssignment {
  name: string;
  value: string | undefined;
  loc: Location;
  valueLoc?: Location;
  /** Why it has no effect, phrased to complete "has no effect: …". */
  why: string;
  kind: 'shell-variable' | 'earlier-run' | 'global-arg' | 'make-unexported' | 'earlier-step' | 'taskfile-precedence';
  /** Data a fix needs (e.g. where to insert an `export`). */
  fixHint?: {
    insertPrefixAt?: Location; removeRange?: Location; replaceWith?: string;
    /** Every go command the assignment is meant for (Taskfile `env:` shared by several commands): a fix prefixes them all. */
    insertPrefixAtEach?: Location[];
  };
}

export interface Word {
  /** The word's resolved text, or undefined when it contains something we cannot resolve. */
  value: string | undefined;
  /** The word exactly as written. */
  raw: string;
  loc: Location;
  /**
   * False when the document text at `loc` is not `raw` (the word comes from a Makefile expansion, or joins a line
   * continuation), so offsets inside `raw` are not offsets from `loc`. Set by the shell interpreter; undefined elsewhere.
   */
  verbatim?: boolean;
}

export interface GoFlag {
  name: string;          // '-ldflags', '-tags', '-race', '-buildmode', ...
  value?: Word;          // for flags with a value
  loc: Location;         // the whole flag (and its value)
}

export interface LdflagsInfo {
  text: string;
  loc: Location;
  linkmodeExternal: boolean;
  extldflagsStatic: boolean;      // -extldflags containing -static (not -static-pie)
  extldflagsStaticPie: boolean;
  stripped: boolean;              // -s -w
}

export interface BuildHost {
  /** Image facts when the host is a Dockerfile stage or a container. */
  image?: ImageFacts;
  /** Human label: "golang:1.22 (Debian bookworm)", "ubuntu-24.04 runner". */
  label: string;
  libc: LibcFamily;
  libcVersion?: string;
  goVersion?: GoVersion;
  goAtLeast120?: boolean;
  /** Is a C compiler on PATH in this host at this point? */
  cCompiler: Tri;
  /** Where the compiler came from, when installed by the build. */
  cCompilerLoc?: Location;
  /** libc headers (musl-dev / libc6-dev) — gcc without them fails on Alpine. */
  libcHeaders: Tri;
  packageManager?: string;
  /** The FROM (or runs-on) that defined the host. */
  loc?: Location;
}

export interface GoTarget {
  goos?: EnvValue | undefined;
  goarch?: EnvValue | undefined;
  /** Is this a cross build relative to the build host? */
  cross: Tri;
  crossWhy?: string;
  /** Native for a plain `docker build`, cross for other requested platforms (GOARCH=$TARGETARCH on $BUILDPLATFORM). */
  platformDependent?: boolean;
  /** A C compiler for the target (CC=…-gcc, xx-go, zig). */
  targetCc?: EnvValue;
  viaXx: boolean;
}

export type CgoState = 'on' | 'off' | 'unknown';

export interface CgoReason {
  text: string;
  loc?: Location;
}

export interface EffectiveCgo {
  state: CgoState;
  /** The first entry is the deciding reason; the rest explain how it was reached. */
  reasons: CgoReason[];
  /** The CGO_ENABLED value that reached the process, when there was one. */
  explicit?: EnvValue;
  /** A CGO_ENABLED value that reached the process but is not 0/1 (treated as unset). */
  invalid?: EnvValue;
  /** True when the outcome depends on the environment (no valid explicit value). */
  implicit: boolean;
}

export type Linkage =
  | { kind: 'static'; why: string }
  | { kind: 'dynamic-glibc'; minGlibc?: string; builtOn?: string; why: string }
  | { kind: 'dynamic-musl'; why: string }
  | { kind: 'unknown'; why: string };

export type GoSubcommand = 'build' | 'install' | 'run' | 'test' | 'vet' | 'generate' | 'other';

export interface GoInvocation {
  id: string;
  /** The command as written, e.g. `go build`, `xx-go build`, `$(GO) build`. */
  commandLoc: Location;
  tool: 'go' | 'xx-go' | 'goreleaser';
  subcommand: GoSubcommand;
  /** Environment values that reach the process (only names that matter to cgo). */
  env: Record<string, EnvValue>;
  ineffective: IneffectiveAssignment[];
  flags: GoFlag[];
  tags: { values: string[]; loc?: Location };
  ldflags?: LdflagsInfo;
  buildmode?: { value: string; loc: Location };
  sanitizers: { name: '-race' | '-msan' | '-asan'; loc: Location }[];
  output?: Word;
  packages: Word[];
  host: BuildHost;
  target: GoTarget;
  cgo: EffectiveCgo;
  linkage: Linkage;
  /** Index of the Dockerfile stage that runs it, if any. */
  stage?: number;
  /** The enclosing instruction (Dockerfile RUN, recipe line…), for fixes that add a line before it. */
  instructionLoc?: Location;
  /** Where to put a CGO_ENABLED=0 prefix so it takes effect (start of the go command word). */
  prefixInsertAt: Location;
  /**
   * For go commands no shell runs (a goreleaser build): how to give this command alone a CGO_ENABLED value —
   * insert `text` at `at`, with `{value}` standing for 0 or 1. Preferred over a shell prefix when set.
   */
  setEnvEdit?: { at: Location; text: string };
  /** For a go command found in a linked file (a Makefile a RUN runs): the command in the analysed file that led there. */
  via?: Location;
  /** What the workspace says about the program this command builds (set after reading when the service has a workspace index). */
  program?: ProgramFacts;
}

/** A file produced by a build and where it ends up. */
export interface Artifact {
  path: string;
  producer: GoInvocation;
  stage: number;
}

export interface RuntimeTarget {
  image?: ImageFacts;
  label: string;
  libc: LibcFamily;
  libcVersion?: string;
  /** libc6-compat / gcompat / ld-linux symlinks installed in that stage. */
  compatHacks: Location[];
  caCertificates: Tri;
  tzdata: Tri;
  passwd: Tri;
  loc?: Location;
  /** The image reference in the FROM line (for fixes that switch the image). */
  imageLoc?: Location;
  stage?: number;
  /**
   * The binary is published (release asset, uploaded artifact) and runs on hosts nobody listed: any Linux
   * distribution, old ones included. libc/libcVersion then describe nothing certain.
   */
  releasedBinary?: boolean;
  /**
   * For released binaries: where the build could be moved into another container image (a workflow job's
   * `container:`): insert or replace `text` at `loc`, with `{image}` standing for the image reference.
   */
  olderBuildHost?: { loc: Location; text: string };
}

/** A built binary reaching the image where it runs. */
export interface Delivery {
  artifact: Artifact;
  /** The COPY --from that carried it (undefined when it runs in its own stage). */
  copyLoc?: Location;
  runtime: RuntimeTarget;
  /** Hops through intermediate stages, for related information. */
  via: Location[];
  /** Where the binary lives in the runtime image (the COPY destination), when known. */
  runtimePath?: string;
}

export interface PackageInstall {
  manager: 'apk' | 'apt' | 'dnf' | 'yum' | 'microdnf' | 'xx-apk' | 'xx-apt';
  packages: Word[];
  loc: Location;
  stage?: number;
}

/** Every place CGO_ENABLED (or another build variable) is written or read, for hovers and CGO205. */
export interface EnvOccurrence {
  name: string;
  kind: 'assignment' | 'reference';
  value?: string;
  loc: Location;
  valueLoc?: Location;
  /** What CGO/that variable resolves to at this point, filled by the model. */
  effective?: EnvValue | undefined;
  stage?: number;
}

export interface Stage {
  index: number;
  name?: string;
  fromLoc: Location;
  imageLoc?: Location;
  /** Image text after ARG expansion (undefined if unresolved). */
  imageText?: string;
  /** Index of the parent stage when FROM names an earlier stage. */
  parent?: number;
  image?: ImageFacts;
  platformBuild: boolean;     // FROM --platform=$BUILDPLATFORM
  isFinal: boolean;
}

export interface BuildPlan {
  uri: string;
  kind: FileKind;
  stages: Stage[];
  invocations: GoInvocation[];
  deliveries: Delivery[];
  installs: PackageInstall[];
  occurrences: EnvOccurrence[];
  /** `go env -w CGO_ENABLED=…` commands. */
  goEnvWrites: { value?: string; loc: Location; instructionLoc?: Location; wholeInstruction: boolean; stage?: number }[];
  /** GODEBUG values that set netdns, with the cgo state of the binaries they apply to. */
  godebug: { value: string; loc: Location; stage?: number }[];
  /** Hand-made loader symlinks (`ln -s … ld-linux-x86-64.so.2`). */
  loaderSymlinks: { loc: Location; stage?: number }[];
  /** Problems reading the file that are worth telling the user (never thrown). */
  notes: { message: string; loc?: Location }[];
  /** Other workspace files the reader read (cross-file links, as URIs): re-analyse when one of them changes. */
  dependencies?: string[];
  /** For a go.mod: its directives and requires (kind `gomod`; no invocations). */
  gomod?: GoModPlan;
}

// ---- workspace awareness: the program a go command builds, and go.mod ------------------------------------------

/**
 * What the workspace index says about the program one go command builds: the workspace packages it compiles and
 * the workspace-local imports they reach, with what matters to cgo and to the runtime image. When the program
 * cannot be resolved (`known: false`) the facts are the common-case assumption — a main package that uses net —
 * and rules that depend on them stay silent or lower their severity.
 */
export interface ProgramFacts {
  known: boolean;
  /** How it was resolved (or why not), for hovers: "package ./cmd/api of module example.com/app, 3 workspace packages". */
  why: string;
  /** Workspace directories (URIs) of the packages compiled, roots first. */
  packageDirs: string[];
  /** The main module (its go.mod) when known. */
  module?: { path: string; uri: string };
  /** Files with `import "C"` in the compiled packages. */
  ownCgo: OwnCgoPackage[];
  /** Catalogued cgo modules the program imports (directly from workspace code). */
  cgoModules: ProgramCgoModule[];
  /** A compiled package imports `net` (directly or through a standard package that does), or that is assumed. */
  usesNet: boolean;
  /** The program makes TLS client connections (HTTP client calls not limited to `http://` URLs, `tls.Dial`…). */
  usesTLS: boolean;
  /** A compiled package imports `os/user` (linked with cgo when cgo is on). */
  usesOsUser: boolean;
  /** `time.LoadLocation` with a zone name other than UTC / Local. */
  loadsTimezones: boolean;
  /** `time/tzdata` is imported (the zone database is embedded). */
  importsTzdata: boolean;
  /** `plugin` is imported. */
  usesPlugin: boolean;
  /** Where each of the facts above is seen (the first occurrence). */
  evidence: {
    net?: Location;
    tls?: { loc: Location; what: string };
    osUser?: Location;
    osUserCall?: { loc: Location; what: string };
    timezone?: Location;
    plugin?: Location;
  };
  /** Imports outside the standard library and the workspace (their code is not scanned), first few. */
  opaqueImports: string[];
}

export interface OwnCgoPackage {
  /** The `"C"` of the first `import "C"` in the package. */
  loc: Location;
  dir: string;
  importPath?: string;
  /** With cgo off no file of the package is left (`build constraints exclude all Go files in …`). */
  onlyCgo: boolean;
  /** A file of the package is built only without cgo (`//go:build !cgo`): a deliberate fallback. */
  fallback: boolean;
}

export interface ProgramCgoModule {
  /** The module path as required (`/vN` included). */
  module: string;
  /** The imported package. */
  importPath: string;
  entry: CgoModule;
  /** The require in go.mod, when the module is required there. */
  requireLoc?: Location;
  version?: string;
  importLoc: Location;
}

export interface GoModRequireFact {
  path: string;
  version?: string;
  indirect: boolean;
  loc: Location;
  pathLoc: Location;
  /** Set by the service when it has a workspace index: builds that compile this (catalogued) module with cgo off. */
  cgoOffBuilds?: { loc: Location; cgoWhy: string }[];
}

export interface GoModPlan {
  module?: { path: string; loc: Location };
  go?: { version: string; loc: Location };
  toolchain?: { version: string; loc: Location };
  requires: GoModRequireFact[];
  replaces: { from: string; to: string; local: boolean; loc: Location }[];
}
