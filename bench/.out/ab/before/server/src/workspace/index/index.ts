// The workspace index: every go.mod / go.work and every Go source file of the workspace, reduced to the facts CGO
// Lens needs (module paths, requires, package names, imports, `import "C"`, build constraints, a few run-time
// relevant calls). Shared by the language server and the CLI. Updates are per file and cheap; queries are map
// lookups. Filling it from disk is `scan()` (bounded, yielding, cancellable) — see scan.ts.
import type { CgoState, Location } from '../../model/types';
import { parseGoMod, type ModFacts } from '../../readers/gomod/parse';
import { scanGoSource, type GoFileFacts } from './goSource';
import { baseName, dirOf, isWithin, normalizeFileUri, relativeTo, skippedDirName } from './uris';

export { skippedDirName };
import { DiskWorkspaceFiles } from '../files';
import { rootUrisOf, scanRoots, type ScanOptions, type ScanResult } from './scan';

export interface IndexLimits {
  maxGoFiles: number;
  maxFileBytes: number;
  maxDepth: number;
  /** Build files (Dockerfiles, Makefiles, …) remembered by the scan, for `buildsUsing`. */
  maxBuildFiles: number;
}

export const DEFAULT_LIMITS: IndexLimits = { maxGoFiles: 20_000, maxFileBytes: 1024 * 1024, maxDepth: 32, maxBuildFiles: 500 };

export interface IndexedModule {
  /** The go.mod URI. */
  uri: string;
  /** Its directory (the module root). */
  dir: string;
  facts: ModFacts;
}

export interface IndexedWork {
  uri: string;
  dir: string;
  facts: ModFacts;
}

export interface IndexedGoFile {
  uri: string;
  dir: string;
  name: string;
  test: boolean;
  facts: GoFileFacts;
}

/** One go command of an analysed build file, as `buildsUsing` reports it. */
export interface BuildRecord {
  buildUri: string;
  commandLoc: Location;
  cgo: CgoState;
  /** The deciding reason, e.g. "CGO_ENABLED=0 set by ENV on line 3". */
  cgoWhy: string;
  /** Catalogued cgo modules the program reaches: the module path and the go.mod that requires it. */
  modules: { module: string; gomodUri?: string }[];
}

export class WorkspaceIndex {
  readonly limits: IndexLimits;
  private readonly modulesByUri = new Map<string, IndexedModule>();
  private readonly modulesByDir = new Map<string, IndexedModule>();
  private readonly works = new Map<string, IndexedWork>();
  private readonly goFiles = new Map<string, IndexedGoFile>();
  private readonly filesByDir = new Map<string, Set<string>>();
  private readonly buildFileSet = new Set<string>();
  private readonly records = new Map<string, { version: number; builds: BuildRecord[] }>();
  /** Folder URIs the index covers (set by `scan`); empty = whatever `update` was given. */
  private rootUris: string[] = [];
  private scanned = false;
  private touched = false;
  private versionCounter = 0;
  /** Files left out (too big, over the file cap), for logs. Bounded. */
  readonly skipped: { uri: string; reason: string }[] = [];
  /** True when the last scan stopped at the Go file cap. */
  truncated = false;

  constructor(limits: Partial<IndexLimits> = {}) {
    this.limits = { ...DEFAULT_LIMITS, ...limits };
  }

  /** Bumped on every change; analyses computed with an older version are stale. */
  get version(): number {
    return this.versionCounter;
  }

  /** Usable for analysis: a scan finished, or files were given one by one (tests, tools). */
  isReady(): boolean {
    return this.scanned || (this.touched && this.scanning === 0);
  }

  /** True while a scan runs. */
  isScanning(): boolean {
    return this.scanning > 0;
  }

  private scanning = 0;

  roots(): readonly string[] {
    return this.rootUris;
  }

  // ---- updates ---------------------------------------------------------------------------------------------

  /**
   * Replace one file's facts: `text` undefined removes it. go.mod, go.work and `*.go` files are indexed; other
   * names are ignored (returns false). Files in vendor/, testdata/, node_modules/ and hidden directories are
   * ignored, as are files over the size limit (their old facts are dropped).
   */
  update(uri: string, text: string | undefined): boolean {
    const changed = this.apply(uri, text);
    if (changed) this.touched = true;
    return changed;
  }

