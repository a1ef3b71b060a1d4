import { pathToFileURL } from 'node:url';
import type { Rule } from '../../engine/rule';
import { docsUrl } from '../../engine/rule';
import type { Range, Severity } from '../../engine/types';
import { displayPath, type Reported } from './common';

const LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'note' };

function region(r: Range) {
  return { startLine: r.start.line + 1, startColumn: r.start.character + 1, endLine: r.end.line + 1, endColumn: r.end.character + 1 };
}

function location(uri: string, range: Range) {
  return { physicalLocation: { artifactLocation: { uri: displayPath(uri), uriBaseId: '%SRCROOT%' }, region: region(range) } };
}

/** SARIF 2.1.0, one run, with rule metadata, related locations and fixes. */
export function formatSarif(reported: readonly Reported[], rules: readonly Rule[], version: string): string {
  const index = new Map(rules.map((r, i) => [r.meta.id, i]));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'tobs-lint',
            version,
            informationUri: docsUrl('').replace(/\/docs\/rules\/\.md$/, ''),
            rules: rules.map((r) => ({
              id: r.meta.id,
              shortDescription: { text: r.meta.description },
              helpUri: docsUrl(r.meta.id),
              defaultConfiguration: { level: LEVEL[r.meta.severity] },
            })),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(process.cwd()).href + '/' } },
        results: reported.map(({ finding: f, fixes }) => ({
          ruleId: f.rule,
          ruleIndex: index.get(f.rule) ?? -1,
          level: LEVEL[f.severity],
          message: { text: f.message },
          locations: [location(f.uri, f.range)],
          relatedLocations: f.related.map((r, i) => ({ id: i + 1, message: { text: r.message }, ...location(r.uri, r.range) })),
          fixes: fixes.map((x) => ({
            description: { text: x.title },
            artifactChanges: groupByFile(x.edits).map(([uri, edits]) => ({
              artifactLocation: { uri: displayPath(uri), uriBaseId: '%SRCROOT%' },
              replacements: edits.map((e) => ({ deletedRegion: region(e.range), insertedContent: { text: e.newText } })),
            })),
          })),
        })),
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}

function groupByFile<T extends { uri: string }>(edits: readonly T[]): [string, T[]][] {
  const map = new Map<string, T[]>();
  for (const e of edits) map.set(e.uri, [...(map.get(e.uri) ?? []), e]);
  return [...map];
}
