// The post-read step that connects a build plan to the workspace index (readers stay ignorant of it):
//
//  * every go build/install/run/test gets `program` — the workspace packages it compiles and what they need — and its
//    linkage is decided again with that knowledge (a program that provably links no cgo code is static even with
//    cgo on);
//  * the per-build results are recorded in the index, so a go.mod can ask which builds compile a cgo module with
//    cgo off (`index.buildsUsing(module)`);
//  * a go.mod plan gets, per require of a catalogued module, the builds that compile it with cgo off.
//
// Working directories: a Dockerfile's go command is mapped through its WORKDIR / COPY instructions with the
// Dockerfile's directory as the build context (see workspace/index/dockerContext.ts); Makefiles, Taskfiles and
// GoReleaser configs run in their own directory; workflows at the repository root; scripts in their directory.
// When nothing resolves there, the parent directories (up to the workspace folder) are tried: `docker build -f
// build/Dockerfile .` and `scripts/build.sh` run from the root are common.
import type { BuildPlan, GoInvocation, ProgramFacts } from '../model/types';
import { decideLinkage } from '../model/linkage';
import { assumedProgram } from '../model/program';
import { cgoModulesForModule } from '../knowledge/cgoModules';
import type { BuildRecord, WorkspaceIndex } from '../workspace/index/index';
import { resolveProgram } from '../workspace/index/programs';
import { dockerWorkingDirs, type DockerCwd } from '../workspace/index/dockerContext';
import { dirOf, isWithin, joinUri, normalizeFileUri } from '../workspace/index/uris';

const BUILDING = new Set(['build', 'install', 'run', 'test']);
/** Parent directories tried when nothing resolves in the file's own directory. */
const MAX_CLIMB = 4;

export function attachPrograms(plan: BuildPlan, text: string, index: WorkspaceIndex | undefined): void {
  if (!index || !index.isReady()) return;
  if (plan.kind === 'gomod') {
    attachGoModBuilds(plan, index);
    return;
  }
  const records: BuildRecord[] = [];
  if (plan.invocations.length) {
    const docker = plan.kind === 'dockerfile' ? dockerWorkingDirs(plan, text) : undefined;
    for (const inv of plan.invocations) {
      if (!BUILDING.has(inv.subcommand)) continue;
      const program = programFor(inv, plan, index, docker?.get(inv.id));
      inv.program = program;
      if (program.known) {
        inv.linkage = decideLinkage({ cgo: inv.cgo, host: inv.host, target: inv.target, tags: inv.tags.values, ldflags: inv.ldflags, buildmode: inv.buildmode?.value, program });
        records.push({
          buildUri: plan.uri,
          commandLoc: inv.commandLoc,
          cgo: inv.cgo.state,
          cgoWhy: inv.cgo.reasons[0]?.text ?? `cgo is ${inv.cgo.state}`,
          modules: program.cgoModules.map((m) => ({ module: m.module, gomodUri: m.requireLoc?.uri })),
        });
      }
    }
  }
  index.recordBuilds(plan.uri, records);
}

function programFor(inv: GoInvocation, plan: BuildPlan, index: WorkspaceIndex, docker: DockerCwd | undefined): ProgramFacts {
  const fileUri = normalizeFileUri(plan.uri);
  if (!fileUri.startsWith('file:')) return assumedProgram('the build file is not on disk');
  let base: string;
  let rel: string | undefined = '';
  if (plan.kind === 'dockerfile') {
    base = dirOf(fileUri);
    rel = docker ? docker.contextPath : undefined;
    if (rel === undefined) return assumedProgram('the working directory of the go command is only known at build time');
  } else if (plan.kind === 'workflow') {
    const i = fileUri.indexOf('/.github/workflows/');
    base = i > 0 ? fileUri.slice(0, i) : dirOf(fileUri);
  } else {
    base = dirOf(fileUri);
  }
  const packages = inv.packages.map((p) => p.value);
  const req = {
    packages,
    subcommand: inv.subcommand,
    cgo: inv.cgo.state,
    goos: inv.target.goos?.value || (plan.kind === 'dockerfile' && inv.target.goos === undefined ? 'linux' : undefined),
    goarch: inv.target.goarch?.value || undefined,
    tags: inv.tags.values,
  };
  const root = index.roots().find((r) => isWithin(base, r));
  let dir = base;
  let first: ProgramFacts | undefined;
  for (let climb = 0; climb <= MAX_CLIMB; climb++) {
    const program = resolveProgram(index, { ...req, cwd: joinUri(dir, rel) });
    if (program.known) return program;
    first ??= program;
    // Only a directory problem is worth another try; an argument known only at build time stays unknown.
    if (packages.some((p) => p === undefined)) break;
    const up = dirOf(dir);
    if (up === dir || (root !== undefined && !isWithin(up, root)) || (root === undefined && climb >= 1)) break;
    dir = up;
  }
  return first ?? assumedProgram('not resolved');
}

function attachGoModBuilds(plan: BuildPlan, index: WorkspaceIndex): void {
  const gomod = plan.gomod;
  if (!gomod) return;
  for (const r of gomod.requires) {
    if (!cgoModulesForModule(r.path, r.version).length) continue;
    const builds = index.buildsUsing(r.path, plan.uri).filter((b) => b.cgo === 'off');
    if (builds.length) r.cgoOffBuilds = builds.map((b) => ({ loc: b.commandLoc, cgoWhy: b.cgoWhy }));
  }
  plan.dependencies = [...new Set([...(plan.dependencies ?? []), ...index.buildFiles()])];
}

/**
 * Make sure every build file the index knows was analysed against the current index (so `buildsUsing` is
 * complete) before a go.mod asks. `analyse` reads and attaches one file (it must end in `recordBuilds`).
 */
export function refreshBuildRecords(index: WorkspaceIndex, read: (uri: string) => string | undefined, analyse: (uri: string, text: string) => void): void {
  for (const uri of index.buildFiles()) {
    if (index.hasFreshRecord(uri)) continue;
    const text = read(uri);
    if (text === undefined) {
      index.removeBuildFile(uri);
      continue;
    }
    analyse(uri, text);
    if (!index.hasFreshRecord(uri)) index.recordBuilds(uri, []);
  }
}