  /** `update` for the scan itself: a scan that is cancelled half-way must not make the index look ready. */
  applyFromScan(uri: string, text: string | undefined): boolean {
    return this.apply(uri, text);
  }

  private apply(uri: string, text: string | undefined): boolean {
    const u = normalizeFileUri(uri);
    const name = baseName(u);
    const kind = name === 'go.mod' ? 'mod' : name === 'go.work' ? 'work' : name.endsWith('.go') ? 'go' : undefined;
    if (!kind || this.excluded(u)) return false;
    if (text !== undefined && Buffer.byteLength(text, 'utf8') > this.limits.maxFileBytes) {
      this.noteSkipped(u, `over ${this.limits.maxFileBytes} bytes`);
      text = undefined;
    }
    const dir = dirOf(u);
    if (kind === 'mod') {
      const old = this.modulesByUri.get(u);
      if (old) {
        this.modulesByUri.delete(u);
        this.modulesByDir.delete(old.dir);
      }
      if (text !== undefined) {
        const m: IndexedModule = { uri: u, dir, facts: parseGoMod(text) };
        this.modulesByUri.set(u, m);
        this.modulesByDir.set(dir, m);
      }
    } else if (kind === 'work') {
      if (text === undefined) this.works.delete(u);
      else this.works.set(u, { uri: u, dir, facts: parseGoMod(text) });
    } else {
      const had = this.goFiles.has(u);
      if (text === undefined) {
        if (!had) return false;
        this.goFiles.delete(u);
        const set = this.filesByDir.get(dir);
        set?.delete(u);
        if (set && set.size === 0) this.filesByDir.delete(dir);
      } else {
        if (!had && this.goFiles.size >= this.limits.maxGoFiles) {
          this.truncated = true;
          this.noteSkipped(u, `over the limit of ${this.limits.maxGoFiles} Go files`);
          return false;
        }
        this.goFiles.set(u, { uri: u, dir, name, test: name.endsWith('_test.go'), facts: scanGoSource(text) });
        let set = this.filesByDir.get(dir);
        if (!set) this.filesByDir.set(dir, (set = new Set()));
        set.add(u);
      }
    }
    this.versionCounter++;
    return true;
  }

  /** Remember a build file (Dockerfile, Makefile, …) of the workspace, for `buildsUsing`. */
  addBuildFile(uri: string): void {
    if (this.buildFileSet.size >= this.limits.maxBuildFiles) return;
    this.buildFileSet.add(normalizeFileUri(uri));
  }

  /** A build file changed on disk: its recorded builds are stale. */
  invalidateBuildFile(uri: string): void {
    this.records.delete(normalizeFileUri(uri));
  }

  removeBuildFile(uri: string): void {
    const u = normalizeFileUri(uri);
    this.buildFileSet.delete(u);
    this.records.delete(u);
  }

  /**
   * Fill the index from disk: every go.mod, go.work and Go file under `roots` (folder paths), within the limits,
   * never following a symbolic link out of the roots. Yields to the event loop every few files; `signal` stops it.
   * Files indexed before under these roots and not seen again are dropped.
   */
  async scan(roots: readonly string[], options: ScanOptions = {}): Promise<ScanResult> {
    this.rootUris = [...new Set([...this.rootUris, ...rootUrisOf(roots)])];
    this.readerRoots = [...new Set([...this.readerRoots, ...roots])];
    this.reader = undefined;
    this.scanning++;
    let result: ScanResult;
    try {
      result = await scanRoots(this, roots, options);
    } finally {
      this.scanning--;
    }
    if (!result.aborted) {
      for (const uri of [...this.goFiles.keys(), ...this.modulesByUri.keys(), ...this.works.keys()]) {
        if (result.rootUris.some((r) => isWithin(uri, r)) && !result.seen.has(uri)) this.apply(uri, undefined);
      }
      this.scanned = true;
      this.versionCounter++;
    }
    return result;
  }

  // ---- queries ---------------------------------------------------------------------------------------------

