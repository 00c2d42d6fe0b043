import type { BuildPlan, Position, Range } from '../model/types';
import type { TextView } from './text';

/** What one hover target contributes: its Markdown, the range it covers and the docs pages it relates to. */
export interface HoverPart {
  markdown: string;
  range: Range;
  /** Rule ids whose docs pages fit, best first (the closing block links them). */
  docs: string[];
}

export interface HoverContext {
  plan: BuildPlan;
  view: TextView;
  position: Position;
}

/** At most `max` list items, then "… and N more" (a Dockerfile with 40 go commands must not give a 40-line hover). */
export function capped(items: string[], max: number): string[] {
  if (items.length <= max) return items;
  return [...items.slice(0, max), `- … and ${items.length - max} more`];
}
