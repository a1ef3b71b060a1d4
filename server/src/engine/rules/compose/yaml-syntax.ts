// A compose file that is not valid YAML cannot be checked at all; saying where it breaks tells
// the user why the other compose checks are silent.

import { defineRule } from '../../rule';

export const MAX_REPORTED_ERRORS = 20;
const MAX_MESSAGE_CHARS = 200;

export default defineRule({
  meta: {
    id: 'compose/yaml-syntax',
    language: 'compose',
    severity: 'error',
    description: 'The compose file is valid YAML.',
    messages: {
      syntax: 'YAML syntax error: {{message}}; Compose cannot read this file, and the other compose checks skip it until it parses.',
    },
  },
  check(ctx) {
    // Compose stops at the first error; a damaged line can hold thousands, and an editor
    // flooded with them freezes.
    for (const error of ctx.file.errors.slice(0, MAX_REPORTED_ERRORS)) {
      // The parser may quote the offending token (a megabyte of blanks, say): the regular
      // expression below is quadratic on long blank runs, and nobody reads such a message.
      const text = error.message.length > MAX_MESSAGE_CHARS ? `${error.message.slice(0, MAX_MESSAGE_CHARS)}…` : error.message;
      // The parser appends "at line L, column C:"; the finding's position already says that.
      const message = text.replace(/\s*at line \d+, column \d+:?\s*$/, '').replace(/[.:]$/, '');
      ctx.report({ range: ctx.file.source.rangeOf(error.start, error.end), messageId: 'syntax', data: { message } });
    }
  },
});
