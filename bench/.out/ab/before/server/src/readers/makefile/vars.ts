import type { EnvValue, Location } from '../../model/types';
import type { AssignOp } from './syntax';

/** One assignment written in a Makefile (global, target- or pattern-specific). */
export interface MakeAssignment {
  name: string;
  op: AssignOp;
  /** The value as written. */
  raw: string;
  /** The value after expansion, when known at read time (simple variables, or raw text without references). */
  value: string | undefined;
  loc: Location;
  valueLoc: Location;
  /** Where `export ` goes to export it (start of the statement, before `override`). */
  insertAt: Location;
  /** Written with the `export` modifier. */
  exported: boolean;
}

export type MakeOrigin = 'default' | 'environment' | 'file' | 'command line' | 'override' | 'automatic';

/** A make variable: flavour, value, where it came from and whether it is exported to recipes. */
export interface MakeVar {
  name: string;
  flavor: 'recursive' | 'simple';
  /** Recursive: the unexpanded text; simple: the value. Undefined when it cannot be known statically. */
  text: string | undefined;
  origin: MakeOrigin;
  export: 'export' | 'unexport' | 'default';
  /** The Makefile assignments that may have produced the value (several after `+=` or conditionals). */
  assignments: MakeAssignment[];
  /** Environment and command-line values: where they came from (the Dockerfile's ENV, `make X=1`). */
  env?: EnvValue;
  /** Set on some conditional branches only. */
  conditional?: boolean;
  /**
   * make found the variable in its environment: it stays exported even when the Makefile changes its value
   * (GNU make marks every imported variable for export).
   */
  fromEnv?: boolean;
}

export interface VarScope {
  get(name: string): MakeVar | undefined;
  names(): Iterable<string>;
}

interface Frame {
  /** Values before the conditional, for every name a branch touched. */
  prior: Map<string, MakeVar | undefined>;
  /** Names touched by the current branch. */
  touched: Set<string>;
  /** Finished branches: their values of the names they touched. */
  branches: Map<string, MakeVar | undefined>[];
  hasElse: boolean;
}

/**
 * The global variables while a Makefile is read. Conditionals are not evaluated: every branch is possible,
 * so each branch runs from the state before the `ifeq` and at `endif` the alternatives are merged — a
 * variable the branches disagree on becomes unknown. A journal of touched names keeps this linear.
 */
export class VarTable implements VarScope {
  private readonly map = new Map<string, MakeVar>();
  private readonly frames: Frame[] = [];

  get(name: string): MakeVar | undefined {
    return this.map.get(name);
  }

  names(): Iterable<string> {
    return this.map.keys();
  }

  set(name: string, v: MakeVar | undefined): void {
    const f = this.frames[this.frames.length - 1];
    if (f) {
      if (!f.prior.has(name)) f.prior.set(name, this.map.get(name));
      f.touched.add(name);
    }
    if (v) this.map.set(name, v);
    else this.map.delete(name);
  }

  open(): void {
    this.frames.push({ prior: new Map(), touched: new Set(), branches: [], hasElse: false });
  }

  /** `else` (also `else ifeq …`): the next branch starts from the state before the conditional. */
  branch(plainElse: boolean): void {
    const f = this.frames[this.frames.length - 1];
    if (!f) return;
    this.finishBranch(f);
    f.hasElse ||= plainElse;
  }

  close(): void {
    const f = this.frames[this.frames.length - 1];
    if (!f) return;
    this.finishBranch(f);
    this.frames.pop();
    // Without a plain `else`, no branch may run at all.
    if (!f.hasElse) f.branches.push(new Map());
    const names = new Set<string>();
    for (const b of f.branches) for (const n of b.keys()) names.add(n);
    for (const n of names) {
      const alts = f.branches.map((b) => (b.has(n) ? b.get(n) : f.prior.get(n)));
      this.set(n, mergeVars(alts));
    }
  }

  closeAll(): void {
    while (this.frames.length) this.close();
  }

  private finishBranch(f: Frame): void {
    const captured = new Map<string, MakeVar | undefined>();
    for (const n of f.touched) {
      captured.set(n, this.map.get(n));
      const before = f.prior.get(n);
      if (before) this.map.set(n, before);
      else this.map.delete(n);
    }
    f.branches.push(captured);
    f.touched = new Set();
  }
}

/** Alternatives of one variable after a conditional: equal → kept; different → unknown value. */
export function mergeVars(alts: (MakeVar | undefined)[]): MakeVar | undefined {
  const first = alts[0];
  if (alts.every((a) => a === first)) return first;
  const defined = alts.filter((a): a is MakeVar => a !== undefined);
  if (defined.length === 0) return undefined;
  const assignments: MakeAssignment[] = [];
  for (const d of defined) for (const a of d.assignments) if (!assignments.includes(a)) assignments.push(a);
  const same = defined.length === alts.length && defined.every((d) => d.flavor === defined[0].flavor && d.text === defined[0].text && d.export === defined[0].export);
  if (same) return { ...defined[0], assignments };
  const anyExport = defined.some((d) => d.export === 'export');
  const base = defined.find((d) => d.origin !== 'environment') ?? defined[0];
  return {
    ...base,
    flavor: 'simple',
    text: undefined,
    export: anyExport ? 'export' : defined.every((d) => d.export === 'unexport') ? 'unexport' : base.export,
    assignments,
    conditional: true,
  };
}

/** Target- and pattern-specific variables layered over their parent scope while a target is made. */
export class LayerScope implements VarScope {
  private readonly own = new Map<string, MakeVar>();
  constructor(private readonly parent: VarScope) {}

  get(name: string): MakeVar | undefined {
    return this.own.get(name) ?? this.parent.get(name);
  }

  set(name: string, v: MakeVar | undefined): void {
    if (v) this.own.set(name, v);
  }

  *names(): Iterable<string> {
    const seen = new Set<string>();
    for (const n of this.own.keys()) {
      seen.add(n);
      yield n;
    }
    for (const n of this.parent.names()) if (!seen.has(n)) yield n;
  }
}
