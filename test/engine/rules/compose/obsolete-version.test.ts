import { crlf, testRule } from '../../../support/rule-tester';
import { lines, TOBS, TOBS_AFTER, TOBS_COMPOSE } from './fixtures';

const TOBS_WITHOUT_VERSION = TOBS_COMPOSE.split('\n').slice(1).join('\n');

testRule('compose/obsolete-version', {
  valid: [
    { name: 'the tobs after set', files: TOBS_AFTER },
    { name: 'no version key', files: { 'compose.yml': lines('services:', '  app:', '    image: x') } },
    { name: 'a version commented out', files: { 'compose.yml': lines('# version: "3.8"', 'services:', '  app:', '    image: x') } },
    { name: 'version inside a service is not the file format', files: { 'compose.yml': lines('services:', '  app:', '    image: x', '    labels:', '      version: "2"') } },
    {
      name: 'suppressed where a platform requires it',
      files: { 'compose.yml': lines('# tobs-ignore-next-line compose/obsolete-version', 'version: "3.8"', 'services:', '  app:', '    image: x') },
    },
    { name: 'a file that is not valid YAML is left to compose/yaml-syntax', files: { 'compose.yml': lines('version: "3.8"', 'services:', '  app:', '    image: "x') } },
  ],
  invalid: [
    {
      name: 'the tobs compose file: only the line goes, the blank line after it stays',
      files: TOBS,
      errors: [{ file: 'docker-compose.yml', line: 1, column: 1, message: 'version: 3.8' }],
      output: { 'docker-compose.yml': TOBS_WITHOUT_VERSION },
    },
    {
      name: 'the tobs compose file with CRLF line endings',
      files: { 'docker-compose.yml': crlf(TOBS_COMPOSE) },
      errors: [{ line: 1, column: 1 }],
      output: { 'docker-compose.yml': crlf(TOBS_WITHOUT_VERSION) },
    },
    {
      name: 'below a comment: the comment and the blank line stay',
      files: { 'compose.yml': lines('# my app', 'version: "3.8"  # old', '', 'services:', '  app:', '    image: x') },
      errors: [{ line: 2, column: 1 }],
      output: { 'compose.yml': lines('# my app', '', 'services:', '  app:', '    image: x') },
    },
    {
      name: 'at the end of a file without a final newline',
      files: { 'compose.yml': 'services:\n  app:\n    image: x\nversion: \'2.4\'' },
      errors: [{ line: 4, message: "version: 2.4" }],
      output: { 'compose.yml': 'services:\n  app:\n    image: x' },
    },
    {
      name: 'flow style',
      files: { 'compose.yml': lines('{version: "3", services: {app: {image: x}}}') },
      errors: [{ line: 1, column: 2 }],
      output: { 'compose.yml': lines('{services: {app: {image: x}}}') },
    },
  ],
});
