import type { ParsedCompose } from './parse/compose';
import type { ParsedDockerfile } from './parse/dockerfile';
import type { ParsedScript } from './parse/script';
import type { Project } from './project';
import type { Finding, Fix, FixData, HostFacts, Language, Options, Range, RelatedLocation, Severity } from './types';

export const DOCS_BASE_URL = 'https://github.com/tobs-devkit/tobs-devkit/blob/main/docs/rules/';

export interface FileOfLanguage {
  dockerfile: ParsedDockerfile;
  compose: ParsedCompose;
  shell: ParsedScript;
}

export interface RuleMeta {
  /** `<language>/<name>`, the same as the rule's file path under `rules/`. */
  id: string;
  language: Language;
  severity: Severity;
  /** One line for docs, SARIF and the README table. */
  description: string;
  /** Message templates by id, with `{{placeholder}}`s. */
  messages: Record<string, string>;
}

export interface Report {
  range: Range;
  messageId: string;
  data?: Record<string, string | number>;
  /** What `fix` needs later; travels in the diagnostic's `data`. */
  fixData?: FixData;
  related?: RelatedLocation[];
}

export interface RuleContext<L extends Language> {
  file: FileOfLanguage[L];
  project: Project;
  options: Options;
  host: HostFacts;
}

export interface CheckContext<L extends Language> extends RuleContext<L> {
  report(report: Report): void;
}

export interface FixContext<L extends Language> extends RuleContext<L> {
  finding: Finding;
}

export interface Rule<L extends Language = Language> {
  meta: RuleMeta & { language: L };
  check(ctx: CheckContext<L>): void;
  /** The fixes for one finding, preferred first. Edits use `\n`; the engine converts line endings. */
  fix?(ctx: FixContext<L>): Fix[];
}

/** Gives a rule its types from its language; the registry stores rules untyped. */
export function defineRule<L extends Language>(rule: Rule<L>): Rule<L> {
  return rule;
}

export function docsUrl(ruleId: string): string {
  return `${DOCS_BASE_URL}${ruleId}.md`;
}

export function formatMessage(template: string, data: Record<string, string | number> = {}): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (m, key: string) => (key in data ? String(data[key]) : m));
}
