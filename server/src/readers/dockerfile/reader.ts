import type { Instruction, Property } from 'dockerfile-ast';
import { resolvePosix as resolvePath } from '../../text/posixPath';
import { parseDockerfile } from './parse';
import type {
  Artifact, BuildHost, BuildPlan, EnvValue, GoInvocation, IneffectiveAssignment, Location, Range, Stage, Word,
} from '../../model/types';
import type { CustomImage } from '../../config/settings';
import type { ImageFacts } from '../../knowledge/images';
import { classifyImageCached } from './imageCache';
import { LineIndex } from '../../text/lineIndex';
import { ShellEnv, BUILD_VARS } from '../../shell/env';
import { runShell, type ShellCommand } from '../../shell/interpret';
import { MAX_SHELL_CHARS, SHELL_PARSE_BUDGET_MS } from '../../shell/parser';
import { expandDockerVars } from './expand';
import { runShellSources } from './runSource';
import { StageState, hostFromImage, type FileEntry } from './stageState';
import { buildInvocation } from '../commands/invocation';
import { COMPAT_PACKAGES, C_COMPILERS, LIBC_HEADERS, isLoaderSymlink, packageBaseName, packageChange } from '../commands/packages';
import { isGoTool } from '../commands/goCommand';
import { computeDeliveries } from './deliveries';
import { followCommand, followedWorkdir } from '../commands/followCommand';
import type { WorkspaceFiles } from '../../workspace/files';

export interface DockerfileReadOptions {
  images: Record<string, CustomImage>;
  /** Makefiles and scripts that `RUN make …` / `RUN ./build.sh` run, resolved against the Dockerfile's directory (the build context). */
  files?: WorkspaceFiles;
}

/** Variables BuildKit defines automatically (values depend on the build request). */
const PLATFORM_ARGS = new Set(['TARGETPLATFORM', 'TARGETOS', 'TARGETARCH', 'TARGETVARIANT', 'BUILDPLATFORM', 'BUILDOS', 'BUILDARCH', 'BUILDVARIANT']);

interface GlobalArg { value: string | undefined; loc: Location; valueLoc?: Location }
interface ArgDecl { name: string; raw: string | null; range: Range; valueRange?: Range }

function unquote(v: string): string {
  return v.length >= 2 && (v[0] === '"' || v[0] === "'") && v[v.length - 1] === v[0] ? v.slice(1, -1) : v;
}

export function readDockerfile(uri: string, text: string, options: DockerfileReadOptions): BuildPlan {
  return new DockerfileReader(uri, text, options).read();
}

class DockerfileReader {
  private readonly index: LineIndex;
  private readonly plan: BuildPlan;
  private readonly states: StageState[] = [];
  private readonly globals = new Map<string, GlobalArg>();
  private escape = '\\';
  private invocationCount = 0;
  private readonly dependencies = new Set<string>();

  constructor(private readonly uri: string, text: string, private readonly options: DockerfileReadOptions) {
    this.index = new LineIndex(text);
    this.plan = { uri, kind: 'dockerfile', stages: [], invocations: [], deliveries: [], installs: [], occurrences: [], goEnvWrites: [], godebug: [], loaderSymlinks: [], notes: [] };
  }

  private loc(range: Range): Location {
    return { uri: this.uri, range };
  }

  read(): BuildPlan {
    const dockerfile = parseDockerfile(this.index.text);
    this.escape = dockerfile.getEscapeCharacter();
    let state: StageState | undefined;
    for (const instr of dockerfile.getInstructions()) {
      const keyword = instr.getKeyword().toUpperCase();
      if (keyword === 'FROM') {
        state = this.from(instr);
        continue;
      }
      if (!state) {
        if (keyword === 'ARG') this.globalArg(instr);
        continue;
      }
      switch (keyword) {
        case 'ENV':
          this.env(instr, state);
          break;
        case 'ARG':
          this.stageArg(instr, state);
          break;
        case 'RUN':
          this.run(instr, state);
          break;
        case 'COPY':
        case 'ADD':
          this.copy(instr, state, keyword);
          break;
        case 'WORKDIR':
          this.workdir(instr, state);
          break;
      }
    }
    if (this.plan.stages.length) this.plan.stages[this.plan.stages.length - 1].isFinal = true;
    this.plan.deliveries = computeDeliveries(this.states);
    if (this.dependencies.size) this.plan.dependencies = [...this.dependencies];
    return this.plan;
  }

  // ── ARG / ENV ────────────────────────────────────────────────────────────

