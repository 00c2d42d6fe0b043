// Which program does a go command build? Resolve its package arguments (`.`, `./cmd/x`, `./...`, an import path, a
// list of .go files, none = the working directory) relative to the command's working directory in the workspace,
// then walk the workspace-local imports transitively, honouring build constraints for the command's cgo setting,
// GOOS/GOARCH and -tags. The result is ProgramFacts: own cgo code, catalogued cgo modules, and the standard
// packages and calls that matter in a container (net, TLS clients, os/user, time zones, plugin).
import type { CgoState, GoSubcommand, Location, OwnCgoPackage, ProgramCgoModule, ProgramFacts } from '../../model/types';
import { cgoModuleForImport } from '../../knowledge/cgoModules';
import { assumedProgram } from '../../model/program';
import { evalGoBuild, evalPlusBuild, fileNameTruth, mentionsNotCgo, type ConstraintContext, type Truth } from './buildConstraints';
import type { IndexedGoFile, IndexedModule, WorkspaceIndex } from './index';
import { isWithin, joinUri, relativeTo } from './uris';

export interface ProgramRequest {
  /** The go command's working directory in the workspace (a directory URI), when known. */
  cwd: string | undefined;
  /** Package arguments as resolved words; undefined = a word whose value is not known statically. */
  packages: (string | undefined)[];
  subcommand: GoSubcommand;
  cgo: CgoState;
  goos?: string;
  goarch?: string;
  tags: readonly string[];
}

/** Cap on workspace packages walked per program (a monorepo `./...` stays cheap). */
const MAX_PACKAGES = 5_000;

/**
 * Standard packages that import `net` (so link its cgo resolver when cgo is on). Everything under `net/` does,
 * except `net/url` and `net/netip`; these others do too.
 */
const NET_STD = new Set(['net', 'crypto/tls', 'crypto/x509', 'log/syslog', 'expvar', 'mime/multipart', 'net/mail']);

function importsNet(path: string): boolean {
  if (NET_STD.has(path)) return true;
  return path.startsWith('net/') && path !== 'net/url' && path !== 'net/netip';
}

function isStd(path: string): boolean {
  const first = path.split('/')[0];
  return !first.includes('.') && path !== 'C';
}

interface Pkg {
  dir: string;
  module?: IndexedModule;
  /** Restrict to these file names (a `go build a.go b.go` file list). */
  only?: Set<string>;
  root: boolean;
}

/** Results per index version: an editor re-analyses the same build on every keystroke. */
const memo = new WeakMap<WorkspaceIndex, { version: number; results: Map<string, ProgramFacts> }>();
const MEMO_SIZE = 200;

export function resolveProgram(index: WorkspaceIndex, req: ProgramRequest): ProgramFacts {
  let m = memo.get(index);
  if (!m || m.version !== index.version) {
    m = { version: index.version, results: new Map() };
    memo.set(index, m);
  }
  const key = JSON.stringify([req.cwd, req.packages, req.subcommand, req.cgo, req.goos, req.goarch, req.tags]);
  const hit = m.results.get(key);
  if (hit) return hit;
  const result = resolveUncached(index, req);
  if (m.results.size >= MEMO_SIZE) m.results.clear();
  m.results.set(key, result);
  return result;
}

