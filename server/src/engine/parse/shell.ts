// A position-tracking shell tokenizer: enough of POSIX sh/bash to find simple commands and their
// words with exact source offsets, across quotes, escapes, line continuations, expansions,
// command substitutions (parsed as commands of their own), redirections, heredocs, `[[ … ]]`,
// arrays and compound commands. It also records where a new command may be inserted. It never
// throws: malformed input (an unterminated quote, say) ends the word at the end of the text.
// A lone CR counts as a line break, as it does for editors.

export interface WordPart {
  kind: 'text' | 'expansion';
  quoting: 'none' | 'single' | 'double';
  /** Source offsets of the part, without its quote characters. Unquoted text keeps its backslashes. */
  start: number;
  end: number;
}

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
  /** The word's pieces in source order; quote characters and line continuations belong to none. */
  parts: WordPart[];
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
  /** Inside a branch or body of `if`/`while`/`for`/`case`/a function, or after `&&`/`||`: may not run. */
  conditional: boolean;
  /** Preceded by `!`. */
  negated: boolean;
  /** How many compound commands (if, loops, case, groups, subshells, function bodies) enclose it. */
  depth: number;
  inFunction: boolean;
  /** Inside `$(…)`, backquotes or `<(…)`: part of another command's words. */
  substituted: boolean;
}

export interface ShellScript {
  /** In source order. */
  commands: SimpleCommand[];
  /**
   * Offsets of line starts where a complete new command may be inserted: between commands, not
   * in a continued command, a heredoc body, a condition, a loop header or a case pattern list,
   * and not before a line that closes or continues a compound command (`fi`, `else`, `}`, …).
   */
  insertionPoints: number[];
}

export interface ShellOptions {
  /**
   * Dockerfile `RUN` text: a line whose first non-blank is `#` is removed with its line break,
   * as Docker does inside continued instructions.
   */
  dockerfileComments?: boolean;
}

export function parseShell(text: string, options: ShellOptions = {}): ShellScript {
  const commands: SimpleCommand[] = [];
  const insertionPoints: number[] = [];
  const base: Context = { depth: 0, conditional: false, inFunction: false, substituted: false, nesting: 0 };
  new Tokenizer(text, 0, text.length, options.dockerfileComments ?? false, commands, insertionPoints, base).run();
  commands.sort((a, b) => a.start - b.start);
  return { commands, insertionPoints };
}

/** The greatest insertion point at or before `offset`, if any. */
export function insertionPointBefore(script: ShellScript, offset: number): number | undefined {
  let found: number | undefined;
  for (const p of script.insertionPoints) {
    if (p > offset) break;
    found = p;
  }
  return found;
}

