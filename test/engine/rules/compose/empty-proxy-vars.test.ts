import * as assert from 'node:assert/strict';
import { applyEdits, defaultConfig, Linter } from '../../../../server/src/engine/index';
import { crlf, snapshotOf, testRule } from '../../../support/rule-tester';
import { lines, TOBS, TOBS_AFTER, TOBS_COMPOSE } from './fixtures';

const RULE = 'compose/empty-proxy-vars';
const service = (...body: string[]) => ({ 'compose.yml': lines('services:', '  app:', '    image: x', ...body) });
const TOBS_FIXED = TOBS_COMPOSE.split('\n')
  .filter((l) => !/_proxy:|_PROXY:|^ {6}args:$|^ {4}environment:$/.test(l))
  .join('\n');

testRule(RULE, {
  valid: [
    { name: 'the tobs after set', files: TOBS_AFTER },
    { name: 'list-form pass-through', files: service('    environment:', '      - HTTP_PROXY', '      - no_proxy') },
    { name: 'mapping-form pass-through', files: service('    environment:', '      HTTP_PROXY:', '      HTTPS_PROXY: ~') },
    { name: 'interpolation with an empty default', files: service('    environment:', '      HTTP_PROXY: ${HTTP_PROXY:-}', '      NO_PROXY: "${NO_PROXY}"') },
    { name: 'passed on from the host in list form', files: service('    environment:', '      - http_proxy=$http_proxy', '      - HTTPS_PROXY=http://proxy:3128') },
    { name: 'other empty variables', files: service('    environment:', '      DEBUG: ""') },
    { name: 'commented out', files: service('    environment:', '      # HTTP_PROXY: ""', '      FOO: bar') },
    { name: 'not a service section', files: { 'compose.yml': lines('x-notes:', '  HTTP_PROXY: ""', 'services:', '  app:', '    image: x') } },
  ],
  invalid: [
    {
      name: 'the tobs compose file: one finding per variable; emptied sections go with their keys',
      files: TOBS,
      errors: [9, 10, 11, 12, 16, 17, 18, 19].map((line) => ({ file: 'docker-compose.yml', line })),
      output: { 'docker-compose.yml': TOBS_FIXED },
    },
    {
      name: 'the tobs compose file with CRLF line endings',
      files: { 'docker-compose.yml': crlf(TOBS_COMPOSE) },
      errors: [9, 10, 11, 12, 16, 17, 18, 19].map((line) => ({ line })),
      output: { 'docker-compose.yml': crlf(TOBS_FIXED) },
    },
    {
      name: 'list form, any case: the line goes, the comment above it stays',
      files: service('    environment:', '      # proxies', '      - Https_Proxy=', '      - FOO=bar'),
      errors: [{ line: 6, column: 9, message: 'Https_Proxy is set to an empty string in `environment` of service app' }],
      output: service('    environment:', '      # proxies', '      - FOO=bar'),
    },
    {
      name: 'a trailing comment goes with its line',
      files: service('    environment:', "      ALL_PROXY: ''  # corporate", '      FOO: bar'),
      errors: [{ line: 5, message: 'ALL_PROXY' }],
      output: service('    environment:', '      FOO: bar'),
    },
    {
      name: 'the last entry of a list: the key goes too',
      files: service('    environment:', '      - FTP_PROXY=', '    ports:', '      - "80:80"'),
      errors: [{ line: 5 }],
      output: service('    ports:', '      - "80:80"'),
    },
    {
      name: 'flow mapping',
      files: service('    environment: {HTTP_PROXY: "", FOO: bar, no_proxy: ""}'),
      errors: [{ line: 4, column: 19 }, { line: 4, column: 45 }],
      output: service('    environment: {FOO: bar}'),
    },
    {
      name: 'flow build args left empty go, with their key',
      files: { 'compose.yml': lines('services:', '  app:', "    build: {context: ., args: [NO_PROXY=]}") },
      errors: [{ line: 3, column: 32, message: '`build.args`' }],
      output: { 'compose.yml': lines('services:', '  app:', '    build: {context: .}') },
    },
    {
      name: 'an anchored section shared by two services is reported once, and fixed where it is written',
      files: { 'compose.yml': lines('x-env: &env', '  HTTP_PROXY: ""', '  FOO: bar', 'services:', '  a:', '    environment: *env', '  b:', '    environment: *env') },
      errors: [{ line: 2, message: 'of service a, service b' }],
      output: { 'compose.yml': lines('x-env: &env', '  FOO: bar', 'services:', '  a:', '    environment: *env', '  b:', '    environment: *env') },
    },
    {
      name: 'through a merge key',
      files: { 'compose.yml': lines('x-common: &common', '  restart: always', '  environment:', '    NO_PROXY: ""', 'services:', '  a:', '    <<: *common', '    image: x') },
      errors: [{ line: 4 }],
      output: { 'compose.yml': lines('x-common: &common', '  restart: always', 'services:', '  a:', '    <<: *common', '    image: x') },
    },
    {
      name: 'an anchored section that would be left empty is reported but not removed (aliases need it)',
      files: { 'compose.yml': lines('x-env: &env', '  HTTP_PROXY: ""', 'services:', '  a:', '    environment: *env') },
      errors: [{ line: 2 }],
    },
  ],
});

describe(`${RULE} alternative fix`, () => {
  const alternative = (text: string) => {
    const linter = new Linter();
    const snapshot = snapshotOf({ 'compose.yml': text });
    const config = defaultConfig();
    const [finding] = linter.lint(snapshot, config).filter((f) => f.rule === RULE);
    const fix = linter.fixes(snapshot, config, finding).find((f) => !f.preferred);
    return fix && { title: fix.title, text: applyEdits(text, fix.edits) };
  };

  it('passes a mapping-form variable through from the host, keeping its comment', () => {
    assert.deepEqual(alternative(lines('services:', '  app:', '    environment:', '      HTTP_PROXY: ""  # corp')), {
      title: 'Pass HTTP_PROXY through from the host',
      text: lines('services:', '  app:', '    environment:', '      HTTP_PROXY:  # corp'),
    });
  });

  it('passes a list-form variable through from the host', () => {
    assert.equal(alternative(crlf(lines('services:', '  app:', '    environment:', '      - HTTP_PROXY=')))?.text, crlf(lines('services:', '  app:', '    environment:', '      - HTTP_PROXY')));
  });

  it('offers no pass-through in a flow mapping', () => {
    assert.equal(alternative(lines('services:', '  app:', '    environment: {HTTP_PROXY: ""}')), undefined);
  });
});