function resolveUncached(index: WorkspaceIndex, req: ProgramRequest): ProgramFacts {
  if (req.cwd === undefined) return assumedProgram('the working directory of the go command is not known');
  if (req.packages.some((p) => p === undefined)) return assumedProgram('a package argument is only known at build time');
  const cwdModule = index.moduleFor(req.cwd);
  if (!cwdModule) return assumedProgram(`no go.mod at or above ${display(index, req.cwd)}`);
  const args = (req.packages as string[]).filter((p) => p !== '');
  const roots: Pkg[] = [];
  const files = args.filter((a) => a.endsWith('.go'));
  const patterns = args.filter((a) => !a.endsWith('.go'));
  if (files.length) {
    const dir = joinUri(req.cwd, dirOfRel(files[0]));
    roots.push({ dir, module: index.moduleFor(dir), only: new Set(files.map((f) => f.slice(f.lastIndexOf('/') + 1))), root: true });
  }
  if (!files.length && !patterns.length) patterns.push('.');
  const work = index.workFor(req.cwd);
  const workspaceModules = modulesInScope(index, cwdModule, work);
  for (const pat of patterns) {
    if (pat.includes('@')) return assumedProgram(`\`${pat}\` is a module version, not workspace code`);
    if (pat === 'all' || pat === 'std' || pat === 'cmd') return assumedProgram(`the \`${pat}\` pattern is not resolved`);
    const local = pat === '.' || pat === '..' || pat.startsWith('./') || pat.startsWith('../') || pat.startsWith('/');
    if (local) {
      if (pat.startsWith('/')) return assumedProgram(`\`${pat}\` is an absolute path`);
      const wild = pat.endsWith('/...') ? pat.slice(0, -4) : pat === '...' ? '.' : undefined;
      if (wild !== undefined) {
        const base = joinUri(req.cwd, wild);
        const dirs = index.dirsUnder(base).filter((d) => index.moduleFor(d) === index.moduleFor(base) && !hiddenBelow(d, base));
        const mains = dirs.filter((d) => buildable(index, d).length > 0);
        if (!mains.length) return assumedProgram(`no Go package matches \`${pat}\``);
        for (const d of mains) roots.push({ dir: d, module: index.moduleFor(d), root: true });
      } else {
        const dir = joinUri(req.cwd, pat);
        roots.push({ dir, module: index.moduleFor(dir), root: true });
      }
      continue;
    }
    // An import path (with `...` wildcards) of a workspace module.
    if (pat.includes('...')) {
      const re = new RegExp('^' + pat.split('...').map(escapeRe).join('.*') + '$');
      let matched = 0;
      for (const m of workspaceModules) {
        for (const d of index.dirsUnder(m.dir)) {
          if (index.moduleFor(d) !== m) continue;
          const ip = importPathOf(m, d);
          if (ip && re.test(ip) && buildable(index, d).length) {
            roots.push({ dir: d, module: m, root: true });
            matched++;
          }
        }
      }
      if (!matched) return assumedProgram(`no workspace package matches \`${pat}\``);
      continue;
    }
    const dir = resolveImportPath(index, pat, workspaceModules);
    if (!dir) return assumedProgram(`\`${pat}\` is not a package of the workspace`);
    roots.push({ dir, module: index.moduleFor(dir), root: true });
  }

  const facts: ProgramFacts = {
    known: true, why: '', packageDirs: [], module: { path: cwdModule.facts.module?.path ?? '', uri: cwdModule.uri }, ownCgo: [], cgoModules: [],
    usesNet: false, usesTLS: false, usesOsUser: false, loadsTimezones: false, importsTzdata: false, usesPlugin: false, evidence: {}, opaqueImports: [],
  };
  const ctx: ConstraintContext = { cgo: truthOf(req.cgo), goos: req.goos, goarch: req.goarch, tags: req.tags };
  const seen = new Set<string>();
  const queue: Pkg[] = [];
  for (const r of roots) {
    const key = r.dir + (r.only ? `#${[...r.only].join(',')}` : '');
    if (seen.has(key)) continue;
    seen.add(key);
    queue.push(r);
  }
  const seenModules = new Set<string>();
  const scopes = new Map<IndexedModule | undefined, IndexedModule[]>();
  const resolved = new Map<string, string | undefined>();
  const tlsHttp: { loc: Location; what: string; plain: boolean }[] = [];
  for (let q = 0; q < queue.length && q < MAX_PACKAGES; q++) {
    const pkg = queue[q];
    const all = index.filesIn(pkg.dir).filter((f) => !pkg.only || pkg.only.has(f.name));
    const withTests = pkg.root && req.subcommand === 'test';
    const candidates = all.filter((f) => !f.test || withTests);
    if (!candidates.length) {
      if (pkg.root) return assumedProgram(`no Go files in ${display(index, pkg.dir)}`);
      continue;
    }
    facts.packageDirs.push(pkg.dir);
    const included = candidates.filter((f) => fileTruth(f, ctx) !== 'no');
    // Own cgo code: files that import "C" and are built when cgo is on.
    const cgoFiles = candidates.filter((f) => f.facts.importsC && fileTruth(f, { ...ctx, cgo: 'yes' }) !== 'no');
    if (cgoFiles.length) {
      const off = candidates.filter((f) => fileTruth(f, { ...ctx, cgo: 'no' }) === 'yes');
      const own: OwnCgoPackage = {
        loc: { uri: cgoFiles[0].uri, range: cgoFiles[0].facts.importsC! },
        dir: pkg.dir,
        importPath: pkg.module ? importPathOf(pkg.module, pkg.dir) : undefined,
        onlyCgo: candidates.every((f) => fileTruth(f, { ...ctx, cgo: 'no' }) === 'no'),
        fallback: off.some((f) => mentionsNotCgo(f.facts.goBuild, f.facts.plusBuild)),
      };
      facts.ownCgo.push(own);
    }
    const scope = scopes.get(pkg.module) ?? modulesFor(index, pkg.module, work);
    scopes.set(pkg.module, scope);
    const resolveIn = (p: string): string | undefined => {
      const key = `${pkg.module?.uri ?? ''}\u0000${p}`;
      if (resolved.has(key)) return resolved.get(key);
      const dir = resolveImportPath(index, p, scope);
      resolved.set(key, dir);
      return dir;
    };
    for (const f of included) {
      for (const imp of f.facts.imports) {
        const loc: Location = { uri: f.uri, range: imp.range };
        const p = imp.path;
        if (p === 'C' || p === '') continue;
        const dir = resolveIn(p);
        if (!dir && isStd(p)) {
          stdFacts(facts, p, loc);
          continue;
        }
        if (dir) {
          if (!seen.has(dir)) {
            seen.add(dir);
            queue.push({ dir, module: index.moduleFor(dir), root: false });
          }
          continue;
        }
        const requireOf = (modulePath: string) => findRequire(index, modulePath, pkg.module ?? cwdModule, work);
        const hit = cgoModuleForImport(p, (mp) => requireOf(mp)?.version);
        if (hit) {
          const key = `${hit.module}\u0000${p}`;
          if (seenModules.has(key)) continue;
          seenModules.add(key);
          const req = requireOf(hit.module);
          const m: ProgramCgoModule = { module: hit.module, importPath: p, entry: hit.entry, importLoc: loc, ...(req ? { requireLoc: req.loc, version: req.version } : {}) };
          facts.cgoModules.push(m);
          continue;
        }
        if (!facts.opaqueImports.includes(p) && facts.opaqueImports.length < 20) facts.opaqueImports.push(p);
      }
      for (const use of f.facts.uses) {
        const loc: Location = { uri: f.uri, range: use.range };
        switch (use.kind) {
          case 'timezone':
            facts.loadsTimezones = true;
            facts.evidence.timezone ??= loc;
            break;
          case 'osUser':
            facts.evidence.osUserCall ??= { loc, what: use.name };
            break;
          case 'plugin':
            break;
          case 'httpClient':
            tlsHttp.push({ loc, what: use.name, plain: use.plainHttp === true });
            break;
          case 'tlsClient':
            tlsHttp.push({ loc, what: use.name, plain: false });
            break;
        }
      }
    }
  }
  const tls = tlsHttp.find((t) => !t.plain);
  if (tls) {
    facts.usesTLS = true;
    facts.evidence.tls = { loc: tls.loc, what: tls.what };
  }
  // Opaque imports may import net themselves (most modules that talk to anything do): keep the assumption.
  if (!facts.usesNet && facts.opaqueImports.length) facts.usesNet = true;
  const mod = facts.module?.path ? `module ${facts.module.path}` : `the module in ${display(index, cwdModule.dir)}`;
  const rootsText = roots.map((r) => displayPkg(index, r.dir, cwdModule)).slice(0, 3).join(', ') + (roots.length > 3 ? ` and ${roots.length - 3} more` : '');
  facts.why = `${rootsText} of ${mod} (${facts.packageDirs.length} workspace package${facts.packageDirs.length === 1 ? '' : 's'} compiled)`;
  return facts;
}

