// `.tobs-lint.yaml`: defaults, every option, and errors that name the key.

import * as assert from 'node:assert/strict';
import { ConfigError, defaultConfig, fixAll, Linter, parseConfig, rulesById } from '../../server/src/engine/index';
import { snapshotOf } from '../support/rule-tester';

const known = new Set(rulesById.keys());

function errorKey(text: string): string {
  try {
    parseConfig(text, known);
  } catch (e) {
    assert.ok(e instanceof ConfigError, String(e));
    return e.key;
  }
  assert.fail('expected a ConfigError');
}

describe('configuration', () => {
  it('an empty file gives the defaults', () => {
    assert.deepEqual(parseConfig('', known), defaultConfig());
    assert.deepEqual(parseConfig('# nothing\n', known), defaultConfig());
  });

  it('reads rule severities and every option', () => {
    const config = parseConfig(
      [
        'rules:',
        '  compose/obsolete-version: off',
        '  script/run-as-root: warning',
        'options:',
        '  uvVersion: 0.9.1',
        '  minUvVersion: 0.7.0',
        '  runUser: "1001:1001"',
        '  image: ghcr.io/me/tobs:dev',
        '  resources:',
        '    limits: { cpus: "2", memory: 4G }',
        '  healthcheck:',
        '    command: ["curl", "-f", "http://localhost:8000/health"]',
        '    interval: 15s',
        '    retries: 5',
      ].join('\n'),
      known,
    );
    assert.deepEqual(config.rules, { 'compose/obsolete-version': 'off', 'script/run-as-root': 'warning' });
    assert.equal(config.options.uvVersion, '0.9.1');
    assert.equal(config.options.minUvVersion, '0.7.0');
    assert.equal(config.options.runUser, '1001:1001');
    assert.equal(config.options.image, 'ghcr.io/me/tobs:dev');
    assert.deepEqual(config.options.resources, { limits: { cpus: '2', memory: '4G' }, reservations: { cpus: '1', memory: '2G' } });
    assert.deepEqual(config.options.healthcheck.command, ['curl', '-f', 'http://localhost:8000/health']);
    assert.equal(config.options.healthcheck.interval, '15s');
    assert.equal(config.options.healthcheck.timeout, '10s');
    assert.equal(config.options.healthcheck.retries, 5);
  });

  it('names the key of every kind of mistake', () => {
    assert.equal(errorKey('rules: [a]'), 'rules');
    assert.equal(errorKey('rules:\n  compose/nope: off\n'), 'rules.compose/nope');
    assert.equal(errorKey('rules:\n  compose/obsolete-version: loud\n'), 'rules.compose/obsolete-version');
    assert.equal(errorKey('options:\n  uvVersion: latest\n'), 'options.uvVersion');
    assert.equal(errorKey('options:\n  runUser: root\n'), 'options.runUser');
    assert.equal(errorKey('options:\n  resources:\n    limits:\n      memory: lots\n'), 'options.resources.limits.memory');
    assert.equal(errorKey('options:\n  healthcheck:\n    command: curl -f x\n'), 'options.healthcheck.command');
    assert.equal(errorKey('options:\n  healthcheck:\n    retries: 0\n'), 'options.healthcheck.retries');
    assert.equal(errorKey('options:\n  colour: blue\n'), 'options.colour');
    assert.equal(errorKey('extends: base\n'), 'extends');
    assert.equal(errorKey('rules: {\n'), '(file)');
    assert.equal(errorKey('- a\n- b\n'), '(file)');
  });

  it('severities and options change what the engine reports and writes', () => {
    const files = { 'run.sh': '#!/bin/sh\npodman run --user root redis\n' };
    const linter = new Linter();
    const config = parseConfig('rules:\n  script/run-as-root: info\noptions:\n  runUser: "2000:2000"\n', known);
    const findings = linter.lint(snapshotOf(files), config).filter((f) => f.rule === 'script/run-as-root');
    assert.deepEqual(findings.map((f) => f.severity), ['info']);
    const fixed = fixAll(linter, snapshotOf(files), config, undefined, (r) => r === 'script/run-as-root');
    assert.equal(fixed.snapshot.get('file:///ws/run.sh')!.text, '#!/bin/sh\npodman run --user 2000:2000 redis\n');
    const off = parseConfig('rules:\n  script/run-as-root: off\n', known);
    assert.deepEqual(linter.lint(snapshotOf(files), off).filter((f) => f.rule === 'script/run-as-root'), []);
  });
});
