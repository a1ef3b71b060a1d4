// A position-tracking shell tokenizer: enough of POSIX sh/bash to find simple commands and their
// words with exact source offsets, across quotes, escapes, line continuations, expansions,
// redirections, heredocs and compound commands. It never throws: malformed input (an
// unterminated quote, say) ends the word at the end of the text.

export interface Word {
  /** Source offsets of the word, continuations included. */
  start: number;
  end: number;
  /** The word as written. */
  raw: string;
  /** The word with quotes and escapes removed; expansions are kept as written (`$HOME`). */
  value: string;
  /** Some part of the word is inside quotes. */
  quoted: boolean;
  /** The word contains `$…` or a backquote expansion. */
  hasExpansion: boolean;
  /** An expansion stands outside double quotes, so the shell splits and globs its result. */
  unquotedExpansion: boolean;
}

export type Separator = ';' | '&' | '&&' | '||' | '|' | '\n' | 'start';

export interface SimpleCommand {
  /** Leading `NAME=value` words (also after `export`, `local`, `readonly`, `declare`). */
  assignments: Word[];
  /** The command word and its arguments, without redirections and keywords. */
  words: Word[];
  start: number;
  end: number;
  /** The operator before this command. */
  after: Separator;
  /** Inside `if`/`while`/`for`/`case`/a function, or after `&&`/`||`: may not run. */
  conditional: boolean;
  /** Preceded by `!`. */
  negated: boolean;
}

export interface ShellScript {
  commands: SimpleCommand[];
}

const KEYWORDS_PREFIX = new Set(['then', 'else', 'do', 'elif', 'time']);
const KEYWORDS_OPEN = new Set(['if', 'while', 'until']);
const KEYWORDS_LOOP = new Set(['for', 'select', 'case']);
const KEYWORDS_CLOSE = new Set(['fi', 'done', 'esac']);
const DECLARATIONS = new Set(['export', 'local', 'readonly', 'declare', 'typeset']);
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*(\[[^\]]*\])?\+?=/;

type Frame = 'conditional' | 'group';

export function parseShell(text: string, options: { dockerfileComments?: boolean } = {}): ShellScript {
  return new Tokenizer(text, options.dockerfileComments ?? false).run();
}

class Tokenizer {
  private i = 0;
  private readonly commands: SimpleCommand[] = [];
  private readonly frames: Frame[] = [];
  private pendingHeredocs: { delimiter: string; stripTabs: boolean }[] = [];
  private current: SimpleCommand | undefined;
  private after: Separator = 'start';
  private negated = false;
  /** Inside the header of `for`/`select`/`case`, whose words are not commands. */
  private loopHeader = false;
  private expectFunctionName = false;
  /** A function name was read; the next `{` opens its body. */
  private functionPending = false;

  constructor(private readonly text: string, private readonly dockerfileComments: boolean) {}

  run(): ShellScript {
    const t = this.text;
    while (this.i < t.length) {
      const c = t[this.i];
      if (c === ' ' || c === '\t' || c === '\r') {
        this.i++;
      } else if (c === '\\' && (t[this.i + 1] === '\n' || (t[this.i + 1] === '\r' && t[this.i + 2] === '\n'))) {
        this.i += t[this.i + 1] === '\n' ? 2 : 3;
      } else if (c === '\n') {
        this.i++;
        this.endCommand('\n');
        this.skipHeredocBodies();
      } else if (c === '#') {
        this.skipComment();
      } else if (c === ';' || c === '&' || c === '|') {
        this.operator();
      } else if (c === '(' || c === ')') {
        this.i++;
        if (c === ')' && t[this.i] === ')') this.i++;
        this.endCommand(';');
      } else if (c === '<' || c === '>' || (/[0-9]/.test(c) && /^[0-9]+[<>]/.test(t.slice(this.i, this.i + 4)))) {
        this.redirection();
      } else {
        this.addWord(scanWord(t, this.i));
      }
    }
    this.endCommand('\n');
    return { commands: this.commands };
  }

  private skipComment(): void {
    while (this.i < this.text.length && this.text[this.i] !== '\n') this.i++;
  }

  private operator(): void {
    const t = this.text;
    const two = t.slice(this.i, this.i + 2);
    let op: Separator;
    if (two === '&&' || two === '||') {
      op = two;
      this.i += 2;
    } else if (two === ';;' || two === '|&' || two === ';&') {
      op = two[0] === '|' ? '|' : ';';
      this.i += 2;
    } else {
      op = t[this.i] as Separator;
      this.i++;
    }
    this.endCommand(op);
  }

