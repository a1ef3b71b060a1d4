// Compose v2 ignores the top-level `version:` key and warns about it on every command; the file
// format is chosen by the tool now, not by the file.

import { pairOf, scalarString } from '../../parse/compose';
import { removeEntry } from '../../edit/yaml';
import { defineRule } from '../../rule';

export default defineRule({
  meta: {
    id: 'compose/obsolete-version',
    language: 'compose',
    severity: 'info',
    description: 'The top-level `version:` key is obsolete since Compose v2.',
    messages: {
      obsolete: 'The top-level `version: {{version}}` is obsolete: Compose v2 ignores it and warns about it on every command.',
    },
  },
  check(ctx) {
    const { file } = ctx;
    if (file.errors.length) return;
    const pair = pairOf(file.doc.contents, 'version');
    if (!pair) return;
    const end = pair.value?.range ? pair.value.range[1] : pair.key.range![1];
    ctx.report({ range: file.source.rangeOf(pair.key.range![0], end), messageId: 'obsolete', data: { version: scalarString(pair.value) ?? '' } });
  },
  fix(ctx) {
    const pair = pairOf(ctx.file.doc.contents, 'version');
    const edit = pair && removeEntry(ctx.file, pair);
    return edit ? [{ title: 'Remove the obsolete `version:` key', preferred: true, edits: [edit] }] : [];
  },
});
