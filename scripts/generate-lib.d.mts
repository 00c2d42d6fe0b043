// Types for scripts/generate-lib.mjs, so TypeScript tests can import it under `strict`.

export interface RuleLike {
  meta: { id: string; name: string; title: string; severity: string; tags?: string[] };
}
export type DocsUrl = (id: any) => string;

export interface Output { path: string; what: string; current: string | undefined; expected: string }
export interface Plan { outputs: Output[]; problems: string[] }
export interface PlanIO { read(path: string): string | undefined; listDocs(): string[] }

export const MARK_START: string;
export const MARK_END: string;
export const GENERATED_NOTE: string;
export const LEVELS: readonly string[];
export const PACKAGE_JSON: string;
export const REPO_CONFIG_SCHEMA: string;
export const README: string;
export const DOCS_DIR: string;
export const DOCS_INDEX: string;

export function pagePath(id: string): string;
export function validateRules(rules: readonly RuleLike[]): string[];
export function buildConfiguration(rules: readonly RuleLike[], docsUrl: DocsUrl): { title: string; properties: Record<string, any> };
export function buildRepoConfigSchema(rules: readonly RuleLike[], docsUrl: DocsUrl): Record<string, any>;
export function repoConfigSchemaText(rules: readonly RuleLike[], docsUrl: DocsUrl): string;
export function updatePackageJson(text: string, configuration: unknown): { text: string; changed: boolean };
export function docsIndexTable(rules: readonly RuleLike[]): string;
export function readmeRulesTable(rules: readonly RuleLike[]): string;
export class MarkerError extends Error {}
export function replaceBetweenMarkers(text: string, block: string, fileLabel?: string): string;
export function docsIndexTemplate(): string;
export function pageSeverity(text: string): string | undefined;
export function checkDocsPages(rules: readonly RuleLike[], pageNames: string[], readPage: (name: string) => string | undefined): string[];
export function plan(rules: readonly RuleLike[], docsUrl: DocsUrl, io: PlanIO): Plan;
export function staleOutputs(outputs: Output[]): Output[];
export function checkReport(plan: Plan): string;
