import { crlf, testRule } from '../../../support/rule-tester';
import { lines, TOBS, TOBS_AFTER } from './fixtures';

testRule('compose/yaml-syntax', {
  valid: [
    { name: 'the tobs before set', files: TOBS },
    { name: 'the tobs after set', files: TOBS_AFTER },
    { name: 'an empty file', files: { 'compose.yml': '' } },
    { name: 'only comments', files: { 'compose.yml': lines('# nothing yet') } },
    {
      name: 'anchors, aliases and merge keys',
      files: { 'compose.yml': lines('x-base: &base', '  restart: always', 'services:', '  app:', '    <<: *base', '    image: x', '  db:', '    <<: [*base]', '    image: y') },
    },
    { name: 'flow style and CRLF', files: { 'compose.yml': crlf(lines('services: {app: {image: x, ports: ["80:80"]}}')) } },
  ],
  invalid: [
    {
      name: 'a key out of line',
      files: { 'compose.yml': lines('services:', '  app:', '    image: x', '   bad: 1') },
      errors: [{ line: 4, column: 1, message: 'All mapping items must start at the same column;' }],
    },
    {
      name: 'an unclosed flow sequence',
      files: { 'compose.yml': lines('services:', '  app:', '    environment: [A=1', '    image: x') },
      errors: [{ line: 4, column: 5, message: 'Flow sequence in block collection must be sufficiently indented and end with a ]' }],
    },
    {
      name: 'tabs as indentation, with CRLF',
      files: { 'compose.yml': crlf(lines('services:', '\tapp:', '    image: x')) },
      errors: [{ line: 2, column: 1, message: 'Tabs are not allowed as indentation' }],
    },
    {
      name: 'an unclosed quote, with the file otherwise as tobs',
      files: { 'docker-compose.yml': TOBS['docker-compose.yml'].replace('image: tobs:latest', 'image: "tobs:latest') },
      errors: [{ line: 13, message: 'Missing closing' }],
    },
  ],
});
