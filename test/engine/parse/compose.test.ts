import * as assert from 'node:assert/strict';
import { MAX_NESTING, parseCompose } from '../../../server/src/engine/parse/compose';
import { SourceText } from '../../../server/src/engine/text';

const parse = (text: string) => parseCompose(new SourceText('file:///w/compose.yaml', text));
const tooDeep = (text: string) => parse(text).errors.filter((e) => e.message.includes(`nested more than ${MAX_NESTING} deep`));

describe('parseCompose nesting limit', () => {
  it('parses a file with more brackets than the limit when none nests deep', () => {
    const text = 'services:\n  app:\n    image: x\n    command: [' + Array.from({ length: MAX_NESTING * 2 }, (_, i) => `[${i}], {k: ${i}}`).join(', ') + ']\n';
    const parsed = parse(text);
    assert.deepEqual(parsed.errors, []);
    assert.equal(parsed.services[0].name, 'app');
  });

  it('takes flow nesting exactly at the limit and refuses one level more', () => {
    const nested = (depth: number) => 'services:\n  app:\n    command: ' + '['.repeat(depth) + ']'.repeat(depth) + '\n';
    // The flow sequences sit under three block maps (the file's, services', app's), which count too.
    assert.deepEqual(tooDeep(nested(MAX_NESTING - 3)), []);
    assert.equal(tooDeep(nested(MAX_NESTING - 2)).length, 1);
    const refused = tooDeep(nested(MAX_NESTING + 1));
    assert.equal(refused.length, 1);
    assert.equal(nested(MAX_NESTING + 1)[refused[0].start], '[');
  });

  it('does not count brackets in comments', () => {
    const text = 'services:\n  app:\n    image: x\n' + `    # ${'['.repeat(MAX_NESTING + 10)}\n`;
    assert.deepEqual(parse(text).errors, []);
  });
});
