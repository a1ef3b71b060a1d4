// "Ignore <rule> on this line": the edit must silence exactly the finding's line in the engine's
// own reading of suppression comments, keep indentation and line endings, and never break a file.

import * as assert from 'node:assert/strict';
import { applyEdits, ignoreLineEdit, type Language } from '../../server/src/engine/index';
import { parseAs } from '../../server/src/engine/parse/index';
import { readSuppressions } from '../../server/src/engine/suppress';
import { SourceText } from '../../server/src/engine/text';

const NAMES: Record<Language, string> = { dockerfile: 'Dockerfile', compose: 'compose.yaml', shell: 'run.sh' };

function ignore(language: Language, text: string, line: number, rule = 'x/rule'): string | undefined {
  const uri = `file:///ws/${NAMES[language]}`;
  const edit = ignoreLineEdit(parseAs(language, uri, text), rule, line);
  return edit && applyEdits(text, [edit]);
}

function suppressedLines(language: Language, text: string, rule = 'x/rule'): number[] {
  const s = readSuppressions(new SourceText('file:///ws/f', text), language);
  return text.split(/\r?\n/).flatMap((_, i) => (s.isSuppressed(rule, i) ? [i] : []));
}

describe('ignoreLineEdit', () => {
  it('puts the comment above a Dockerfile instruction, covering its continuation lines', () => {
    const text = 'FROM python:3.12\nRUN apt-get update && \\\n    apt-get install -y curl\n';
    const after = ignore('dockerfile', text, 2)!;
    assert.equal(after, 'FROM python:3.12\n# tobs-ignore-next-line x/rule\nRUN apt-get update && \\\n    apt-get install -y curl\n');
    assert.deepEqual(suppressedLines('dockerfile', after), [2, 3]);
  });

  it('honours the Dockerfile escape directive', () => {
    const text = '# escape=`\nFROM mcr.microsoft.com/windows\nRUN a `\n    b\n';
    assert.equal(ignore('dockerfile', text, 3), '# escape=`\nFROM mcr.microsoft.com/windows\n# tobs-ignore-next-line x/rule\nRUN a `\n    b\n');
  });

  it('indents like the compose line and keeps CRLF', () => {
    const text = 'services:\r\n  app:\r\n    group_add:\r\n      - "988"\r\n';
    const after = ignore('compose', text, 3)!;
    assert.equal(after, 'services:\r\n  app:\r\n    group_add:\r\n      # tobs-ignore-next-line x/rule\r\n      - "988"\r\n');
    assert.deepEqual(suppressedLines('compose', after), [4]);
  });

  it('adds the rule to a directive already above the line', () => {
    const text = '#!/bin/sh\n  # tobs-ignore-next-line a/b  \n  podman run --user root img\n';
    const after = ignore('shell', text, 2)!;
    assert.equal(after, '#!/bin/sh\n  # tobs-ignore-next-line a/b, x/rule  \n  podman run --user root img\n');
    assert.deepEqual(suppressedLines('shell', after), [2]);
    assert.deepEqual(suppressedLines('shell', after, 'a/b'), [2]);
  });

  it('covers a whole continued podman command from its first line', () => {
    const text = '#!/bin/bash\npodman run \\\n  -v $PWD:/x \\\n  img\n';
    assert.deepEqual(suppressedLines('shell', ignore('shell', text, 2)!), [2, 3, 4]);
  });

  it('offers nothing on a shebang line, which must stay first', () => {
    assert.equal(ignore('shell', '#!/bin/bash\npodman run img\n', 0), undefined);
  });
});
