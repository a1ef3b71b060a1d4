// The false-positive audit on the shared corpus (docs/false-positives.md): lints every corpus
// repository as a workspace of its own, samples each rule's findings (all of them up to SAMPLE_PER_RULE, a seeded sample beyond),
// and joins them with the verdicts in scripts/fp-audit-verdicts.tsv (right | debatable | wrong).
//
//   npx tsx scripts/fp-audit.ts            per-rule table: findings, files, reviewed, verdicts
//   npx tsx scripts/fp-audit.ts --sheet    the sampled findings still without a verdict, with context
//
// A verdict is keyed by rule, corpus path and line, so it survives message changes; a finding
// that disappears after a rule fix simply leaves the sample.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { allRules, defaultConfig, Linter, Snapshot, type Finding } from '../server/src/engine/index';
import { corpusByRepository, loadCorpus, type CorpusFile } from '../test/robustness/support/corpus';
import { Rng, sampleOf } from '../test/robustness/support/random';

const SAMPLE_PER_RULE = 40;
const SEED = 1;
const VERDICTS = path.join(__dirname, 'fp-audit-verdicts.tsv');
const CONTEXT_LINES = 3;

type Verdict = 'right' | 'debatable' | 'wrong';

interface Reviewed {
  verdict: Verdict;
  note: string;
}

const keyOf = (rule: string, rel: string, line: number) => `${rule}\t${rel}\t${line}`;

function readVerdicts(): Map<string, Reviewed> {
  const out = new Map<string, Reviewed>();
  if (!fs.existsSync(VERDICTS)) return out;
  for (const line of fs.readFileSync(VERDICTS, 'utf8').split('\n')) {
    if (!line.trim() || line.startsWith('#')) continue;
    const [rule, rel, lineNo, verdict, note = ''] = line.split('\t');
    if (verdict !== 'right' && verdict !== 'debatable' && verdict !== 'wrong') throw new Error(`bad verdict in ${VERDICTS}: ${line}`);
    out.set(keyOf(rule, rel, Number(lineNo)), { verdict, note });
  }
  return out;
}

function context(file: CorpusFile, f: Finding): string {
  const lines = file.text.split(/\r?\n/);
  const from = Math.max(0, f.range.start.line - CONTEXT_LINES);
  const to = Math.min(lines.length, f.range.end.line + CONTEXT_LINES + 1);
  return lines
    .slice(from, to)
    .map((l, i) => `${String(from + i + 1).padStart(5)}${from + i >= f.range.start.line && from + i <= f.range.end.line ? '>' : ' '} ${l}`)
    .join('\n');
}

export interface RuleAudit {
  rule: string;
  findings: number;
  files: number;
  sampled: { finding: Finding; file: CorpusFile; reviewed?: Reviewed }[];
}

export function audit(): RuleAudit[] {
  const byUri = new Map(loadCorpus().map((f) => [f.uri, f]));
  const findings = [...corpusByRepository().values()]
    .flatMap((files) => new Linter().lint(new Snapshot(files), defaultConfig()))
    .filter((f) => !f.data.internalError);
  const verdicts = readVerdicts();
  return allRules.map((r) => {
    const own = findings.filter((f) => f.rule === r.meta.id);
    const sampled = sampleOf(own, SAMPLE_PER_RULE, new Rng(SEED)).map((finding) => {
      const file = byUri.get(finding.uri)!;
      return { finding, file, reviewed: verdicts.get(keyOf(finding.rule, file.rel, finding.range.start.line + 1)) };
    });
    return { rule: r.meta.id, findings: own.length, files: new Set(own.map((f) => f.uri)).size, sampled };
  });
}

function table(audits: RuleAudit[]): string {
  const rows = audits.map((a) => {
    const count = (v: Verdict) => a.sampled.filter((s) => s.reviewed?.verdict === v).length;
    const reviewed = a.sampled.filter((s) => s.reviewed).length;
    const wrongRate = reviewed ? `${((100 * count('wrong')) / reviewed).toFixed(1)} %` : '–';
    return `| ${a.rule} | ${a.findings} | ${a.files} | ${reviewed} | ${count('right')} | ${count('debatable')} | ${count('wrong')} | ${wrongRate} |`;
  });
  return ['| rule | findings | files | reviewed | right | debatable | wrong | wrong rate |', '|---|---:|---:|---:|---:|---:|---:|---:|', ...rows].join('\n');
}

function sheet(audits: RuleAudit[]): string {
  return audits
    .flatMap((a) => a.sampled.filter((s) => !s.reviewed))
    .map(({ finding, file }) => `### ${finding.rule}\t${file.rel}\t${finding.range.start.line + 1}\n${finding.message}\n\`\`\`\n${context(file, finding)}\n\`\`\``)
    .join('\n\n');
}

if (require.main === module) {
  const audits = audit();
  process.stdout.write((process.argv.includes('--sheet') ? sheet(audits) : table(audits)) + '\n');
}
