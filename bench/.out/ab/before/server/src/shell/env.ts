import type { EnvValue, Location } from '../model/types';

export interface ShellVar {
  value: string | undefined;
  exported: boolean;
  /** Origin for exported variables (what a process started now would see). */
  origin: EnvValue;
}

/** Variables that decide how cgo behaves; only these are tracked as ineffective when left unexported. */
export const BUILD_VARS = new Set(['CGO_ENABLED', 'GOOS', 'GOARCH', 'CC', 'CXX', 'GOFLAGS', 'GOARM', 'GOAMD64', 'GOTOOLCHAIN']);

/** A shell's variables at one point of a script. Cheap to clone for subshells and branches. */
export class ShellEnv {
  allexport = false;
  constructor(readonly vars: Map<string, ShellVar> = new Map()) {}

  static fromExported(env: Record<string, EnvValue>): ShellEnv {
    const e = new ShellEnv();
    for (const [name, origin] of Object.entries(env)) e.vars.set(name, { value: origin.value, exported: true, origin });
    return e;
  }

  clone(): ShellEnv {
    const e = new ShellEnv(new Map(this.vars));
    e.allexport = this.allexport;
    return e;
  }

  get(name: string): ShellVar | undefined {
    return this.vars.get(name);
  }

  /** The environment a process started at this point receives. */
  exported(): Record<string, EnvValue> {
    const out: Record<string, EnvValue> = {};
    for (const [name, v] of this.vars) if (v.exported) out[name] = v.origin.value === v.value ? v.origin : { ...v.origin, value: v.value };
    return out;
  }

  set(name: string, value: string | undefined, origin: EnvValue, exported?: boolean): void {
    const prev = this.vars.get(name);
    const isExported = exported ?? (prev?.exported || this.allexport);
    this.vars.set(name, { value, exported: isExported, origin: { ...origin, value } });
  }

  export(name: string, loc: Location, describe: string): void {
    const prev = this.vars.get(name);
    if (prev) this.vars.set(name, { ...prev, exported: true, origin: prev.exported ? prev.origin : { ...prev.origin, origin: 'export', describe, loc: prev.origin.loc ?? loc } });
  }

  unset(name: string): void {
    this.vars.delete(name);
  }

  /**
   * After branches that may or may not run: keep what all alternatives agree on; a variable that differs
   * becomes unknown (its value is set but cannot be known statically).
   */
  static merge(base: ShellEnv, alternatives: ShellEnv[]): ShellEnv {
    const out = base.clone();
    const names = new Set<string>();
    for (const alt of alternatives) for (const n of alt.vars.keys()) names.add(n);
    for (const n of base.vars.keys()) names.add(n);
    for (const n of names) {
      const seen = alternatives.map((a) => a.vars.get(n));
      const first = seen[0];
      const same = seen.every((v) => v?.value === first?.value && v?.exported === first?.exported);
      if (same) {
        if (first) out.vars.set(n, first);
        else out.vars.delete(n);
      } else {
        const any = seen.find((v) => v) as ShellVar;
        out.vars.set(n, { value: undefined, exported: seen.some((v) => v?.exported), origin: { ...any.origin, value: undefined, describe: `${any.origin.describe} (set only on some branches)` } });
      }
    }
    return out;
  }
}
