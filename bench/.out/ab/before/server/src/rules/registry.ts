import type { Rule, RuleId } from './types';
import { rule as CGO101 } from './defs/CGO101';
import { rule as CGO102 } from './defs/CGO102';
import { rule as CGO103 } from './defs/CGO103';
import { rule as CGO104 } from './defs/CGO104';
import { rule as CGO105 } from './defs/CGO105';
import { rule as CGO106 } from './defs/CGO106';
import { rule as CGO201 } from './defs/CGO201';
import { rule as CGO202 } from './defs/CGO202';
import { rule as CGO203 } from './defs/CGO203';
import { rule as CGO204 } from './defs/CGO204';
import { rule as CGO205 } from './defs/CGO205';
import { rule as CGO206 } from './defs/CGO206';
import { rule as CGO207 } from './defs/CGO207';
import { rule as CGO208 } from './defs/CGO208';
import { rule as CGO301 } from './defs/CGO301';
import { rule as CGO302 } from './defs/CGO302';
import { rule as CGO303 } from './defs/CGO303';
import { rule as CGO304 } from './defs/CGO304';
import { rule as CGO401 } from './defs/CGO401';
import { rule as CGO402 } from './defs/CGO402';
import { rule as CGO403 } from './defs/CGO403';
import { rule as CGO404 } from './defs/CGO404';
import { rule as CGO501 } from './defs/CGO501';
import { rule as CGO502 } from './defs/CGO502';
import { rule as CGO503 } from './defs/CGO503';
import { rule as CGO504 } from './defs/CGO504';

/** Every rule, in catalogue order. The single source of truth for ids, severities, docs and settings. */
export const RULES: readonly Rule[] = [
  CGO101,
  CGO102,
  CGO103,
  CGO104,
  CGO105,
  CGO106,
  CGO201,
  CGO202,
  CGO203,
  CGO204,
  CGO205,
  CGO206,
  CGO207,
  CGO208,
  CGO301,
  CGO302,
  CGO303,
  CGO304,
  CGO401,
  CGO402,
  CGO403,
  CGO404,
  CGO501,
  CGO502,
  CGO503,
  CGO504,
];

const BY_ID = new Map<string, Rule>(RULES.map((r) => [r.meta.id, r]));

export function ruleById(id: string): Rule | undefined {
  return BY_ID.get(id.toUpperCase());
}

export const DOCS_BASE_URL = 'https://github.com/cgo-lens/cgo-lens/blob/main/docs/rules/';

export function docsUrl(id: RuleId): string {
  return `${DOCS_BASE_URL}${id}.md`;
}