const DECLARATIONS = new Set(['export', 'local', 'readonly', 'declare', 'typeset']);
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*(\[[^\]]*\])?\+?=/;
const ARRAY_ASSIGNMENT_PREFIX = /^[A-Za-z_][A-Za-z0-9_]*(\[[^\]]*\])?\+?=$/;
const FUNCTION_NAME = /^[A-Za-z_][\w:.-]*$/;
/** Words that, first on a line, close or continue a compound command: no command goes before them. */
const CLOSING_WORDS = new Set(['then', 'do', 'else', 'elif', 'fi', 'done', 'esac', '}', 'in']);
const EXTGLOB_PREFIX = '?*+@!';
/** A run of characters with no meaning to the shell inside a word (sticky: matched at `lastIndex`). */
const PLAIN = /[^\s;&|<>()\\'"$`]+/y;
const PLAIN_IN_TEST = /[^\s;\\'"$`]+/y;

interface Context {
  depth: number;
  conditional: boolean;
  inFunction: boolean;
  substituted: boolean;
  /** How many substitutions enclose the text being read. */
  nesting: number;
}

/** Substitutions nested deeper than this are skipped, not read as commands: no script needs more. */
const MAX_SUBSTITUTION_NESTING = 32;

type FrameKind = 'if' | 'loop' | 'case' | 'group' | 'subshell' | 'function' | 'function-subshell';

interface Frame {
  kind: FrameKind;
  /** `condition` (if/while), `header` (for, case before `in`), `pattern` (case), `body`. */
  state: 'condition' | 'header' | 'pattern' | 'body';
  /** An `if` past its first `then`: later conditions and branches may not run. */
  branched: boolean;
  /** Opened after `&&`/`||`: nothing inside need run. */
  guarded: boolean;
}

/** Whether commands now inside the frame may not run when the frame itself runs. */
function mayNotRun(f: Frame): boolean {
  if (f.guarded) return true;
  switch (f.kind) {
    case 'function':
    case 'function-subshell':
      return true;
    case 'if':
      return f.branched;
    case 'loop':
      return f.state === 'body';
    case 'case':
      return f.state !== 'header';
    case 'group':
    case 'subshell':
      return false;
  }
}

interface Span {
  start: number;
  end: number;
}

interface ScanOptions {
  limit?: number;
  /** Inside `[[ … ]]`: parentheses, `<`, `>`, `|` and `&` are part of words. */
  testMode?: boolean;
  /** Receives the bodies of command and process substitutions. */
  substitutions?: Span[];
}

class Tokenizer {
  private i: number;
  private readonly frames: Frame[] = [];
  private pendingHeredocs: { delimiter: string; stripTabs: boolean }[] = [];
  private current: SimpleCommand | undefined;
  /**
   * Commands with a word after their first that is not an option: after `export -n` an `A=b`
   * is still an assignment, after `export x` it is not. Kept as a set, since checking all the
   * words again at each word was quadratic on long lines.
   */
  private readonly pastDeclarationOptions = new Set<SimpleCommand>();
  private after: Separator = 'start';
  private negated = false;
  /** An `&&`/`||` was seen in the current list: what follows may not run. */
  private listGuarded = false;
  private testMode = false;
  private expectFunctionName = false;
  /** A function name was read; the next `{` or `(` opens its body. */
  private functionPending = false;
  /** A line start that becomes an insertion point unless its first token closes a compound. */
  private pendingPoint: number | undefined;

  constructor(
    private readonly t: string,
    start: number,
    private readonly end: number,
    private readonly dockerfileComments: boolean,
    private readonly commands: SimpleCommand[],
    /** Undefined for substitution bodies, whose lines are inside another command. */
    private readonly points: number[] | undefined,
    private readonly base: Context,
  ) {
    this.i = start;
    if (points && !t.startsWith('#!', start)) this.pendingPoint = start;
  }

  run(): void {
    const t = this.t;
    while (this.i < this.end) {
      const c = t[this.i];
      const next = t[this.i + 1];
      if (c === ' ' || c === '\t') {
        this.i++;
      } else if (c === '\\' && lineBreakLength(t, this.i + 1) > 0) {
        this.i += 1 + lineBreakLength(t, this.i + 1);
      } else if (c === '\n' || c === '\r') {
        this.newline();
      } else if (c === '#') {
        this.comment();
      } else if (this.testMode) {
        this.word(scanWord(t, this.i, { limit: this.end, testMode: true, substitutions: [] }));
      } else if ((c === '<' || c === '>') && next === '(') {
        this.word(scanWord(t, this.i, { limit: this.end, substitutions: [] }));
      } else if (c === '<' || c === '>' || (c === '&' && next === '>') || /^[0-9]+[<>]/.test(t.slice(this.i, this.i + 6))) {
        this.token(c);
        this.redirection();
      } else if (c === ';' || c === '&' || c === '|') {
        this.token(c);
        this.operator();
      } else if (c === '(') {
        this.token(c);
        this.openParen();
      } else if (c === ')') {
        this.token(c);
        this.closeParen();
      } else {
        this.word(scanWord(t, this.i, { limit: this.end, substitutions: [] }));
      }
    }
    this.endCommand('\n');
    if (this.pendingPoint !== undefined) this.points!.push(this.pendingPoint);
  }

  private newline(): void {
    this.i += lineBreakLength(this.t, this.i);
    this.endCommand('\n');
    this.skipHeredocBodies();
    if (!this.points) return;
    if (this.pendingPoint !== undefined) this.points.push(this.pendingPoint);
    this.pendingPoint = this.atCommandBoundary() ? this.i : undefined;
  }

  /** Whether a complete command may start here, in a body that runs it as a command of its own. */
  private atCommandBoundary(): boolean {
    if (this.current || this.testMode || this.functionPending || this.expectFunctionName) return false;
    if (this.after === '&&' || this.after === '||' || this.after === '|') return false;
    const top = this.frames[this.frames.length - 1];
    return !top || top.state === 'body';
  }

  /** The first token of a line decides whether the line start is an insertion point. */
  private token(text: string): void {
    if (this.pendingPoint === undefined) return;
    if (!CLOSING_WORDS.has(text) && text !== ')' && !this.t.startsWith(';;', this.i)) this.points!.push(this.pendingPoint);
    this.pendingPoint = undefined;
  }

  private comment(): void {
    const t = this.t;
    let lineStart = this.i;
    while (lineStart > 0 && (t[lineStart - 1] === ' ' || t[lineStart - 1] === '\t')) lineStart--;
    const firstOnLine = lineStart === 0 || t[lineStart - 1] === '\n' || t[lineStart - 1] === '\r';
    while (this.i < this.end && t[this.i] !== '\n' && t[this.i] !== '\r') this.i++;
    if (this.dockerfileComments && firstOnLine) this.i += lineBreakLength(t, this.i);
  }

  private operator(): void {
    const t = this.t;
    const three = t.slice(this.i, this.i + 3);
    const two = three.slice(0, 2);
    let op: Separator;
    if (three === ';;&') {
      op = ';';
      this.i += 3;
    } else if (two === '&&' || two === '||') {
      op = two;
      this.i += 2;
    } else if (two === ';;' || two === ';&' || two === '|&') {
      op = two[0] === '|' ? '|' : ';';
      this.i += 2;
    } else {
      op = t[this.i] as Separator;
      this.i++;
    }
    const top = this.frames[this.frames.length - 1];
    if (top?.kind === 'case' && top.state === 'pattern' && op === '|') return;
    this.endCommand(op);
    if (top?.kind === 'case' && top.state === 'body' && (two === ';;' || two === ';&')) top.state = 'pattern';
  }

  private openParen(): void {
    const t = this.t;
    const top = this.frames[this.frames.length - 1];
    if (top?.kind === 'case' && top.state === 'pattern') {
      this.i++;
      return;
    }
    const c = this.current;
    if (c && c.words.length === 1 && c.assignments.length === 0 && FUNCTION_NAME.test(c.words[0].raw)) {
      const close = skipBlanks(t, this.i + 1, this.end);
      if (t[close] === ')') {
        // `name ()`: a function definition, not a call.
        this.current = undefined;
        this.functionPending = true;
        this.i = close + 1;
        return;
      }
    }
    if (c) {
      // `(` inside a command is a syntax error in the script; end the command and go on.
      this.i++;
      this.endCommand(';');
      return;
    }
    if (t[this.i + 1] === '(') {
      // `(( arithmetic ))`: no commands inside.
      this.i = skipNested(t, this.i + 1, this.end, 'paren');
      if (t[this.i] === ')') this.i++;
      return;
    }
    this.i++;
    this.push(this.functionPending ? 'function-subshell' : 'subshell', 'body');
    this.functionPending = false;
  }

  private closeParen(): void {
    this.i++;
    const top = this.frames[this.frames.length - 1];
    if (top?.kind === 'case' && top.state === 'pattern') {
      top.state = 'body';
      return;
    }
    this.endCommand(';');
    if (top?.kind === 'subshell' || top?.kind === 'function-subshell') this.frames.pop();
  }

  private redirection(): void {
    const t = this.t;
    const m = /^[0-9]*(<<<|<<-|<<|<>|<&|>&|>>|>\||&>>|&>|<|>)/.exec(t.slice(this.i, this.i + 8))!;
    this.i += m[0].length;
    if (t[this.i] === '-' && m[1].endsWith('&')) {
      this.i++;
      return;
    }
    this.i = skipBlanks(t, this.i, this.end);
    if (this.i >= this.end || t[this.i] === '\n' || t[this.i] === '\r') return;
    const { word: target, substitutions } = scanWord(t, this.i, { limit: this.end, substitutions: [] });
    this.i = target.end;
    for (const s of substitutions) this.substitution(s);
    if (m[1] === '<<' || m[1] === '<<-') this.pendingHeredocs.push({ delimiter: target.value, stripTabs: m[1] === '<<-' });
  }

  private skipHeredocBodies(): void {
    const t = this.t;
    for (const h of this.pendingHeredocs) {
      while (this.i < this.end) {
        let lineEnd = this.i;
        while (lineEnd < this.end && t[lineEnd] !== '\n' && t[lineEnd] !== '\r') lineEnd++;
        let line = t.slice(this.i, lineEnd);
        this.i = Math.min(lineEnd + lineBreakLength(t, lineEnd), this.end);
        if (h.stripTabs) line = line.replace(/^\t+/, '');
        if (line === h.delimiter) break;
      }
    }
    this.pendingHeredocs = [];
  }

  private word(scanned: ScannedWord): void {
    const { word, substitutions } = scanned;
    this.i = word.end;
    this.token(word.quoted ? '' : word.raw);
    for (const s of substitutions) this.substitution(s);
    const top = this.frames[this.frames.length - 1];
    const atStart = !this.current || (this.current.words.length === 0 && this.current.assignments.length === 0);
    if (this.testMode) {
      this.addToCommand(word);
      if (word.raw === ']]') this.testMode = false;
    } else if (top?.kind === 'case' && top.state !== 'body') {
      // `case WORD in` and the patterns before `)` are not commands.
      if (top.state === 'header' && word.raw === 'in') top.state = 'pattern';
      else if (top.state === 'pattern' && word.raw === 'esac') this.pop('case');
    } else if (top?.kind === 'loop' && top.state === 'header') {
      // `for NAME in WORDS`: not a command.
      if (word.raw === 'do') top.state = 'body';
    } else if (this.expectFunctionName) {
      this.expectFunctionName = false;
      this.functionPending = true;
    } else if (atStart && !word.quoted && this.keyword(word.raw)) {
      return;
    } else if (atStart && /^[A-Za-z_][\w:.-]*\(\)$/.test(word.raw)) {
      // `name() {`: a function definition, not a call.
      this.current = undefined;
      this.functionPending = true;
    } else {
      this.addToCommand(word);
    }
  }

  private addToCommand(word: Word): void {
    const c = this.ensureCommand(word.start);
    c.end = word.end;
    const declaration = c.words.length > 0 && DECLARATIONS.has(c.words[0].value) && !this.pastDeclarationOptions.has(c);
    if ((c.words.length === 0 || declaration) && ASSIGNMENT.test(word.raw)) {
      c.assignments.push(word);
    } else {
      c.words.push(word);
      if (c.words.length === 1 && word.raw === '[[') this.testMode = true;
      if (c.words.length > 1 && !word.value.startsWith('-')) this.pastDeclarationOptions.add(c);
    }
  }

  /** Handles reserved words at the start of a command; returns true when consumed. */
  private keyword(v: string): boolean {
    const top = this.frames[this.frames.length - 1];
    switch (v) {
      case '!':
        this.negated = true;
        break;
      case 'if':
        this.push('if', 'condition');
        break;
      case 'elif':
        if (top?.kind === 'if') top.state = 'condition';
        break;
      case 'then':
        if (top?.kind === 'if') Object.assign(top, { state: 'body', branched: true });
        break;
      case 'else':
        if (top?.kind === 'if') top.state = 'body';
        break;
      case 'fi':
        this.pop('if');
        break;
      case 'while':
      case 'until':
        this.push('loop', 'condition');
        break;
      case 'for':
      case 'select':
        this.push('loop', 'header');
        break;
      case 'do':
        if (top?.kind === 'loop') top.state = 'body';
        break;
      case 'done':
        this.pop('loop');
        break;
      case 'case':
        this.push('case', 'header');
        break;
      case 'esac':
        this.pop('case');
        break;
      case '{':
        this.push(this.functionPending ? 'function' : 'group', 'body');
        this.functionPending = false;
        break;
      case '}':
        if (top?.kind === 'group' || top?.kind === 'function') this.frames.pop();
        break;
      case 'function':
        this.expectFunctionName = true;
        break;
      case 'time':
      case 'coproc':
        break;
      default:
        return false;
    }
    return true;
  }

  private push(kind: FrameKind, state: Frame['state']): void {
    this.frames.push({ kind, state, branched: false, guarded: this.listGuarded });
    this.listGuarded = false;
  }

  /** Closes the innermost frame of `kind` and any unclosed frames inside it. */
  private pop(kind: FrameKind): void {
    for (let k = this.frames.length - 1; k >= 0; k--) {
      if (this.frames[k].kind === kind) {
        this.listGuarded = this.frames[k].guarded;
        this.frames.length = k;
        return;
      }
    }
  }

  private context(): Context {
    const conditional = this.base.conditional || this.listGuarded || this.frames.some(mayNotRun);
    return {
      depth: this.base.depth + this.frames.length,
      conditional,
      inFunction: this.base.inFunction || this.frames.some((f) => f.kind === 'function' || f.kind === 'function-subshell'),
      substituted: this.base.substituted,
      nesting: this.base.nesting,
    };
  }

  private substitution(body: Span): void {
    if (this.base.nesting >= MAX_SUBSTITUTION_NESTING) return;
    const context = { ...this.context(), substituted: true, nesting: this.base.nesting + 1 };
    new Tokenizer(this.t, body.start, body.end, false, this.commands, undefined, context).run();
  }

  private ensureCommand(start: number): SimpleCommand {
    if (!this.current) {
      const ctx = this.context();
      this.current = {
        assignments: [],
        words: [],
        start,
        end: start,
        after: this.after,
        conditional: ctx.conditional,
        negated: this.negated,
        depth: ctx.depth,
        inFunction: ctx.inFunction,
        substituted: ctx.substituted,
      };
    }
    return this.current;
  }

  private endCommand(op: Separator): void {
    const c = this.current;
    const hadCommand = !!c && (c.words.length > 0 || c.assignments.length > 0);
    if (hadCommand) this.commands.push(c!);
    this.current = undefined;
    this.negated = false;
    this.testMode = false;
    // A newline right after `&&`, `||` or `|` continues the list.
    if (hadCommand || op !== '\n') this.after = op;
    if (op === '&&' || op === '||') this.listGuarded = true;
    else if (op === ';' || op === '&' || (op === '\n' && hadCommand)) this.listGuarded = false;
  }
}

interface ScannedWord {
  word: Word;
  substitutions: Span[];
}

/**
 * Reads one word starting at `start` (which must not be a blank or an operator) and returns it
 * with its exact extent.
 */
export function scanWord(t: string, start: number): Word;
export function scanWord(t: string, start: number, options: ScanOptions & { substitutions: Span[] }): ScannedWord;
export function scanWord(t: string, start: number, options: ScanOptions): Word;
export function scanWord(t: string, start: number, options: ScanOptions = {}): Word | ScannedWord {
  const n = options.limit ?? t.length;
  const testMode = options.testMode ?? false;
  const subs = options.substitutions;
  const plain = testMode ? PLAIN_IN_TEST : PLAIN;
  const simple = simpleWord(t, start, n, plain, testMode);
  if (simple) return subs ? { word: simple, substitutions: subs } : simple;
  const w = new WordBuilder(t, subs);
  const { value } = w;
  let i = start;
  let quoted = false;
  while (i < n) {
    const c = t[i];
    plain.lastIndex = i;
    if (plain.test(t)) {
      const end = Math.min(plain.lastIndex, n);
      w.text('none', i, end);
      value.push(t.slice(i, end));
      i = end;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') break;
    if (testMode ? c === ';' : ';&|<>'.includes(c)) {
      if ((c === '<' || c === '>') && t[i + 1] === '(' && i === start) {
        const end = skipNested(t, i + 2, n, 'paren');
        w.expansion('none', i, end);
        i = end;
        continue;
      }
      break;
    }
    if (c === '(' && !testMode) {
      const before = t.slice(start, i);
      const functionParens = FUNCTION_NAME.test(before) && t[i + 1] === ')';
      // `NAME=(…)` arrays and `@(…)` extglobs are one word; `name()` ends the word.
      if (!functionParens && !ARRAY_ASSIGNMENT_PREFIX.test(before) && !(i > start && EXTGLOB_PREFIX.includes(t[i - 1]))) break;
      const end = functionParens ? i + 2 : skipNested(t, i + 1, n, 'paren');
      w.text('none', i, end);
      value.push(t.slice(i, end));
      i = end;
      if (functionParens) break;
      continue;
    }
    if (c === ')' && !testMode) break;
    if (c === '\\') {
      const lb = lineBreakLength(t, i + 1);
      if (lb > 0) {
        i += 1 + lb;
        continue;
      }
      const end = Math.min(i + 2, n);
      w.text('none', i, end);
      value.push(t.slice(i + 1, end));
      quoted = true;
      i = end;
      continue;
    }
    if (c === "'" || (c === '$' && t[i + 1] === "'")) {
      // '…' and bash's $'…' (whose backslash escapes are kept as written in `value`).
      const open = c === "'" ? i : i + 1;
      const close = c === "'" ? indexOrEnd(t, "'", open + 1, n) : ansiQuoteEnd(t, open + 1, n);
      w.text('single', open + 1, close);
      value.push(t.slice(open + 1, close));
      quoted = true;
      i = Math.min(close + 1, n);
      continue;
    }
    if (c === '"' || (c === '$' && t[i + 1] === '"')) {
      quoted = true;
      i += c === '"' ? 1 : 2;
      if (i >= n || t[i] === '"') w.text('double', i, i);
      while (i < n && t[i] !== '"') {
        const d = t[i];
        if (d === '\\' && i + 1 < n) {
          const next = t[i + 1];
          const lb = lineBreakLength(t, i + 1);
          if (lb === 0) value.push('$`"\\'.includes(next) ? next : '\\' + next);
          w.text('double', i, i + 1 + Math.max(lb, 1));
          i += 1 + Math.max(lb, 1);
        } else if (d === '$' || d === '`') {
          const end = expansionEnd(t, i, n, true);
          if (end > i + 1) w.expansion('double', i, end);
          else {
            w.text('double', i, end);
            value.push(t.slice(i, end));
          }
          i = end;
        } else {
          let end = i + 1;
          while (end < n && !'"\\$`'.includes(t[end])) end++;
          w.text('double', i, end);
          value.push(t.slice(i, end));
          i = end;
        }
      }
      i = Math.min(i + 1, n);
      continue;
    }
    if (c === '$' || c === '`') {
      const end = expansionEnd(t, i, n, false);
      if (end > i + 1) w.expansion('none', i, end);
      else {
        w.text('none', i, end);
        value.push(t.slice(i, end));
      }
      i = end;
      continue;
    }
    w.text('none', i, i + 1);
    value.push(c);
    i++;
  }
  if (i === start) i = Math.min(start + 1, n);
  if (w.parts.length === 0 && i > start) w.text('none', start, i);
  const word: Word = {
    start,
    end: i,
    raw: t.slice(start, i),
    value: value.join(''),
    quoted,
    hasExpansion: w.hasExpansion,
    unquotedExpansion: w.unquotedExpansion,
    parts: w.parts,
  };
  return subs ? { word, substitutions: subs } : word;
}

/**
 * Most words are plain text up to a blank or an operator: such a word is read by one match of
 * `plain`, which is what `scanWord`'s loop would find, without its bookkeeping (5 of the 117 ms
 * the CLI took over the corpus's 108 scripts, a run too short for V8 to optimise that loop).
 */
function simpleWord(t: string, start: number, n: number, plain: RegExp, testMode: boolean): Word | undefined {
  plain.lastIndex = start;
  if (!plain.test(t)) return undefined;
  const end = Math.min(plain.lastIndex, n);
  const next = t[end];
  const endsHere = end === n || next === ' ' || next === '\t' || next === '\n' || next === '\r' || (testMode ? next === ';' : ';&|<>)'.includes(next));
  if (!endsHere) return undefined;
  const raw = t.slice(start, end);
  return { start, end, raw, value: raw, quoted: false, hasExpansion: false, unquotedExpansion: false, parts: [{ kind: 'text', quoting: 'none', start, end }] };
}

/** Collects a word's parts and value pieces while `scanWord` reads it. */
class WordBuilder {
  readonly parts: WordPart[] = [];
  /** Built from slices: adding one character at a time costs memory on large files. */
  readonly value: string[] = [];
  hasExpansion = false;
  unquotedExpansion = false;

  constructor(private readonly t: string, private readonly subs: Span[] | undefined) {}

  text(quoting: WordPart['quoting'], s: number, e: number): void {
    const last = this.parts[this.parts.length - 1];
    if (last && last.kind === 'text' && last.quoting === quoting && last.end === s && quoting !== 'single') last.end = e;
    else if (e > s || quoting !== 'none') this.parts.push({ kind: 'text', quoting, start: s, end: e });
  }

  expansion(quoting: WordPart['quoting'], s: number, e: number): void {
    this.parts.push({ kind: 'expansion', quoting, start: s, end: e });
    this.value.push(this.t.slice(s, e));
    this.hasExpansion = true;
    if (quoting === 'none') this.unquotedExpansion = true;
    if (this.subs) recordSubstitution(this.t, s, e, this.subs);
  }
}

/** Adds the command body of `$(…)`, `` `…` `` or `<(…)` spanning [s, e) to `subs`; arithmetic has none. */
function recordSubstitution(t: string, s: number, e: number, subs: Span[]): void {
  if (t[s] === '`') {
    subs.push({ start: s + 1, end: t[e - 1] === '`' && e - 1 > s ? e - 1 : e });
  } else if (t[s + 1] === '(' && t[s + 2] !== '(') {
    subs.push({ start: s + 2, end: t[e - 1] === ')' ? e - 1 : e });
  }
}

/** Length of the line break at `i` (`\n`, `\r\n` or a lone `\r`), or 0. */
function lineBreakLength(t: string, i: number): number {
  if (t[i] === '\n') return 1;
  if (t[i] === '\r') return t[i + 1] === '\n' ? 2 : 1;
  return 0;
}

function skipBlanks(t: string, i: number, n: number): number {
  while (i < n && (t[i] === ' ' || t[i] === '\t')) i++;
  return i;
}

function indexOrEnd(t: string, ch: string, from: number, n: number): number {
  const k = t.indexOf(ch, from);
  return k < 0 || k >= n ? n : k;
}

function ansiQuoteEnd(t: string, from: number, n: number): number {
  let i = from;
  while (i < n && t[i] !== "'") i += t[i] === '\\' ? 2 : 1;
  return Math.min(i, n);
}

/**
 * End offset of the expansion that starts at `i` (`$x`, `${…}`, `$(…)`, `$((…))`, `` `…` ``);
 * `i + 1` when the `$` starts none.
 */
function expansionEnd(t: string, i: number, n: number, inDouble: boolean): number {
  if (t[i] === '`') return skipNested(t, i + 1, n, 'backquote');
  const next = t[i + 1];
  if (i + 1 >= n) return i + 1;
  if (next === '{') return skipNested(t, i + 2, n, inDouble ? 'brace-in-double' : 'brace');
  if (next === '(') return skipNested(t, i + 2, n, 'paren');
  if (/[A-Za-z_]/.test(next)) {
    let j = i + 1;
    while (j < n && /\w/.test(t[j])) j++;
    return j;
  }
  if (/[0-9@*#?$!-]/.test(next)) return i + 2;
  return i + 1;
}

/** What encloses the scanner: `(…)`, `${…}` (inside double quotes or not), `"…"`, `` `…` ``. */
type Nesting = 'paren' | 'brace' | 'brace-in-double' | 'double' | 'backquote';

/**
 * From just inside an opening `$(`/`(`, `${`, `"` or backquote, the offset after its match,
 * skipping what nests inside (quotes, expansions, comments). Iterative, so that no nesting depth
 * overflows the stack; the end of the text when unterminated.
 */
function skipNested(t: string, from: number, n: number, first: Nesting): number {
  const stack: Nesting[] = [first];
  let i = from;
  const close = () => {
    stack.pop();
    i++;
    return stack.length === 0;
  };
  while (i < n) {
    const top = stack[stack.length - 1];
    const c = t[i];
    if (c === '\\') {
      i += 2;
    } else if (top === 'backquote') {
      if (c === '`' ? close() : (i++, false)) return i;
    } else if (top === 'double') {
      if (c === '"') {
        if (close()) return i;
      } else if (c === '$' && (t[i + 1] === '(' || t[i + 1] === '{')) {
        stack.push(t[i + 1] === '(' ? 'paren' : 'brace-in-double');
        i += 2;
      } else if (c === '`') {
        stack.push('backquote');
        i++;
      } else i++;
    } else if (c === "'" && top !== 'brace-in-double') {
      i = indexOrEnd(t, "'", i + 1, n) + 1;
    } else if (c === '"') {
      stack.push('double');
      i++;
    } else if (c === '`') {
      stack.push('backquote');
      i++;
    } else if (c === '$' && (t[i + 1] === '(' || t[i + 1] === '{')) {
      stack.push(t[i + 1] === '(' ? 'paren' : top === 'brace-in-double' ? 'brace-in-double' : 'brace');
      i += 2;
    } else if (top === 'paren') {
      if (c === '#' && (i === from || /[\s;(|&]/.test(t[i - 1]))) {
        while (i < n && t[i] !== '\n' && t[i] !== '\r') i++;
      } else if (c === '(') {
        stack.push('paren');
        i++;
      } else if (c === ')') {
        if (close()) return i;
      } else i++;
    } else if (c === '{') {
      stack.push(top);
      i++;
    } else if (c === '}') {
      if (close()) return i;
    } else i++;
  }
  return n;
}

/** The part of `word` from its raw offset `from` on, as a word with offsets in the same source. */
export function wordFrom(t: string, word: Word, from: number): Word {
  const start = word.start + from;
  if (start >= word.end) return { start, end: start, raw: '', value: '', quoted: false, hasExpansion: false, unquotedExpansion: false, parts: [] };
  return scanWord(t, start, { limit: word.end });
}

/**
 * Resolves a word value through known assignments: `$NAME`, `${NAME}`, `${NAME:-default}`,
 * `${NAME-default}`, `${NAME:=default}` and text around them (`$REGISTRY/tobs:$TAG`). Returns
 * undefined when any part cannot be known statically (a command substitution, `$1`, `${x%y}`).
 */
export function resolveValue(value: string, vars: ReadonlyMap<string, string>, depth = 0): string | undefined {
  if (depth > 8) return undefined;
  if (!value.includes('$') && !value.includes('`')) return value;
  let out = '';
  let i = 0;
  while (i < value.length) {
    const c = value[i];
    if (c === '`') return undefined;
    if (c !== '$') {
      out += c;
      i++;
      continue;
    }
    const end = expansionEnd(value, i, value.length, false);
    const m = /^\$(?:\{([A-Za-z_]\w*)(?:(:?[-=])([\s\S]*))?\}|([A-Za-z_]\w*))$/.exec(value.slice(i, end));
    if (!m) return undefined;
    const name = m[1] ?? m[4];
    const expression = value.slice(i, end);
    const own = vars.get(name);
    let resolved: string | undefined;
    // `X="${X:-default}"` refers to the environment's X: its own value says nothing more.
    if (own !== undefined && own !== expression && own !== `$${name}` && own !== `\${${name}}`) resolved = resolveValue(own, vars, depth + 1);
    if (resolved === undefined && m[3] !== undefined) resolved = resolveValue(m[3], vars, depth + 1);
    if (resolved === undefined) return undefined;
    out += resolved;
    i = end;
  }
  return out;
}
