import type { EnvValue, GoFlag, GoSubcommand, LdflagsInfo, Location, Word } from '../../model/types';

/** Flags of `go build/install/test/run` that take a value (everything else is boolean). */
const VALUE_FLAGS = new Set([
  'o', 'p', 'tags', 'ldflags', 'gcflags', 'asmflags', 'gccgoflags', 'buildmode', 'installsuffix', 'mod', 'modfile',
  'overlay', 'pkgdir', 'toolexec', 'compiler', 'C', 'pgo', 'coverpkg', 'covermode', 'exec', 'run', 'bench', 'count',
  'timeout', 'cpu', 'parallel', 'benchtime', 'coverprofile', 'cpuprofile', 'memprofile', 'blockprofile', 'outputdir',
  'json', 'shuffle', 'skip', 'fuzz', 'fuzztime', 'vet', 'list',
]);
const BOOL_FLAGS_WITH_OPTIONAL_VALUE = new Set(['race', 'msan', 'asan', 'a', 'trimpath', 'buildvcs', 'linkshared', 'cover', 'v', 'x', 'n', 'work', 'i', 'short', 'failfast', 'benchmem', 'json']);

export interface ParsedGoCommand {
  tool: 'go' | 'xx-go';
  subcommand: GoSubcommand;
  commandLoc: Location;
  flags: GoFlag[];
  tags: { values: string[]; loc?: Location };
  ldflags?: LdflagsInfo;
  buildmode?: { value: string; loc: Location };
  sanitizers: { name: '-race' | '-msan' | '-asan'; loc: Location }[];
  output?: Word;
  packages: Word[];
  fromGoflags: GoFlag[];
}

export function isGoTool(name: string | undefined): 'go' | 'xx-go' | undefined {
  if (!name) return undefined;
  const base = name.slice(name.lastIndexOf('/') + 1);
  if (base === 'go') return 'go';
  if (base === 'xx-go') return 'xx-go';
  return undefined;
}

const SUBCOMMANDS: Record<string, GoSubcommand> = { build: 'build', install: 'install', run: 'run', test: 'test', vet: 'vet', generate: 'generate' };

/** Parse `go <sub> [flags] [packages]` from resolved words. Returns undefined for go commands that don't build. */
export function parseGoCommand(tool: 'go' | 'xx-go', name: Word, args: Word[], env: Record<string, EnvValue>): ParsedGoCommand | undefined {
  const sub = args[0]?.value;
  const subcommand = sub ? SUBCOMMANDS[sub] : undefined;
  if (!subcommand || subcommand === 'generate' || subcommand === 'vet') return undefined;
  const commandLoc: Location = { uri: name.loc.uri, range: { start: name.loc.range.start, end: args[0].loc.range.end } };
  const flags: GoFlag[] = [];
  const packages: Word[] = [];
  let i = 1;
  for (; i < args.length; i++) {
    const w = args[i];
    const v = w.value;
    if (v === undefined) {
      if (w.raw.startsWith('-')) continue;
      packages.push(w);
      continue;
    }
    if (v === '--') {
      i++;
      break;
    }
    if (!v.startsWith('-') || v === '-') {
      packages.push(w);
      // `go run pkg args…` / `go test pkgs -run X`: after the first package, go run passes the rest to the program.
      if (subcommand === 'run') break;
      continue;
    }
    const body = v.replace(/^--?/, '');
    const eq = body.indexOf('=');
    const fname = eq >= 0 ? body.slice(0, eq) : body;
    if (eq >= 0) {
      const valueText = body.slice(eq + 1);
      const prefixLen = w.raw.length - v.length === 0 && w.verbatim !== false ? v.length - valueText.length : -1;
      const valueLoc = prefixLen >= 0 ? shift(w.loc, prefixLen) : w.loc;
      flags.push({ name: '-' + fname, value: { value: valueText, raw: valueText, loc: valueLoc }, loc: w.loc });
    } else if (VALUE_FLAGS.has(fname) && !BOOL_FLAGS_WITH_OPTIONAL_VALUE.has(fname)) {
      const val = args[i + 1];
      i++;
      flags.push({ name: '-' + fname, value: val, loc: val ? span(w.loc, val.loc) : w.loc });
    } else {
      flags.push({ name: '-' + fname, loc: w.loc });
    }
  }
  for (; i < args.length; i++) if (subcommand !== 'run' && subcommand !== 'test') packages.push(args[i]);

  const fromGoflags = goflags(env.GOFLAGS);
  const all = [...fromGoflags, ...flags];
  const tags: ParsedGoCommand['tags'] = { values: [] };
  let ldflags: LdflagsInfo | undefined;
  let buildmode: ParsedGoCommand['buildmode'];
  const sanitizers: ParsedGoCommand['sanitizers'] = [];
  let output: Word | undefined;
  for (const f of all) {
    const val = f.value?.value;
    switch (f.name) {
      case '-tags':
        if (val !== undefined) {
          tags.values = val.split(/[\s,]+/).filter(Boolean);
          tags.loc = f.loc;
        }
        break;
      case '-ldflags':
        if (val !== undefined && f.value) ldflags = parseLdflags(val, f.value.loc);
        break;
      case '-buildmode':
        if (val !== undefined) buildmode = { value: val, loc: f.loc };
        break;
      case '-race':
      case '-msan':
      case '-asan':
        if (val === undefined || val === 'true' || f.value === undefined) sanitizers.push({ name: f.name, loc: f.loc });
        break;
      case '-o':
        output = f.value;
        break;
    }
  }
  return { tool, subcommand, commandLoc, flags: all, tags, ldflags, buildmode, sanitizers, output, packages, fromGoflags };
}