  private properties(instr: Instruction): Property[] {
    return (instr as unknown as { getProperties(): Property[] }).getProperties?.() ?? [];
  }

  /**
   * `ARG a=1 b` declares several variables; dockerfile-ast reads `ARG a b` like the legacy `ENV a b` form,
   * so ARG declarations are taken from the argument tokens instead.
   */
  private argDecls(instr: Instruction): ArgDecl[] {
    const out: ArgDecl[] = [];
    for (const a of instr.getArguments()) {
      const text = a.getValue();
      const eq = text.indexOf('=');
      const name = eq < 0 ? text : text.slice(0, eq);
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) continue;
      const range = a.getRange();
      const raw = eq < 0 ? null : unquote(text.slice(eq + 1));
      const valueRange: Range | undefined = eq < 0 ? undefined : { start: { line: range.start.line, character: range.start.character + eq + 1 }, end: range.end };
      out.push({ name, raw, range, valueRange });
    }
    return out;
  }

  private globalArg(instr: Instruction): void {
    for (const d of this.argDecls(instr)) {
      const value = d.raw === null ? undefined : expandDockerVars(d.raw, (n) => this.globalLookup(n), this.escape);
      this.globals.set(d.name, { value, loc: this.loc(d.range), valueLoc: d.valueRange ? this.loc(d.valueRange) : undefined });
      this.occurrence(d.name, d.raw ?? undefined, d.range, d.valueRange, undefined);
    }
  }

  private globalLookup(name: string): string | undefined | null {
    const g = this.globals.get(name);
    if (g) return g.value;
    return PLATFORM_ARGS.has(name) ? undefined : null;
  }

  private env(instr: Instruction, state: StageState): void {
    for (const p of this.properties(instr)) {
      const name = p.getName();
      const raw = p.getValue() ?? '';
      const value = expandDockerVars(raw, (n) => state.lookup(n), this.escape);
      const valueRange = p.getValueRange();
      const line = p.getRange().start.line + 1;
      const ev: EnvValue = {
        name, value, origin: 'dockerfile-env', loc: this.loc(p.getRange()), valueLoc: valueRange ? this.loc(valueRange) : this.loc(p.getRange()),
        describe: `ENV on line ${line}${state.stage.name ? ` (stage \`${state.stage.name}\`)` : ''}`, raw: raw !== value ? raw : undefined,
      };
      state.setEnv(ev);
      this.occurrence(name, value, p.getRange(), valueRange ?? undefined, state);
      if (name === 'GODEBUG' && value && /netdns=cgo/.test(value)) this.plan.godebug.push({ value, loc: ev.valueLoc!, stage: state.stage.index });
    }
  }

  private stageArg(instr: Instruction, state: StageState): void {
    for (const d of this.argDecls(instr)) {
      const name = d.name;
      const raw = d.raw;
      const line = d.range.start.line + 1;
      let value: string | undefined;
      let describe = `ARG on line ${line}`;
      if (raw !== null) value = expandDockerVars(raw, (n) => state.lookup(n), this.escape);
      else if (this.globals.has(name)) {
        value = this.globals.get(name)!.value;
        describe = `ARG on line ${line}, re-declaring the global ARG of line ${this.globals.get(name)!.loc.range.start.line + 1}`;
      } else value = undefined; // --build-arg or the platform decides
      state.declareArg({
        name, value, origin: 'dockerfile-arg', loc: this.loc(d.range), valueLoc: this.loc(d.valueRange ?? d.range), describe,
        raw: value === undefined ? `$${name}` : raw !== null && raw !== value ? raw : undefined,
      });
      this.occurrence(name, raw ?? undefined, d.range, d.valueRange, state);
    }
  }

  private occurrence(name: string, value: string | undefined, range: Range, valueRange: Range | undefined, state: StageState | undefined): void {
    if (!BUILD_VARS.has(name) && name !== 'GODEBUG') return;
    this.plan.occurrences.push({ name, kind: 'assignment', value, loc: this.loc(range), valueLoc: valueRange ? this.loc(valueRange) : undefined, stage: state?.stage.index });
  }

  // ── FROM ────────────────────────────────────────────────────────────────

  private from(instr: Instruction): StageState {
    const index = this.plan.stages.length;
    const args = instr.getArguments();
    const flags = (instr as unknown as { getFlags(): { getName(): string; getValue(): string | null }[] }).getFlags?.() ?? [];
    const platform = flags.find((f) => f.getName().toLowerCase() === 'platform')?.getValue() ?? undefined;
    const positional = args.filter((a) => !a.getValue().startsWith('--'));
    const imageArg = positional[0];
    const name = positional[1]?.getValue().toLowerCase() === 'as' ? positional[2]?.getValue() : undefined;
    const imageRaw = imageArg?.getValue();
    const imageText = imageRaw === undefined ? undefined : expandDockerVars(imageRaw, (n) => this.globalLookup(n), this.escape);
    const parent = imageText ? this.states.findIndex((s) => s.stage.name !== undefined && s.stage.name.toLowerCase() === imageText.toLowerCase()) : -1;
    let image: ImageFacts | undefined;
    if (parent < 0 && imageText) image = classifyImageCached(imageText, this.options.images);
    const stage: Stage = {
      index, name, fromLoc: this.loc(instr.getRange()), imageLoc: imageArg ? this.loc(imageArg.getRange()) : undefined, imageText,
      parent: parent >= 0 ? parent : undefined, image, platformBuild: !!platform && /\$\{?BUILDPLATFORM\b/.test(platform), isFinal: false,
    };
    this.plan.stages.push(stage);
    const parentState = parent >= 0 ? this.states[parent] : undefined;
    const label = imageText ?? imageRaw ?? 'an unknown image';
    const host: BuildHost = parentState ? { ...parentState.host } : hostFromImage(image, label, stage.fromLoc);
    const state = new StageState(stage, host, parentState);
    this.states.push(state);
    return state;
  }

  // ── WORKDIR / COPY ──────────────────────────────────────────────────────

  private workdir(instr: Instruction, state: StageState): void {
    const raw = instr.getArguments()[0]?.getValue();
    if (!raw) return;
    const v = expandDockerVars(raw, (n) => state.lookup(n), this.escape);
    state.workdir = v === undefined ? undefined : resolvePath(state.workdir ?? '/', v);
  }

  private copy(instr: Instruction, state: StageState, keyword: string): void {
    const flags = (instr as unknown as { getFlags(): { getName(): string; getValue(): string | null }[] }).getFlags?.() ?? [];
    const fromRaw = flags.find((f) => f.getName().toLowerCase() === 'from')?.getValue() ?? undefined;
    const args = instr.getArguments().filter((a) => !a.getValue().startsWith('--')).map((a) => expandDockerVars(a.getValue(), (n) => state.lookup(n), this.escape));
    if (args.length < 2) return;
    const dest = args[args.length - 1];
    const sources = args.slice(0, -1);
    const loc = this.loc(instr.getRange());
    // Runtime files copied from anywhere (build context or another stage).
    for (const s of sources) {
      if (!s) continue;
      if (/ca-certificates|\/etc\/ssl\/certs|\/etc\/pki\/tls/.test(s)) state.extras.ca = 'yes';
      if (/zoneinfo/.test(s)) state.extras.tz = 'yes';
      if (/\/etc\/passwd/.test(s)) state.extras.passwd = 'yes';
    }
    if (keyword !== 'COPY' || fromRaw === undefined) return;
    const fromText = expandDockerVars(fromRaw, (n) => this.globalLookup(n), this.escape);
    if (fromText === undefined) return;
    const source = /^\d+$/.test(fromText) ? this.states[Number(fromText)] : this.states.find((s) => s.stage.name?.toLowerCase() === fromText.toLowerCase());
    if (!source || source === state) return;
    state.copiedFrom.add(source.stage.index);
    source.usedLater = true;
    const destResolved = dest === undefined ? undefined : resolvePath(state.workdir ?? '/', dest);
    for (const s of sources) {
      if (s === undefined) continue;
      const matches = source.match(resolvePath('/', s));
      for (const m of matches) {
        const target = destResolved === undefined ? m.entry.artifact.path : destFor(destResolved, m, sources.length > 1);
        const entry: FileEntry = { artifact: m.entry.artifact, via: [...m.entry.via, loc], copyLoc: loc };
        state.files.set(target, entry);
      }
    }
  }

  // ── RUN ─────────────────────────────────────────────────────────────────

  private run(instr: Instruction, state: StageState): void {
    const runLoc = this.loc(instr.getRange());
    const json = (instr as unknown as { getJSONStrings?: () => { getValue(): string; getJSONValue?: () => string; getRange(): Range }[] }).getJSONStrings?.() ?? [];
    const goAfterExport: Location[] = [];
    if (json.length > 0 && /^\s*\[/.test(instr.getRawArgumentsContent() ?? '')) {
      const words: Word[] = json.map((j) => {
        const v = j.getJSONValue ? j.getJSONValue() : j.getValue().replace(/^"|"$/g, '');
        return { value: v, raw: j.getValue(), loc: this.loc(j.getRange()) };
      });
      const cmd: ShellCommand = {
        name: words[0], args: words.slice(1), env: state.exportedEnv(), shellOnly: [], prefixes: [], loc: runLoc,
        insertPrefixAt: { uri: this.uri, range: { start: words[0].loc.range.start, end: words[0].loc.range.start } },
      };
      this.command(cmd, state, goAfterExport, runLoc);
      return;
    }
    for (const source of runShellSources(instr, this.index, this.uri, this.escape)) {
      const shellEnv = ShellEnv.fromExported(state.exportedEnv());
      const result = runShell(source, shellEnv, {
        onCommand: (cmd) => this.command(cmd, state, goAfterExport, runLoc),
        onAssignment: (a) => {
          if (!BUILD_VARS.has(a.name) && a.name !== 'GODEBUG') return;
          this.plan.occurrences.push({ name: a.name, kind: 'assignment', value: a.value, loc: a.loc, valueLoc: a.valueLoc, stage: state.stage.index });
        },
      });
      if (result.skipped) {
        const why = result.skipped === 'too-long' ? `longer than ${MAX_SHELL_CHARS / 1024} KB` : `not parsed within ${SHELL_PARSE_BUDGET_MS} ms`;
        this.plan.notes.push({ message: `RUN script ${why}: not analysed`, loc: runLoc });
      }
      // `export` in this RUN is gone at the next RUN; remember exports no go command here used.
      for (const [name, v] of result.env.vars) {
        const form = v.origin.origin === 'export' ? 'export' : !v.exported ? 'shell' : undefined;
        if (!BUILD_VARS.has(name) || !form || !v.origin.loc) continue;
        if (state.envHas(name, v.origin)) continue;
        const setLoc = v.origin.loc;
        if (goAfterExport.some((g) => after(g, setLoc))) continue;
        state.lostExports.push({
          name, value: v.value, loc: setLoc, valueLoc: v.origin.valueLoc, kind: 'earlier-run',
          why: form === 'export'
            ? `\`export\` on line ${setLoc.range.start.line + 1} only lasts until the end of that RUN; every RUN starts a new shell`
            : `the shell variable set on line ${setLoc.range.start.line + 1} is gone at the end of that RUN (and was never exported); every RUN starts a new shell`,
        });
      }
    }
  }

  private command(cmd: ShellCommand, state: StageState, goSeen: Location[], instructionLoc: Location): void {
    const change = packageChange(cmd);
    if (change?.install) {
      this.plan.installs.push({ ...change.install, stage: state.stage.index });
      const names = change.install.packages.map((p) => packageBaseName(p.value ?? ''));
      const forTarget = change.install.manager.startsWith('xx-');
      if (!forTarget && names.some((n) => C_COMPILERS.has(n))) {
        state.host.cCompiler = 'yes';
        state.host.cCompilerLoc = cmd.loc;
      }
      if (names.some((n) => LIBC_HEADERS.has(n))) state.host.libcHeaders = 'yes';
      if (names.includes('ca-certificates') || names.includes('ca-certificates-bundle')) state.extras.ca = 'yes';
      if (names.includes('tzdata')) state.extras.tz = 'yes';
      if (names.some((n) => COMPAT_PACKAGES.has(n))) state.extras.compat.push(cmd.loc);
      return;
    }
    if (change?.removed) {
      if (change.removed.some((n) => C_COMPILERS.has(packageBaseName(n)))) state.host.cCompiler = 'no';
      return;
    }
    if (isLoaderSymlink(cmd)) {
      this.plan.loaderSymlinks.push({ loc: cmd.loc, stage: state.stage.index });
      state.extras.compat.push(cmd.loc);
      return;
    }
    // `RUN make build` / `RUN ./build.sh`: the go commands there run in this stage, their binaries land here.
    const followed = followCommand(cmd, {
      uri: this.uri, files: this.options.files, host: state.host, dependencies: this.dependencies, cwd: state.workdir, goEnvW: state.goEnvW,
      onBuildPlatform: state.stage.platformBuild, stage: state.stage.index, instructionLoc,
      onInvocation: (inv, where) => {
        inv.via ??= cmd.loc;
        this.plan.invocations.push(inv);
        if (inv.subcommand === 'build' || inv.subcommand === 'install') state.addArtifact(inv, this.outputPath(inv, state, followedWorkdir(state.workdir, where)));
      },
    });
    if (followed) return void goSeen.push(cmd.loc);
    const tool = isGoTool(cmd.name.value);
    if (!tool) return;
    if (cmd.args[0]?.value === 'env' && cmd.args.some((a) => a.value === '-w')) {
      for (const a of cmd.args) {
        const m = a.value && /^CGO_ENABLED=(.*)$/.exec(a.value);
        if (!m) continue;
        this.plan.goEnvWrites.push({ value: m[1], loc: cmd.loc, instructionLoc, wholeInstruction: sameEnd(cmd.loc, instructionLoc), stage: state.stage.index });
        state.goEnvW = { name: 'CGO_ENABLED', value: m[1], origin: 'go-env-w', loc: cmd.loc, describe: `\`go env -w\` on line ${cmd.loc.range.start.line + 1}` };
      }
      return;
    }
    const ineffective: IneffectiveAssignment[] = [];
    for (const s of cmd.shellOnly) {
      ineffective.push({
        name: s.name, value: s.value, loc: s.loc, valueLoc: s.valueLoc, kind: 'shell-variable',
        why: "it only sets a shell variable (`&&` and `;` do not export it), so `go` never sees it",
        fixHint: { insertPrefixAt: cmd.insertPrefixAt },
      });
    }
    for (const lost of state.lostExports) if (!cmd.env[lost.name] && !ineffective.some((i) => i.name === lost.name)) ineffective.push({ ...lost, fixHint: { insertPrefixAt: cmd.insertPrefixAt } });
    for (const [name, g] of this.globals) {
      if (!BUILD_VARS.has(name) || cmd.env[name] || g.value === undefined) continue;
      ineffective.push({
        name, value: g.value, loc: g.loc, valueLoc: g.valueLoc, kind: 'global-arg',
        why: `an ARG declared before the first FROM is only visible to FROM lines; stage ${state.stage.name ? `\`${state.stage.name}\`` : state.stage.index} does not re-declare it`,
        fixHint: { insertPrefixAt: { uri: this.uri, range: { start: { line: state.stage.fromLoc.range.end.line + 1, character: 0 }, end: { line: state.stage.fromLoc.range.end.line + 1, character: 0 } } } },
      });
    }
    const inv = buildInvocation({
      id: `${this.uri}#${this.invocationCount++}`, tool, cmd, host: { ...state.host }, onBuildPlatform: state.stage.platformBuild,
      goEnvW: state.goEnvW, ineffective, stage: state.stage.index, instructionLoc,
    });
    if (!inv) return;
    goSeen.push(cmd.loc);
    this.plan.invocations.push(inv);
    if (inv.subcommand === 'build' || inv.subcommand === 'install') state.addArtifact(inv, this.outputPath(inv, state));
  }

  private outputPath(inv: GoInvocation, state: StageState, workdir = state.workdir): string | undefined {
    const o = inv.output?.value;
    if (inv.subcommand === 'install') {
      const pkg = inv.packages[0]?.value;
      const gobin = inv.env.GOBIN?.value ?? (inv.env.GOPATH?.value ? `${inv.env.GOPATH.value}/bin` : '/go/bin');
      const name = pkg ? lastElement(pkg.replace(/@.*$/, '')) : undefined;
      return name ? `${gobin}/${name}` : undefined;
    }
    if (!o) return undefined;
    if (o.endsWith('/')) {
      const pkg = inv.packages[0]?.value;
      const name = pkg && pkg !== '.' && !pkg.includes('...') ? lastElement(pkg) : undefined;
      return name ? resolvePath(workdir ?? '/', o + name) : undefined;
    }
    return workdir === undefined && !o.startsWith('/') ? undefined : resolvePath(workdir ?? '/', o);
  }
}

function sameEnd(a: Location, b: Location): boolean {
  return a.range.end.line === b.range.end.line && a.range.end.character === b.range.end.character;
}

function lastElement(p: string): string {
  const parts = p.replace(/\/+$/, '').split('/');
  return parts[parts.length - 1];
}

function after(a: Location, b: Location): boolean {
  const x = a.range.start;
  const y = b.range.start;
  return x.line > y.line || (x.line === y.line && x.character > y.character);
}


function destFor(dest: string, m: { entry: FileEntry; relative: string }, many: boolean): string {
  if (many || dest.endsWith('/') || m.relative.includes('/')) return resolvePath(dest, m.relative);
  return dest;
}

export type { Artifact };
