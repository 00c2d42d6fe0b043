import type { BuildPlan, Location, Range } from '../model/types';

export type Severity = 'error' | 'warning' | 'information' | 'hint';
export type RuleId = `CGO${number}`;

export interface RuleMeta {
  id: RuleId;
  /** kebab-case name, stable like the id. */
  name: string;
  /** One line for lists and settings descriptions. */
  title: string;
  severity: Severity;
  /** Markdown paragraph: what it means and why it matters (used in hovers and docs). */
  summary: string;
  /** Diagnostic tags, e.g. Unnecessary for code that has no effect. */
  tags?: ('unnecessary')[];
}

export interface TextEditSpec { uri: string; range: Range; newText: string }

export interface Fix {
  title: string;
  /** The first preferred fix is what `Ctrl+.` offers first. */
  preferred: boolean;
  /** Safe fixes are applied by source.fixAll. */
  safe: boolean;
  edits: TextEditSpec[];
}

export interface RelatedInfo { loc: Location; message: string }

/** What a rule reports; severity comes from the registry and the user's configuration. */
export interface RuleFinding {
  loc: Location;
  message: string;
  related?: RelatedInfo[];
  fixes?: Fix[];
  /** Override the rule's default severity for this finding (e.g. lowered when it rests on an assumption). */
  severity?: Severity;
  /** Stage index, for `# cgo-lens stage ignore=`. */
  stage?: number;
}

export interface Finding extends RuleFinding {
  code: RuleId;
  severity: Severity;
  related: RelatedInfo[];
  fixes: Fix[];
  tags?: ('unnecessary')[];
}

export interface RuleContext {
  plan: BuildPlan;
  /** Full text of the analysed file, for fixes that need to look at surrounding text. */
  text: string;
}

export interface Rule {
  meta: RuleMeta;
  check(ctx: RuleContext): RuleFinding[];
}