/** GOFLAGS is a space-separated list of -flag=value settings applied to every go command. */
function goflags(env: EnvValue | undefined): GoFlag[] {
  if (!env?.value) return [];
  const loc = env.valueLoc ?? env.loc;
  if (!loc) return [];
  const out: GoFlag[] = [];
  for (const part of env.value.split(/\s+/).filter(Boolean)) {
    const body = part.replace(/^--?/, '');
    const eq = body.indexOf('=');
    const name = '-' + (eq >= 0 ? body.slice(0, eq) : body);
    out.push(eq >= 0 ? { name, value: { value: body.slice(eq + 1), raw: body.slice(eq + 1), loc }, loc } : { name, loc });
  }
  return out;
}

/** Split like Go's quoted.Split: fields separated by spaces, single or double quotes group. */
export function splitQuotedFields(s: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < s.length) {
    while (i < s.length && /\s/.test(s[i])) i++;
    if (i >= s.length) break;
    const q = s[i];
    if (q === '"' || q === "'") {
      const end = s.indexOf(q, i + 1);
      if (end < 0) {
        out.push(s.slice(i + 1));
        break;
      }
      out.push(s.slice(i + 1, end));
      i = end + 1;
    } else {
      const start = i;
      while (i < s.length && !/\s/.test(s[i])) i++;
      out.push(s.slice(start, i));
    }
  }
  return out;
}

export function parseLdflags(text: string, loc: Location): LdflagsInfo {
  const fields = splitQuotedFields(text);
  let linkmodeExternal = false;
  let extStatic = false;
  let extStaticPie = false;
  let s = false;
  let w = false;
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i].replace(/^--?/, '-');
    if (f === '-linkmode') linkmodeExternal ||= fields[i + 1] === 'external';
    else if (f.startsWith('-linkmode=')) linkmodeExternal ||= f.slice(10) === 'external';
    else if (f === '-extldflags' || f.startsWith('-extldflags=')) {
      const value = f === '-extldflags' ? fields[++i] ?? '' : f.slice(12);
      const ext = splitQuotedFields(value);
      if (ext.includes('-static-pie')) extStaticPie = true;
      else if (ext.includes('-static') || ext.includes('--static')) extStatic = true;
    } else if (f === '-s') s = true;
    else if (f === '-w') w = true;
  }
  return { text, loc, linkmodeExternal, extldflagsStatic: extStatic, extldflagsStaticPie: extStaticPie, stripped: s && w };
}

function shift(loc: Location, chars: number): Location {
  const start = { line: loc.range.start.line, character: loc.range.start.character + chars };
  return { uri: loc.uri, range: { start, end: loc.range.end.line === start.line && loc.range.end.character < start.character ? start : loc.range.end } };
}

function span(a: Location, b: Location): Location {
  return { uri: a.uri, range: { start: a.range.start, end: b.range.end } };
}
