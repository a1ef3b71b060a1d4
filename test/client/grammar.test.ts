// The build-log grammar highlights what the log writes: its prefixes come from engine/log.ts.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { logCommand, logError, logStep, logWarning, type OperationLog } from '../../client/src/engine/log';
import { REPO_ROOT } from '../support/paths';

interface Rule {
  match: string;
}

const grammar = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'syntaxes/tobs-log.tmLanguage.json'), 'utf8'));
const rules: [string, RegExp][] = grammar.patterns.map((p: { include: string }) => {
  const name = p.include.slice(1);
  return [name, new RegExp((grammar.repository[name] as Rule).match)];
});

/** The repository rule that colours a line (the first pattern that matches, as TextMate does). */
function ruleFor(line: string): string | undefined {
  return rules.find(([, re]) => re.test(line))?.[0];
}

function logged(write: (log: OperationLog) => void): string {
  const lines: string[] = [];
  write({ append: (l) => lines.push(l) });
  return lines[0];
}

describe('client build-log grammar', () => {
  it('colours steps, commands, warnings and errors as the log writes them', () => {
    assert.equal(ruleFor(logged((l) => logStep(l, 'Build the image'))), 'step');
    assert.equal(ruleFor(logged((l) => logCommand(l, ['podman', 'build', '-t', 'a b'], { RENDER_GID: '44' }))), 'command');
    assert.equal(ruleFor(logged((l) => logWarning(l, 'device /dev/dri does not exist'))), 'warning');
    assert.equal(ruleFor(logged((l) => logError(l, 'Building tobs failed'))), 'error');
  });

  it('colours engine output', () => {
    assert.equal(ruleFor('  STEP 2/6: WORKDIR /app'), 'build-step');
    assert.equal(ruleFor('  Error: building at STEP "RUN exit 7": exit status 7'), 'error');
    assert.equal(ruleFor('  Successfully tagged localhost/tobs:latest'), 'success');
    assert.equal(ruleFor('  --> Using cache 1e9cbfd2e682'), 'cache');
    assert.equal(ruleFor('Path: direct — build Dockerfile'), 'fact');
    assert.equal(ruleFor('  plain output'), undefined);
  });

  it('quotes logged commands so they can be pasted into a shell', () => {
    assert.equal(logged((l) => logCommand(l, ['podman', 'run', '-v', "/a b/it's:/x"])), `$ podman run -v '/a b/it'\\''s:/x'`);
  });
});
