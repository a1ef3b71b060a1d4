// The language server keeps the parse trees of only a few Dockerfiles that are not open: a
// Dockerfile whose tree was dropped is parsed again when linted, and findings are exactly those
// of a linter that keeps everything, also in the files that depend on it.

import * as assert from 'node:assert/strict';
import { defaultConfig, Linter, Snapshot, type Finding, type SnapshotFile } from '../../server/src/engine/index';

const ROOT = 'file:///ws/';
const WITHOUT_HEALTHCHECK = 'FROM python:3.12-slim\nRUN pip install uv\nCMD ["python", "-m", "app"]\n';
const WITH_HEALTHCHECK = `${WITHOUT_HEALTHCHECK}HEALTHCHECK CMD python -c "import sys"\n`;
const COMPOSE = 'services:\n  app:\n    build: .\n    image: app:latest\n';

function files(dockerfileText: string, version?: number): SnapshotFile[] {
  return [
    { uri: `${ROOT}app/Dockerfile`, text: dockerfileText, version },
    { uri: `${ROOT}app/compose.yaml`, text: COMPOSE },
    ...['a', 'b', 'c'].map((d) => ({ uri: `${ROOT}${d}/Dockerfile`, text: `FROM debian:12\nRUN echo ${d}\n` })),
  ];
}

const describeAll = (findings: Finding[]) => findings.map((f) => `${f.uri.slice(ROOT.length)} ${f.rule}@${f.range.start.line}`);
const composeHealthcheck = (findings: Finding[]) => findings.filter((f) => f.uri.endsWith('compose.yaml') && f.rule === 'compose/healthcheck');

describe('parse trees kept for closed Dockerfiles', () => {
  it('lints as a linter that keeps every parse, before and after a closed Dockerfile changes', () => {
    const config = defaultConfig();
    const bounded = new Linter({ maxClosedDockerfileParses: 1 });
    let snapshot = new Snapshot(files(WITHOUT_HEALTHCHECK));
    const before = bounded.lint(snapshot, config);
    assert.deepEqual(describeAll(before), describeAll(new Linter().lint(snapshot, config)));
    assert.equal(composeHealthcheck(before).length, 1, 'the compose service builds an image without a healthcheck');

    // The Dockerfile changes on disk while its tree is long gone: the compose file sees the new text.
    snapshot = snapshot.with({ uri: `${ROOT}app/Dockerfile`, text: WITH_HEALTHCHECK });
    const after = bounded.lint(snapshot, config);
    assert.deepEqual(describeAll(after), describeAll(new Linter().lint(snapshot, config)));
    assert.deepEqual(composeHealthcheck(after), [], 'the image has a healthcheck now');
  });

  it('re-lints a dependent with the open Dockerfile edited, whatever else was linted in between', () => {
    const config = defaultConfig();
    const bounded = new Linter({ maxClosedDockerfileParses: 0 });
    let snapshot = new Snapshot(files(WITHOUT_HEALTHCHECK, 1));
    bounded.lint(snapshot, config);
    snapshot = snapshot.with({ uri: `${ROOT}app/Dockerfile`, text: WITH_HEALTHCHECK, version: 2 });
    const dependents = bounded.project(snapshot, config).dependents(`${ROOT}app/Dockerfile`);
    assert.deepEqual([...dependents].sort(), [`${ROOT}app/Dockerfile`, `${ROOT}app/compose.yaml`]);
    bounded.lint(snapshot, config, [`${ROOT}a/Dockerfile`, `${ROOT}b/Dockerfile`]);
    assert.deepEqual(composeHealthcheck(bounded.lint(snapshot, config, dependents)), []);
  });
});

describe('the project model kept across edits', () => {
  const compose = (image: string) => `services:\n  app:\n    build: .\n    image: ${image}\n`;
  const run = 'podman run --rm app:latest\n';

  it('follows a new Dockerfile beside a Containerfile, and an edited compose file and script', () => {
    const config = defaultConfig();
    const linter = new Linter();
    let snapshot = new Snapshot([
      { uri: `${ROOT}app/Containerfile`, text: WITHOUT_HEALTHCHECK },
      { uri: `${ROOT}app/compose.yaml`, text: compose('app:latest'), version: 1 },
      { uri: `${ROOT}app/run.sh`, text: `#!/bin/sh\n${run}`, version: 1 },
    ]);
    const builds = () => linter.project(snapshot, config).services.map((s) => s.dockerfileUri?.slice(ROOT.length));
    const same = () => assert.deepEqual(describeAll(linter.lint(snapshot, config)), describeAll(new Linter().lint(snapshot, config)));
    assert.deepEqual(builds(), ['app/Containerfile']);
    same();

    snapshot = snapshot.with({ uri: `${ROOT}app/Dockerfile`, text: WITH_HEALTHCHECK });
    assert.deepEqual(builds(), ['app/Dockerfile'], 'a Dockerfile wins over a Containerfile once it exists');
    same();

    snapshot = snapshot.with({ uri: `${ROOT}app/compose.yaml`, text: compose('other:1'), version: 2 });
    assert.deepEqual(linter.project(snapshot, config).services.map((s) => s.image), ['other:1']);
    same();

    snapshot = snapshot.with({ uri: `${ROOT}app/run.sh`, text: `#!/bin/sh\n${run.replace('app:latest', 'other:1')}`, version: 2 });
    assert.deepEqual(linter.project(snapshot, config).runs.map((r) => r.image), ['other:1']);
    assert.ok(linter.project(snapshot, config).dependents(`${ROOT}app/run.sh`).includes(`${ROOT}app/Dockerfile`), 'the script runs the image the Dockerfile builds');
    same();

    snapshot = snapshot.without(`${ROOT}app/Dockerfile`);
    assert.deepEqual(builds(), ['app/Containerfile']);
    same();
  });
});