function stdFacts(facts: ProgramFacts, p: string, loc: Location): void {
  if (importsNet(p)) {
    facts.usesNet = true;
    facts.evidence.net ??= loc;
  }
  if (p === 'os/user') {
    facts.usesOsUser = true;
    facts.evidence.osUser ??= loc;
  }
  if (p === 'plugin') {
    facts.usesPlugin = true;
    facts.evidence.plugin ??= loc;
  }
  if (p === 'time/tzdata') facts.importsTzdata = true;
}

function truthOf(c: CgoState): Truth {
  return c === 'on' ? 'yes' : c === 'off' ? 'no' : 'unknown';
}

/** Is the file part of the build? Files importing "C" are built only with cgo. */
function fileTruth(f: IndexedGoFile, ctx: ConstraintContext): Truth {
  let t = fileNameTruth(f.name, ctx);
  if (t === 'no') return 'no';
  const c = f.facts.goBuild !== undefined ? evalGoBuild(f.facts.goBuild, ctx) : f.facts.plusBuild.length ? evalPlusBuild(f.facts.plusBuild, ctx) : 'yes';
  if (c === 'no') return 'no';
  if (c === 'unknown') t = 'unknown';
  if (f.facts.importsC) {
    if (ctx.cgo === 'no') return 'no';
    if (ctx.cgo === 'unknown') t = 'unknown';
  }
  return t;
}