  modules(): IndexedModule[] {
    return [...this.modulesByUri.values()];
  }

  moduleAt(dir: string): IndexedModule | undefined {
    return this.modulesByDir.get(dir);
  }

  /** The module whose root is `dir` or the nearest directory above it. */
  moduleFor(dir: string): IndexedModule | undefined {
    let d = dir;
    for (let guard = 0; guard < 200; guard++) {
      const m = this.modulesByDir.get(d);
      if (m) return m;
      const up = dirOf(d);
      if (up === d) return undefined;
      d = up;
    }
    return undefined;
  }

  /** The go.work governing `dir` (the nearest one above it), if any. */
  workFor(dir: string): IndexedWork | undefined {
    let best: IndexedWork | undefined;
    for (const w of this.works.values()) if (isWithin(dir, w.dir) && (!best || w.dir.length > best.dir.length)) best = w;
    return best;
  }

  goFile(uri: string): IndexedGoFile | undefined {
    return this.goFiles.get(normalizeFileUri(uri));
  }

  filesIn(dir: string): IndexedGoFile[] {
    const set = this.filesByDir.get(dir);
    if (!set) return [];
    const out: IndexedGoFile[] = [];
    for (const u of set) {
      const f = this.goFiles.get(u);
      if (f) out.push(f);
    }
    return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /** Directories with Go files at or below `dir`, sorted. */
  dirsUnder(dir: string): string[] {
    const out: string[] = [];
    for (const d of this.filesByDir.keys()) if (isWithin(d, dir)) out.push(d);
    return out.sort();
  }

  goFileCount(): number {
    return this.goFiles.size;
  }

  buildFiles(): string[] {
    return [...this.buildFileSet];
  }

  // ---- build records (which builds compile which cgo module with which cgo setting) -------------------------

  /** Replace what the last analysis of `buildUri` found (called by the service after attaching programs). */
  recordBuilds(buildUri: string, builds: BuildRecord[]): void {
    const u = normalizeFileUri(buildUri);
    this.records.set(u, { version: this.versionCounter, builds });
    if (!this.buildFileSet.has(u) && this.buildFileSet.size < this.limits.maxBuildFiles) this.buildFileSet.add(u);
  }

  /** Was `buildUri` recorded against the current index version? */
  hasFreshRecord(buildUri: string): boolean {
    return this.records.get(normalizeFileUri(buildUri))?.version === this.versionCounter;
  }

  /**
   * Builds whose program reaches `module` (a module path as required, `/vN` included), optionally only those whose
   * module is required by the go.mod at `gomodUri`.
   */
  buildsUsing(module: string, gomodUri?: string): BuildRecord[] {
    const out: BuildRecord[] = [];
    const g = gomodUri === undefined ? undefined : normalizeFileUri(gomodUri);
    for (const r of this.records.values()) {
      for (const b of r.builds) {
        if (b.modules.some((m) => m.module === module && (g === undefined || m.gomodUri === g))) out.push(b);
      }
    }
    return out;
  }

  /** The text of a file inside the indexed folders (realpath-checked, size-limited), for build files the scan found. */
  readText(uri: string): string | undefined {
    if (!this.readerRoots.length) return undefined;
    this.reader ??= new DiskWorkspaceFiles(this.readerRoots);
    return this.reader.read(uri);
  }

  private readerRoots: string[] = [];
  private reader: DiskWorkspaceFiles | undefined;

  // ---- internals -------------------------------------------------------------------------------------------

  /** vendor/, testdata/, node_modules/, hidden and `_` directories, judged below the workspace root. */
  private excluded(uri: string): boolean {
    const root = this.rootUris.find((r) => isWithin(uri, r));
    const rel = root !== undefined ? relativeTo(uri, root) : decodeURIComponent(uri.replace(/^file:\/\/[^/]*/, ''));
    if (rel === undefined) return false;
    const parts = rel.split('/').filter(Boolean);
    parts.pop();
    return parts.some(skippedDirName);
  }

  private noteSkipped(uri: string, reason: string): void {
    if (this.skipped.length < 200) this.skipped.push({ uri, reason });
  }
}
