// Runs the rules over a snapshot: parse (cached) → project model → rules → findings, with the
// configuration's severities and the files' suppression comments applied.

import { ParseCache, classify, type ParsedFile } from './parse/index';
import type { ParsedDockerfile } from './parse/dockerfile';
import { FileModels, Project, type ProjectFile } from './project';
import { formatMessage, type CheckContext, type FixContext, type Rule } from './rule';
import { rulesById, rulesFor } from './rules/index';
import type { Snapshot, SnapshotFile } from './snapshot';
import { readSuppressions } from './suppress';
import { comparePositions } from './text';
import type { Config, Finding, Fix, Language } from './types';
import { applyFix, checkFixKeepsSyntax } from './fix';

/**
 * Files larger than this are not parsed: a clear finding beats a frozen editor. Parse trees cost
 * up to a few hundred bytes of memory per byte of text on pathological input (a megabyte RUN
 * line took about 370 MB, a megabyte of YAML quotes half a million error objects), and the
 * language server keeps the last two parses of a file it edits; the largest real file in the
 * corpus is 37 KB.
 */
export const MAX_FILE_BYTES = 256 * 1024;
/** The limit as the messages say it. */
export const MAX_FILE_SIZE = `${MAX_FILE_BYTES / 1024} KB`;

export interface LintedFileError {
  uri: string;
  message: string;
}

export interface LinterOptions {
  /**
   * How many Dockerfiles not open in an editor (snapshot files without a version) keep their
   * parse tree between lints; the others are parsed again when linted. Unbounded by default.
   */
  maxClosedDockerfileParses?: number;
}

export class Linter {
  private readonly cache: ParseCache;
  private lastProject: { snapshot: Snapshot; configuredImage?: string; project: Project } | undefined;
  /** Each snapshot file's lintable language, kept while the file (shared by later snapshots) lives. */
  private readonly languages = new WeakMap<SnapshotFile, { text: string; language: Language | undefined }>();
  private readonly models = new FileModels();

  constructor(options: LinterOptions = {}) {
    this.cache = new ParseCache(options.maxClosedDockerfileParses);
  }

  /** The language of a snapshot file, or undefined when the engine does not lint it. */
  languageOf(uri: string, text: string): Language | undefined {
    return classify(uri, text);
  }

  /** The project model of a snapshot; built once per snapshot. */
  project(snapshot: Snapshot, config: Config): Project {
    const configuredImage = config.options.image;
    const last = this.lastProject;
    if (last && last.snapshot === snapshot && last.configuredImage === configuredImage) return last.project;
    const files: ProjectFile[] = [];
    const live = new Set<string>();
    for (const f of snapshot.files()) {
      const language = this.lintedLanguage(f);
      if (!language) continue;
      live.add(f.uri);
      const pinned = f.version !== undefined;
      if (language === 'dockerfile') files.push({ language, uri: f.uri, load: () => this.cache.get(f.uri, f.text, language, pinned) as ParsedDockerfile });
      else files.push(this.cache.get(f.uri, f.text, language, pinned));
    }
    this.cache.retain(live);
    const project = new Project(snapshot, files, configuredImage, this.models);
    this.lastProject = { snapshot, configuredImage, project };
    return project;
  }

  /** Findings for the given files (default: every linted file), sorted by file and position. */
  lint(snapshot: Snapshot, config: Config, uris?: Iterable<string>): Finding[] {
    const project = this.project(snapshot, config);
    const findings: Finding[] = [];
    // One file at a time, parsed only now when its parse was not kept.
    for (const uri of uris ?? project.uris()) {
      const file = project.file(uri);
      if (!file) continue;
      // A loop, not push(...): a damaged file can yield more findings than a call may take arguments.
      for (const finding of this.lintFile(file, project, config)) findings.push(finding);
    }
    return findings;
  }

  /** The language the engine lints a snapshot file as; undefined when it is not linted. */
  private lintedLanguage(f: SnapshotFile): Language | undefined {
    const known = this.languages.get(f);
    if (known && known.text === f.text) return known.language;
    const language = classify(f.uri, f.text);
    const linted = language && f.text.length <= MAX_FILE_BYTES && !isBinary(f.text) ? language : undefined;
    this.languages.set(f, { text: f.text, language: linted });
    return linted;
  }