  private redirection(): void {
    const t = this.text;
    const m = /^[0-9]*(<<<|<<-|<<|<>|<&|>&|>>|>\||&>|<|>)/.exec(t.slice(this.i, this.i + 8))!;
    this.i += m[0].length;
    if (t[this.i] === '-' && m[1].endsWith('&')) {
      this.i++;
      return;
    }
    while (t[this.i] === ' ' || t[this.i] === '\t') this.i++;
    if (this.i >= t.length || t[this.i] === '\n') return;
    const target = scanWord(t, this.i);
    this.i = target.end;
    if (m[1] === '<<' || m[1] === '<<-') {
      this.pendingHeredocs.push({ delimiter: target.value, stripTabs: m[1] === '<<-' });
    }
  }

  private skipHeredocBodies(): void {
    const t = this.text;
    for (const h of this.pendingHeredocs) {
      while (this.i < t.length) {
        let lineEnd = t.indexOf('\n', this.i);
        if (lineEnd < 0) lineEnd = t.length;
        let line = t.slice(this.i, lineEnd).replace(/\r$/, '');
        this.i = Math.min(lineEnd + 1, t.length);
        if (h.stripTabs) line = line.replace(/^\t+/, '');
        if (line === h.delimiter) break;
      }
    }
    this.pendingHeredocs = [];
  }

