/** Plain-JS shell syntax trees (see parser.ts `parseShellTree`). */

/**
 * One node of a shell syntax tree, copied out of tree-sitter into plain JS objects: the interpreter reads many
 * properties of many nodes, and each read of a tree-sitter `Node` crosses into WASM (and allocates). The subset of the
 * `Node` API the interpreter uses, with the same meaning. Immutable, so one tree can be shared by every analysis of
 * the same shell text.
 */
export class ShellNode {
  readonly children: readonly ShellNode[];
  /** The field this node fills in its parent (`name`, `value`, `body`, …), or null. */
  readonly field: string | null;
  private named?: readonly ShellNode[];

  constructor(
    readonly type: string,
    readonly isNamed: boolean,
    readonly startIndex: number,
    readonly endIndex: number,
    field: string | null,
    children: readonly ShellNode[],
    private readonly source: string,
  ) {
    this.field = field;
    this.children = children;
  }

  get text(): string {
    return this.source.slice(this.startIndex, this.endIndex);
  }

  get childCount(): number {
    return this.children.length;
  }

  get namedChildren(): readonly ShellNode[] {
    this.named ??= this.children.length === 0 ? NO_NODES : this.children.filter((c) => c.isNamed);
    return this.named;
  }

  child(i: number): ShellNode | null {
    return this.children[i] ?? null;
  }

  namedChild(i: number): ShellNode | null {
    return this.namedChildren[i] ?? null;
  }

  childForFieldName(name: string): ShellNode | null {
    for (const c of this.children) if (c.field === name) return c;
    return null;
  }

  fieldNameForChild(i: number): string | null {
    return this.children[i]?.field ?? null;
  }
}

export const NO_NODES: readonly ShellNode[] = Object.freeze([]);