/** The package's non-test files (a directory with only tests is no package for `go build`). */
function buildable(index: WorkspaceIndex, dir: string): IndexedGoFile[] {
  return index.filesIn(dir).filter((f) => !f.test);
}

/** The modules whose packages count as workspace code from `from`: the go.work's modules, or `from` and its local replaces. */
function modulesInScope(index: WorkspaceIndex, from: IndexedModule, work: ReturnType<WorkspaceIndex['workFor']>): IndexedModule[] {
  const out: IndexedModule[] = [];
  const add = (m: IndexedModule | undefined) => {
    if (m && !out.includes(m)) out.push(m);
  };
  if (work && isWithin(from.dir, work.dir)) {
    for (const u of work.facts.uses) add(index.moduleAt(joinUri(work.dir, u.dir)));
    add(from);
    for (const r of work.facts.replaces) if (r.local) add(index.moduleAt(joinUri(work.dir, r.to)));
  } else {
    add(from);
  }
  for (const r of from.facts.replaces) if (r.local) add(index.moduleAt(joinUri(from.dir, r.to)));
  return out;
}

function modulesFor(index: WorkspaceIndex, m: IndexedModule | undefined, work: ReturnType<WorkspaceIndex['workFor']>): IndexedModule[] {
  return m ? modulesInScope(index, m, work) : [];
}

/** The directory of a workspace package with this import path, if one of `modules` provides it. */
function resolveImportPath(index: WorkspaceIndex, importPath: string, modules: IndexedModule[]): string | undefined {
  let best: { m: IndexedModule; len: number } | undefined;
  for (const m of modules) {
    const mp = m.facts.module?.path;
    if (!mp) continue;
    if (importPath !== mp && !importPath.startsWith(mp + '/')) continue;
    if (!best || mp.length > best.len) best = { m, len: mp.length };
  }
  if (!best) return undefined;
  const rest = importPath.slice(best.len + 1);
  const dir = rest ? joinUri(best.m.dir, rest) : best.m.dir;
  // A directory that belongs to a nested module is not this module's package.
  if (index.moduleFor(dir) !== best.m) return undefined;
  return dir;
}

function importPathOf(m: IndexedModule, dir: string): string | undefined {
  const mp = m.facts.module?.path;
  const rel = relativeTo(dir, m.dir);
  if (!mp || rel === undefined) return undefined;
  return rel ? `${mp}/${rel}` : mp;
}

/** The require of `modulePath` in the importing module's go.mod (else the go.work modules'). */
function findRequire(index: WorkspaceIndex, modulePath: string, from: IndexedModule, work: ReturnType<WorkspaceIndex['workFor']>): { loc: Location; version?: string } | undefined {
  for (const m of [from, ...modulesInScope(index, from, work)]) {
    const r = m.facts.requires.find((x) => x.path === modulePath);
    if (r) return { loc: { uri: m.uri, range: r.range }, version: r.version };
  }
  return undefined;
}

function hiddenBelow(dir: string, base: string): boolean {
  const rel = relativeTo(dir, base);
  return rel !== undefined && rel.split('/').some((s) => s.startsWith('.') || s.startsWith('_') || s === 'testdata' || s === 'vendor');
}

function dirOfRel(file: string): string {
  const i = file.lastIndexOf('/');
  return i < 0 ? '.' : file.slice(0, i);
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function display(index: WorkspaceIndex, dir: string): string {
  for (const r of index.roots()) {
    const rel = relativeTo(dir, r);
    if (rel !== undefined) return rel ? `\`${rel}\`` : 'the workspace root';
  }
  return `\`${decodeURIComponent(dir.replace(/^file:\/\//, ''))}\``;
}

function displayPkg(index: WorkspaceIndex, dir: string, m: IndexedModule): string {
  const rel = relativeTo(dir, m.dir);
  if (rel !== undefined) return `package \`./${rel}\``.replace('`./`', '`.`');
  return `package ${display(index, dir)}`;
}

