// The go.mod reader: a plan with no go commands, only the module's directives and requires (for hovers on requires
// of catalogued cgo modules, and for the information diagnostic the service adds when a build of the workspace turns
// cgo off for a program that imports one).
import type { BuildPlan, GoModPlan } from '../../model/types';
import { parseGoMod } from './parse';

export function readGoMod(uri: string, text: string): BuildPlan {
  const facts = parseGoMod(text);
  const loc = (range: import('../../model/types').Range) => ({ uri, range });
  const gomod: GoModPlan = {
    ...(facts.module ? { module: { path: facts.module.path, loc: loc(facts.module.range) } } : {}),
    ...(facts.go ? { go: { version: facts.go.version, loc: loc(facts.go.range) } } : {}),
    ...(facts.toolchain ? { toolchain: { version: facts.toolchain.version, loc: loc(facts.toolchain.range) } } : {}),
    requires: facts.requires.map((r) => ({ path: r.path, version: r.version, indirect: r.indirect, loc: loc(r.range), pathLoc: loc(r.pathRange) })),
    replaces: facts.replaces.map((r) => ({ from: r.from, to: r.to, local: r.local, loc: loc(r.range) })),
  };
  return {
    uri, kind: 'gomod', stages: [], invocations: [], deliveries: [], installs: [], occurrences: [], goEnvWrites: [], godebug: [], loaderSymlinks: [], notes: [],
    gomod,
  };
}
