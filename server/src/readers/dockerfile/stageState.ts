import type { Artifact, BuildHost, EnvValue, GoInvocation, IneffectiveAssignment, Location, Stage } from '../../model/types';
import type { ImageFacts, Tri } from '../../knowledge/images';

export interface FileEntry {
  artifact: Artifact;
  /** COPY instructions the file travelled through, in order. */
  via: Location[];
  /** The COPY that put it into this stage (undefined when built here or inherited with FROM <stage>). */
  copyLoc?: Location;
}

/** Where the stage's filesystem has things a Go binary may need at run time. */
export interface RuntimeExtras {
  ca: Tri;
  tz: Tri;
  passwd: Tri;
  compat: Location[];
}

/** Facts about the build host a stage provides, from its base image (before anything is installed). */
export function hostFromImage(image: ImageFacts | undefined, label: string, loc: Location): BuildHost {
  if (!image || !image.known) {
    return { image, label: `\`${label}\``, libc: 'unknown', cCompiler: 'unknown', libcHeaders: 'unknown', loc };
  }
  return {
    image,
    label: `\`${label}\``,
    libc: image.libc,
    libcVersion: image.libcVersion,
    goVersion: image.go?.version,
    goAtLeast120: image.goAtLeast120,
    cCompiler: image.cCompiler,
    // Images without a compiler do not ship libc headers either (golang:alpine adds only ca-certificates).
    libcHeaders: image.cCompiler === 'yes' ? 'yes' : image.cCompiler === 'no' ? 'no' : 'unknown',
    packageManager: image.packageManager,
    loc,
  };
}

/** The state of one stage while its instructions are read in order. */
export class StageState {
  /** What RUN processes receive: ENV (own and inherited) and ARGs declared in this stage. */
  private readonly env = new Map<string, EnvValue>();
  /** Values usable in instruction arguments (`${VAR}` in COPY, WORKDIR, ENV…). */
  private readonly vars = new Map<string, string | undefined>();
  readonly files = new Map<string, FileEntry>();
  readonly lostExports: IneffectiveAssignment[] = [];
  readonly copiedFrom = new Set<number>();
  readonly extras: RuntimeExtras;
  goEnvW?: EnvValue;
  workdir?: string;
  usedLater = false;

  constructor(readonly stage: Stage, readonly host: BuildHost, readonly parent: StageState | undefined) {
    if (parent) {
      for (const v of parent.env.values()) if (v.origin === 'dockerfile-env') this.setEnv(v);
      for (const [k, v] of parent.files) this.files.set(k, { ...v, copyLoc: undefined });
      this.goEnvW = parent.goEnvW;
      this.workdir = parent.workdir;
      this.extras = { ...parent.extras, compat: [...parent.extras.compat] };
      parent.usedLater = true;
    } else {
      const img = stage.image;
      this.extras = { ca: img?.caCertificates ?? 'unknown', tz: img?.tzdata ?? 'unknown', passwd: img?.passwd ?? 'unknown', compat: [] };
      // golang images set WORKDIR /go and GOPATH=/go.
      if (img?.go) this.workdir = '/go';
    }
  }

  lookup(name: string): string | undefined | null {
    if (this.vars.has(name)) return this.vars.get(name);
    return null;
  }

  setEnv(v: EnvValue): void {
    this.env.set(v.name, v);
    this.vars.set(v.name, v.value);
  }

  declareArg(v: EnvValue): void {
    // ENV of the same name wins over ARG in RUN.
    if (this.env.get(v.name)?.origin !== 'dockerfile-env') this.env.set(v.name, v);
    if (!this.vars.has(v.name) || this.env.get(v.name) === v) this.vars.set(v.name, v.value);
  }

  envHas(name: string, origin: EnvValue): boolean {
    return this.env.get(name) === origin;
  }

  exportedEnv(): Record<string, EnvValue> {
    const out: Record<string, EnvValue> = {};
    for (const [k, v] of this.env) out[k] = v;
    return out;
  }

  addArtifact(inv: GoInvocation, path: string | undefined): void {
    const artifact: Artifact = { path: path ?? '', producer: inv, stage: this.stage.index };
    this.files.set(path ?? `<go ${inv.subcommand} output #${inv.id}>`, { artifact, via: [] });
  }

  /**
   * Artifacts a `COPY --from=<this stage> <src>` picks up: exact path, a directory above it, a glob, or —
   * when the build's output path is unknown — the only unnamed binary of the stage for a source path
   * that is not an obvious data file.
   */
  match(src: string): { entry: FileEntry; relative: string }[] {
    const out: { entry: FileEntry; relative: string }[] = [];
    const glob = /[*?[]/.test(src) ? globToRegExp(src) : undefined;
    const unnamed: FileEntry[] = [];
    for (const [path, entry] of this.files) {
      if (!entry.artifact.path) {
        unnamed.push(entry);
        continue;
      }
      if (path === src) out.push({ entry, relative: basename(path) });
      else if (src === '/' || path.startsWith(src.replace(/\/+$/, '') + '/')) out.push({ entry, relative: path.slice(src.replace(/\/+$/, '').length + 1) });
      else if (glob?.test(path)) out.push({ entry, relative: basename(path) });
    }
    if (out.length === 0 && unnamed.length === 1 && !isDataPath(src)) out.push({ entry: unnamed[0], relative: basename(src) });
    return out;
  }
}

function isDataPath(p: string): boolean {
  return /^\/(etc|usr\/share|usr\/local\/share|var|tmp)\b/.test(p) || /\.(crt|pem|json|ya?ml|toml|txt|html|css|js|conf|sql|md)$/.test(p) || /zoneinfo|ca-certificates/.test(p);
}

function basename(p: string): string {
  return p.slice(p.lastIndexOf('/') + 1);
}

function globToRegExp(glob: string): RegExp {
  let re = '^';
  for (const c of glob) {
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\\\]]/g, '\\$&'); // `[` too: a half-typed class must not break the reader
  }
  return new RegExp(re + '$');
}