  /** Files that cannot be linted, with the reason: too large, or binary. */
  unreadable(snapshot: Snapshot): LintedFileError[] {
    const out: LintedFileError[] = [];
    for (const f of snapshot.files()) {
      if (!classify(f.uri, f.text)) continue;
      if (f.text.length > MAX_FILE_BYTES) out.push({ uri: f.uri, message: `not linted: larger than ${MAX_FILE_SIZE}` });
      else if (isBinary(f.text)) out.push({ uri: f.uri, message: 'not linted: the file contains NUL bytes (binary?)' });
    }
    return out;
  }

  private lintFile(file: ParsedFile, project: Project, config: Config): Finding[] {
    const escape = file.language === 'dockerfile' ? file.ast.getEscapeCharacter() : '\\';
    const suppressions = readSuppressions(file.source, file.language, escape);
    const findings: Finding[] = [];
    for (const rule of rulesFor(file.language)) {
      const setting = config.rules[rule.meta.id];
      if (setting === 'off') continue;
      const severity = setting ?? rule.meta.severity;
      const ctx: CheckContext<Language> = {
        file: file as never,
        project,
        options: config.options,
        host: config.host,
        report: (r) => {
          if (suppressions.isSuppressed(rule.meta.id, r.range.start.line)) return;
          const template = rule.meta.messages[r.messageId];
          if (template === undefined) throw new Error(`${rule.meta.id}: unknown messageId ${r.messageId}`);
          findings.push({
            uri: file.source.uri,
            rule: rule.meta.id,
            severity,
            range: r.range,
            message: formatMessage(template, r.data),
            related: r.related ?? [],
            data: r.fixData ?? {},
          });
        },
      };
      try {
        (rule as Rule<Language>).check(ctx);
      } catch (e) {
        // A rule bug must not take the other rules (or the editor) down with it.
        findings.push(internalError(file.source.uri, rule.meta.id, e));
      }
    }
    return findings.sort((a, b) => comparePositions(a.range.start, b.range.start));
  }

  /**
   * The fixes of one finding, computed from the current snapshot and the finding's data, with
   * line endings matched to each file and (with `verify`) any fix that would break a file's
   * syntax dropped. Listing fix titles needs no verification; applying a fix does.
   */
  fixes(snapshot: Snapshot, config: Config, finding: Finding, verify = true): Fix[] {
    const rule = rulesById.get(finding.rule);
    const project = this.project(snapshot, config);
    const file = project.file(finding.uri);
    if (!rule?.fix || !file) return [];
    const ctx: FixContext<Language> = { file: file as never, project, options: config.options, host: config.host, finding };
    let fixes: Fix[];
    try {
      fixes = (rule as Rule<Language>).fix!(ctx);
    } catch {
      return [];
    }
    return fixes
      .map((fix) => ({
        ...fix,
        edits: fix.edits.map((e) => {
          const target = project.file(e.uri);
          return { ...e, uri: target?.source.uri ?? snapshot.get(e.uri)?.uri ?? e.uri, newText: target ? target.source.withEol(e.newText) : e.newText };
        }),
      }))
      .filter((fix) => !verify || this.verified(snapshot, config, finding, fix));
  }

  /** Whether `fix` keeps its files' syntax and resolves its finding: what applying it needs. */
  verified(snapshot: Snapshot, config: Config, finding: Finding, fix: Fix): boolean {
    return checkFixKeepsSyntax(this.project(snapshot, config), fix) && this.resolves(snapshot, config, finding, fix);
  }

  /**
   * Whether `fix` leaves fewer findings of its rule in the finding's file. One that does not was
   * swallowed by something around it (appended into an unterminated heredoc or quote), and
   * fix-all would repeat it every pass.
   */
  private resolves(snapshot: Snapshot, config: Config, finding: Finding, fix: Fix): boolean {
    const count = (s: Snapshot) => this.lint(s, config, [finding.uri]).filter((f) => f.rule === finding.rule).length;
    const before = count(snapshot);
    let after: Snapshot;
    try {
      after = applyFix(snapshot, fix);
    } catch {
      return false;
    }
    // The caller's snapshot stays the cached one: its model is put back, not built again.
    const callers = this.lastProject;
    const resolved = count(after) < before;
    this.lastProject = callers;
    return resolved;
  }
}

function internalError(uri: string, ruleId: string, e: unknown): Finding {
  return {
    uri,
    rule: ruleId,
    severity: 'info',
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    message: `internal error in rule ${ruleId}: ${e instanceof Error ? e.message : String(e)} (please report it)`,
    related: [],
    data: { internalError: true },
  };
}

export function isBinary(text: string): boolean {
  return text.includes('\u0000');
}