  private addWord(word: Word): void {
    this.i = word.end;
    if (this.dockerfileComments && !this.current && word.raw.startsWith('#')) return;
    if (this.expectFunctionName) {
      this.expectFunctionName = false;
      this.functionPending = true;
      return;
    }
    if ((!this.current || this.current.words.length === 0) && !word.quoted && this.keyword(word)) return;
    const c = this.ensureCommand(word.start);
    c.end = word.end;
    const declaration = c.words.length === 1 && DECLARATIONS.has(c.words[0].value);
    if ((c.words.length === 0 || declaration) && ASSIGNMENT.test(word.value) && !/^["']/.test(word.raw)) {
      c.assignments.push(word);
    } else if (c.words.length === 0 && /^[A-Za-z_][\w-]*\(\)$/.test(word.raw)) {
      // `name() {`: a function declaration, not a call.
      this.current = undefined;
      this.functionPending = true;
    } else {
      c.words.push(word);
    }
  }

  /** Handles reserved words at the start of a command; returns true when consumed. */
  private keyword(word: Word): boolean {
    const v = word.raw;
    if (this.loopHeader) return false;
    if (v === '!') {
      this.negated = true;
    } else if (KEYWORDS_OPEN.has(v)) {
      this.frames.push('conditional');
    } else if (KEYWORDS_CLOSE.has(v) || v === '}') {
      this.frames.pop();
    } else if (KEYWORDS_LOOP.has(v)) {
      this.frames.push('conditional');
      this.loopHeader = true;
      this.ensureCommand(word.start).words.push(word);
    } else if (v === '{') {
      // A function body may never run; a plain `{ …; }` group always does.
      this.frames.push(this.functionPending ? 'conditional' : 'group');
      this.functionPending = false;
    } else if (v === 'function') {
      this.expectFunctionName = true;
    } else {
      return KEYWORDS_PREFIX.has(v);
    }
    return true;
  }

  private ensureCommand(start: number): SimpleCommand {
    if (!this.current) {
      const conditional = this.frames.includes('conditional') || this.after === '&&' || this.after === '||';
      this.current = { assignments: [], words: [], start, end: start, after: this.after, conditional, negated: this.negated };
    }
    return this.current;
  }

  private endCommand(op: Separator): void {
    const c = this.current;
    const hadCommand = !!c && (c.words.length > 0 || c.assignments.length > 0);
    if (hadCommand) this.commands.push(c!);
    this.current = undefined;
    this.negated = false;
    this.loopHeader = false;
    // A newline right after `&&`, `||` or `|` continues the list.
    if (hadCommand || op !== '\n') this.after = op;
  }
}

/**
 * Reads one word starting at `start` (which must not be a blank or an operator) and returns it
 * with its exact extent.
 */
export function scanWord(t: string, start: number): Word {
  let i = start;
  let value = '';
  let quoted = false;
  let hasExpansion = false;
  let unquotedExpansion = false;
  const n = t.length;
  while (i < n) {
    const c = t[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === ';' || c === '&' || c === '|' || c === '<' || c === '>') break;
    if ((c === '(' || c === ')') && i > start && !/^[A-Za-z_][\w-]*$/.test(t.slice(start, i))) break;
    if (c === '(' && i === start) break;
    if (c === ')') {
      // `name()` keeps its parentheses; any other `)` ends the word.
      if (t[i - 1] === '(') {
        value += c;
        i++;
        continue;
      }
      break;
    }
    if (c === '(') {
      value += c;
      i++;
      continue;
    }
    if (c === '\r' && t[i + 1] === '\n') break;
    if (c === '\\') {
      if (t[i + 1] === '\n') {
        i += 2;
        continue;
      }
      if (t[i + 1] === '\r' && t[i + 2] === '\n') {
        i += 3;
        continue;
      }
      if (i + 1 < n) value += t[i + 1];
      quoted = true;
      i += 2;
      continue;
    }
    if (c === "'") {
      const close = t.indexOf("'", i + 1);
      const end = close < 0 ? n : close;
      value += t.slice(i + 1, end);
      quoted = true;
      i = Math.min(end + 1, n);
      continue;
    }
    if (c === '"') {
      quoted = true;
      i++;
      while (i < n && t[i] !== '"') {
        if (t[i] === '\\' && i + 1 < n) {
          const next = t[i + 1];
          if (next === '\n') {
            i += 2;
            continue;
          }
          value += '$`"\\'.includes(next) ? next : '\\' + next;
          i += 2;
        } else if (t[i] === '$' || t[i] === '`') {
          const end = expansionEnd(t, i);
          if (end > i + 1) hasExpansion = true;
          value += t.slice(i, end);
          i = end;
        } else {
          value += t[i++];
        }
      }
      i = Math.min(i + 1, n);
      continue;
    }
    if (c === '$' || c === '`') {
      const end = expansionEnd(t, i);
      if (end > i + 1) {
        hasExpansion = true;
        unquotedExpansion = true;
      }
      value += t.slice(i, end);
      i = end;
      continue;
    }
    value += c;
    i++;
  }
  if (i === start) i = Math.min(start + 1, n);
  return { start, end: i, raw: t.slice(start, i), value, quoted, hasExpansion, unquotedExpansion };
}

/** End offset of the expansion that starts at `i` (`$x`, `${…}`, `$(…)`, `$((…))`, `` `…` ``). */
function expansionEnd(t: string, i: number): number {
  const n = t.length;
  if (t[i] === '`') {
    let j = i + 1;
    while (j < n && t[j] !== '`') j += t[j] === '\\' ? 2 : 1;
    return Math.min(j + 1, n);
  }
  const next = t[i + 1];
  if (next === '{') return matchClose(t, i + 2, '{', '}');
  if (next === '(') return matchClose(t, i + 2, '(', ')');
  if (next !== undefined && /[A-Za-z_]/.test(next)) {
    let j = i + 1;
    while (j < n && /\w/.test(t[j])) j++;
    return j;
  }
  if (next !== undefined && /[0-9@*#?$!-]/.test(next)) return i + 2;
  return i + 1;
}

/** Finds the matching close bracket, skipping quoted text and nested brackets. */
function matchClose(t: string, from: number, open: string, close: string): number {
  let depth = 1;
  let i = from;
  const n = t.length;
  while (i < n) {
    const c = t[i];
    if (c === '\\') {
      i += 2;
      continue;
    }
    if (c === "'" && open === '(') {
      const q = t.indexOf("'", i + 1);
      i = q < 0 ? n : q + 1;
      continue;
    }
    if (c === '"') {
      i++;
      while (i < n && t[i] !== '"') i += t[i] === '\\' ? 2 : 1;
      i++;
      continue;
    }
    if (c === open) depth++;
    else if (c === close && --depth === 0) return i + 1;
    i++;
  }
  return n;
}

/**
 * Returns the word for the value part of `--flag=value`, with offsets in the same source.
 */
export function valueAfterEquals(t: string, word: Word): Word | undefined {
  const eq = word.raw.indexOf('=');
  if (eq < 0) return undefined;
  const start = word.start + eq + 1;
  if (start >= word.end) return { start, end: start, raw: '', value: '', quoted: false, hasExpansion: false, unquotedExpansion: false };
  const w = scanWord(t.slice(0, word.end), start);
  return w;
}

/** Resolves `$NAME`, `${NAME}` and `${NAME:-default}` through known assignments. */
export function resolveValue(value: string, vars: ReadonlyMap<string, string>, depth = 0): string | undefined {
  if (depth > 8) return undefined;
  if (!value.includes('$')) return value;
  const m = /^\$(?:\{([A-Za-z_]\w*)(?:(:?[-=])([^}]*))?\}|([A-Za-z_]\w*))$/.exec(value);
  if (!m) return undefined;
  const name = m[1] ?? m[4];
  const own = vars.get(name);
  if (own !== undefined && own !== value) {
    const r = resolveValue(own, vars, depth + 1);
    if (r !== undefined) return r;
  }
  return m[3] !== undefined ? resolveValue(m[3], vars, depth + 1) : undefined;
}
