// Small questions about ProgramFacts that the model and several rules ask.
import type { GoInvocation, ProgramFacts, ProgramCgoModule } from './types';
import { needsCgo } from '../knowledge/cgoModules';

/** The common-case assumption when the workspace cannot tell: a main package that uses net. */
export function assumedProgram(why: string): ProgramFacts {
  return {
    known: false, why, packageDirs: [], ownCgo: [], cgoModules: [], usesNet: true, usesTLS: false, usesOsUser: false, loadsTimezones: false,
    importsTzdata: false, usesPlugin: false, evidence: {}, opaqueImports: [],
  };
}

/**
 * Does the program link cgo code when cgo is on? 'no' only when the workspace proves it: every compiled package is
 * known, nothing imports net, os/user or plugin, there is no `import "C"` and no cgo module — and no import leads to
 * code the index cannot see. `withoutStdCgo`: the netgo and osusergo tags take net and os/user out.
 */
export function programLinksCgo(p: ProgramFacts | undefined, withoutStdCgo = false): 'yes' | 'no' | 'maybe' {
  if (!p || !p.known) return 'maybe';
  if (p.ownCgo.length || p.cgoModules.length || p.usesPlugin) return 'yes';
  if (!withoutStdCgo && (p.usesNet || p.usesOsUser)) return 'yes';
  if (p.opaqueImports.length) return 'maybe';
  return 'no';
}

/** Catalogued modules that break without cgo (a stub or a build failure, not a silent fallback). */
export function modulesNeedingCgo(p: ProgramFacts | undefined): ProgramCgoModule[] {
  return p?.known ? p.cgoModules.filter((m) => needsCgo(m.entry)) : [];
}

/** Does the program need cgo to work: own `import "C"` code without a fallback, or a module that breaks without it? */
export function programNeedsCgo(p: ProgramFacts | undefined): boolean {
  if (!p?.known) return false;
  return p.ownCgo.some((c) => !c.fallback) || modulesNeedingCgo(p).length > 0;
}

/** A short phrase naming why the program needs cgo, for messages: "it uses go-sqlite3 (main.go:5)". */
export function needsCgoPhrase(inv: GoInvocation): string | undefined {
  const p = inv.program;
  if (!p?.known) return undefined;
  const m = modulesNeedingCgo(p)[0];
  if (m) return `the program imports ${m.entry.name} (\`${m.importPath}\`), which needs cgo`;
  const own = p.ownCgo.find((c) => !c.fallback);
  if (own) return `the program has its own cgo code (\`import "C"\`${own.importPath ? ` in \`${own.importPath}\`` : ''})`;
  return undefined;
}

/** Related information for the module or the `import "C"` that makes the program need cgo. */
export function needsCgoRelated(inv: GoInvocation): { loc: import('./types').Location; message: string }[] {
  const p = inv.program;
  if (!p?.known) return [];
  const out: { loc: import('./types').Location; message: string }[] = [];
  for (const m of modulesNeedingCgo(p).slice(0, 2)) {
    if (m.requireLoc) out.push({ loc: m.requireLoc, message: `${m.module} is required here; it needs ${m.entry.needs} and cgo.` });
    out.push({ loc: m.importLoc, message: `\`${m.importPath}\` is imported here.` });
  }
  const own = p.ownCgo.find((c) => !c.fallback);
  if (own && out.length === 0) out.push({ loc: own.loc, message: `cgo code: \`import "C"\`.` });
  return out;
}
