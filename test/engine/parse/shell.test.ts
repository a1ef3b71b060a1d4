import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { insertionPointBefore, parseShell, resolveValue, scanWord, type SimpleCommand, type Word } from '../../../server/src/engine/parse/shell';
import { CORPUS_DIR } from '../../support/paths';

/** Each command as its word values joined by spaces, assignments first. */
function commandsOf(text: string): string[] {
  return parseShell(text).commands.map(show);
}

function show(c: SimpleCommand): string {
  return [...c.assignments, ...c.words].map((w) => w.value).join(' ');
}

/** The one command of `text` that is not inside a substitution. */
function only(text: string): SimpleCommand {
  const commands = parseShell(text).commands.filter((c) => !c.substituted);
  assert.equal(commands.length, 1, `one command expected, got ${JSON.stringify(commands.map(show))}`);
  return commands[0];
}

function command(text: string, startsWith: string): SimpleCommand {
  const found = parseShell(text).commands.find((c) => show(c).startsWith(startsWith));
  assert.ok(found, `no command starting with ${startsWith}: ${JSON.stringify(commandsOf(text))}`);
  return found;
}

function wordsOf(text: string): Word[] {
  return only(text).words;
}

/** 0-based line numbers of the insertion points. */
function pointLines(text: string): number[] {
  return parseShell(text).insertionPoints.map((p) => text.slice(0, p).split(/\r\n|\n|\r/).length - 1);
}

describe('parse/shell: words', () => {
  const cases: { name: string; text: string; values: string[]; raws?: string[] }[] = [
    { name: 'single quotes keep everything', text: `echo 'a "b" $c' d`, values: ['echo', 'a "b" $c', 'd'], raws: ['echo', `'a "b" $c'`, 'd'] },
    { name: 'double quotes keep expansions', text: 'echo "a $B ${C:-x y}"', values: ['echo', 'a $B ${C:-x y}'] },
    { name: 'escapes inside double quotes', text: 'echo "a \\"b\\" \\$c \\n"', values: ['echo', 'a "b" $c \\n'] },
    { name: 'escaped blank joins words', text: 'ls my\\ dir', values: ['ls', 'my dir'], raws: ['ls', 'my\\ dir'] },
    { name: 'mixed quoting in one word', text: `x'a b'"c d"e`, values: [`xa bc de`] },
    { name: '$VAR and ${VAR:-default}', text: 'echo $HOME ${X:-/a b}', values: ['echo', '$HOME', '${X:-/a b}'] },
    { name: '$(…) nested with quotes', text: 'echo "$(echo "$(cat "f)")")" next', values: ['echo', '$(echo "$(cat "f)")")', 'next'] },
    { name: '$((arithmetic))', text: 'echo $(( (1 + 2) * 3 ))x', values: ['echo', '$(( (1 + 2) * 3 ))x'] },
    { name: 'backquotes', text: 'echo `pwd`/x', values: ['echo', '`pwd`/x'] },
    { name: `bash $'…' quoting`, text: `printf $'a\\'b' c`, values: ['printf', `a\\'b`, 'c'] },
    { name: 'extglob stays one word', text: 'ls @(a|b).txt', values: ['ls', '@(a|b).txt'] },
    { name: '~ is plain text', text: 'ls ~/x', values: ['ls', '~/x'] },
    { name: '# inside a word is not a comment', text: 'echo a#b # comment', values: ['echo', 'a#b'] },
    { name: 'unterminated double quote ends at the end of the text', text: 'echo "abc', values: ['echo', 'abc'] },
    { name: 'unterminated single quote ends at the end of the text', text: "echo 'abc\ndef", values: ['echo', 'abc\ndef'] },
    { name: 'unterminated $( ends at the end of the text', text: 'echo $(ls', values: ['echo', '$(ls'] },
    // Plain words end at a blank or an operator; anything else continues them.
    { name: 'a line continuation inside a plain word joins it', text: 'echo ab\\\ncd ef', values: ['echo', 'abcd', 'ef'], raws: ['echo', 'ab\\\ncd', 'ef'] },
    { name: 'plain words end at operators', text: 'echo a>b;', values: ['echo', 'a'] },
    { name: 'a quote after plain text continues the word', text: `echo ab"c d"e'f'`, values: ['echo', 'abc def'] },
    { name: 'an array assignment after plain text is one word', text: 'x=(a b) echo y', values: ['echo', 'y'] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const words = wordsOf(c.text);
      assert.deepEqual(words.map((w) => w.value), c.values);
      if (c.raws) assert.deepEqual(words.map((w) => w.raw), c.raws);
      for (const w of words) assert.equal(c.text.slice(w.start, w.end), w.raw);
    });
  }

  it('flags where expansions stand', () => {
    const [, unquoted, quoted, partly, literal, backquoted] = wordsOf('x $PWD/a "$PWD/a" "$PWD"/$b ./a `pwd`');
    assert.deepEqual([unquoted.hasExpansion, unquoted.unquotedExpansion, unquoted.quoted], [true, true, false]);
    assert.deepEqual([quoted.hasExpansion, quoted.unquotedExpansion, quoted.quoted], [true, false, true]);
    assert.deepEqual([partly.hasExpansion, partly.unquotedExpansion], [true, true]);
    assert.deepEqual([literal.hasExpansion, literal.unquotedExpansion], [false, false]);
    assert.deepEqual([backquoted.hasExpansion, backquoted.unquotedExpansion], [true, true]);
  });

  it('splits a word into parts with source offsets', () => {
    const text = `-v "$PWD"/x:'/y'\\ z$(pwd)`;
    const w = scanWord(text, 3);
    assert.deepEqual(
      w.parts.map((p) => [p.kind, p.quoting, text.slice(p.start, p.end)]),
      [
        ['expansion', 'double', '$PWD'],
        ['text', 'none', '/x:'],
        ['text', 'single', '/y'],
        ['text', 'none', '\\ z'],
        ['expansion', 'none', '$(pwd)'],
      ],
    );
  });

  it('reads a plain word with one part, and stops it at the limit', () => {
    const w = scanWord('abc def', 0);
    assert.deepEqual([w.raw, w.value, w.quoted, w.hasExpansion, w.parts], ['abc', 'abc', false, false, [{ kind: 'text', quoting: 'none', start: 0, end: 3 }]]);
    assert.deepEqual([scanWord('abcdef', 1, { limit: 4 }).raw, scanWord('ab"c"', 0, { limit: 2 }).raw], ['bcd', 'ab']);
    assert.equal(scanWord('a&&b c', 0, { testMode: true }).raw, 'a&&b');
  });

  it('keeps an empty quoted string as a part', () => {
    const w = scanWord(`""`, 0);
    assert.deepEqual(w.parts.map((p) => [p.kind, p.quoting, p.start, p.end]), [['text', 'double', 1, 1]]);
  });
});

describe('parse/shell: commands', () => {
  it('joins backslash continuations (LF and CRLF) into one command', () => {
    for (const eol of ['\n', '\r\n']) {
      const text = `podman run \\${eol}  --rm \\${eol}  img${eol}echo done${eol}`;
      const commands = parseShell(text).commands;
      assert.deepEqual(commands.map(show), ['podman run --rm img', 'echo done']);
      const rm = commands[0].words[2];
      assert.equal(text.slice(rm.start, rm.end), '--rm');
      assert.equal(commands[0].start, 0);
      assert.equal(text.slice(commands[0].end - 3, commands[0].end), 'img');
    }
  });

  it('treats a lone CR as a line break', () => {
    assert.deepEqual(commandsOf('a 1\rb 2\r\rc'), ['a 1', 'b 2', 'c']);
    assert.deepEqual(pointLines('a\rb\r'), [0, 1, 2]);
  });

  it('splits on ; & && || | and newlines, recording the operator before each command', () => {
    const commands = parseShell('a; b & c && d || e | f\ng').commands;
    assert.deepEqual(commands.map((c) => [show(c), c.after]), [
      ['a', 'start'],
      ['b', ';'],
      ['c', '&'],
      ['d', '&&'],
      ['e', '||'],
      ['f', '|'],
      ['g', '\n'],
    ]);
  });

  it('marks commands after && and || as conditional, and ! as negated', () => {
    const commands = parseShell('a && b | c\nd\n! e || f\ng &&\n  h\n').commands;
    assert.deepEqual(commands.map((c) => [show(c), c.conditional, c.negated]), [
      ['a', false, false],
      ['b', true, false],
      ['c', true, false],
      ['d', false, false],
      ['e', false, true],
      ['f', true, false],
      ['g', false, false],
      ['h', true, false],
    ]);
  });

  it('knows which commands may not run: branches, loop bodies, case arms, functions', () => {
    const text = [
      'if ! podman image exists x; then',
      '  podman build -t x .',
      'elif other; then',
      '  b2',
      'else',
      '  b3',
      'fi',
      'while cond; do body; done',
      'for i in $(seq 3); do loop; done',
      'case "$1" in',
      '  a|b) arm ;;',
      '  *) other_arm ;;',
      'esac',
      'f() {',
      '  in_f',
      '}',
      'function g {',
      '  in_g',
      '}',
      'h () ( in_h )',
      '{ grouped; }',
      '( sub )',
      'top',
    ].join('\n');
    const rows = parseShell(text).commands.map((c) => [show(c), c.conditional, c.inFunction, c.depth]);
    assert.deepEqual(rows, [
      ['podman image exists x', false, false, 1],
      ['podman build -t x .', true, false, 1],
      ['other', true, false, 1],
      ['b2', true, false, 1],
      ['b3', true, false, 1],
      ['cond', false, false, 1],
      ['body', true, false, 1],
      ['seq 3', false, false, 1],
      ['loop', true, false, 1],
      ['arm', true, false, 1],
      ['other_arm', true, false, 1],
      ['in_f', true, true, 1],
      ['in_g', true, true, 1],
      ['in_h', true, true, 1],
      ['grouped', false, false, 1],
      ['sub', false, false, 1],
      ['top', false, false, 0],
    ]);
    assert.equal(command(text, 'podman image').negated, true);
  });

  it('a group opened after && is conditional inside', () => {
    const commands = parseShell('a && { b; c; }\nd').commands;
    assert.deepEqual(commands.map((c) => [show(c), c.conditional]), [['a', false], ['b', true], ['c', true], ['d', false]]);
  });

  it('parses command substitutions and process substitutions as commands of their own', () => {
    const text = 'cid="$(docker run -d "$(cat img)")"\nfor c in `docker ps -q`; do :; done\nwhile read -r l; do :; done < <(podman images)\n';
    const commands = parseShell(text).commands;
    assert.deepEqual(commands.map((c) => [show(c), c.substituted]), [
      ['cid=$(docker run -d "$(cat img)")', false],
      ['docker run -d $(cat img)', true],
      ['cat img', true],
      ['docker ps -q', true],
      [':', false],
      ['read -r l', false],
      [':', false],
      ['podman images', true],
    ]);
    const run = commands[1];
    assert.equal(text.slice(run.start, run.end), 'docker run -d "$(cat img)"');
  });

  it('skips heredoc bodies (<<, <<-, quoted delimiters) but not here-strings', () => {
    const text = [
      'cat <<EOF > out',
      'podman run --user root x',
      'EOF',
      'cat <<-"END"',
      '\tdocker run y',
      '\tEND',
      "cat <<'X'; echo same-line",
      'docker run z',
      'X',
      'grep -q a <<<"$v"',
      'after',
    ].join('\n');
    assert.deepEqual(commandsOf(text), ['cat', 'cat', 'cat', 'echo same-line', 'grep -q a', 'after']);
  });

  it('ignores comments, including commented-out commands', () => {
    assert.deepEqual(commandsOf('# podman run --user root x\necho a # podman run y\n  # indented\nb'), ['echo a', 'b']);
  });

  it('drops redirections from the words', () => {
    assert.deepEqual(commandsOf('podman image exists x >/dev/null 2>&1\ndocker ps &>/dev/null\necho >&2 msg\nexec 3<file 4>&-\ncat < in >> out'), [
      'podman image exists x',
      'docker ps',
      'echo msg',
      'exec',
      'cat',
    ]);
    // `&>` is a redirection, not `&` (background) before another command.
    assert.equal(parseShell('a &>/dev/null\nb').commands[1].after, '\n');
  });

  it('reads assignments, also after declaration builtins, and arrays as one word', () => {
    const text = 'A=1 B="x y" cmd arg\nexport C=2 D\nlocal -r E=3\nargs=(--rm -v "$x:/y"\n  -e A=1)\nargs+=( --init )\ndeclare -a F=(a b)\n';
    const commands = parseShell(text).commands;
    assert.deepEqual(commands.map((c) => [c.assignments.map((a) => a.value), c.words.map((w) => w.value)]), [
      [['A=1', 'B=x y'], ['cmd', 'arg']],
      [['C=2'], ['export', 'D']],
      [['E=3'], ['local', '-r']],
      [['args=(--rm -v "$x:/y"\n  -e A=1)'], []],
      [['args+=( --init )'], []],
      [['F=(a b)'], ['declare', '-a']],
    ]);
  });

  it('reads [[ … ]] with regexes, parentheses and < > as a test, not as operators', () => {
    const text = '[[ $x =~ ^(a|b)$ && $y < 3 ]] && podman run img\n';
    const commands = parseShell(text).commands;
    assert.deepEqual(commands.map(show), ['[[ $x =~ ^(a|b)$ && $y < 3 ]]', 'podman run img']);
    assert.equal(commands[1].conditional, true);
  });

  it('skips (( arithmetic )) commands and for (( … )) headers', () => {
    assert.deepEqual(commandsOf('(( n > 2 )) && echo big\nfor ((i = 0; i < 3; i++)); do echo $i; done'), ['echo big', 'echo $i']);
  });

  it('does not take function names, case patterns or loop headers for commands', () => {
    assert.deepEqual(commandsOf('docker() { command docker "$@"; }\ncase $e in\n  docker|podman) run_it ;;\n  (*) ;;\nesac\nfor podman in a b; do :; done'), [
      'command docker $@',
      'run_it',
      ':',
    ]);
  });

  it('removes Dockerfile comment lines inside continued RUN text when asked', () => {
    const text = 'apt-get install \\\n    # the compiler\n    gcc \\\n    make';
    assert.deepEqual(parseShell(text, { dockerfileComments: true }).commands.map(show), ['apt-get install gcc make']);
    assert.deepEqual(parseShell(text).commands.map(show), ['apt-get install', 'gcc make']);
  });

  it('never throws and keeps offsets exact on the real-world scripts', function () {
    const dirs = ['shell', 'stack/shell'].map((d) => path.join(CORPUS_DIR, d));
    for (const d of dirs) assert.ok(fs.existsSync(d), `the corpus is missing at ${d} (set TOBS_SHARED_DIR)`);
    for (const file of dirs.flatMap((d) => listFiles(d))) {
      const text = fs.readFileSync(file, 'utf8');
      checkInvariants(text, file);
    }
  });

  it('reads deeply nested and unterminated substitutions without overflowing the stack', () => {
    const nested = 'echo ' + '"$('.repeat(5000) + 'x' + ')"'.repeat(5000);
    assert.equal(parseShell(nested).commands[0].words[1].raw, nested.slice(5));
    checkInvariants('echo ' + '$('.repeat(20000), 'unterminated');
    checkInvariants('x=' + '${a:-'.repeat(20000), 'unterminated braces');
  });

  it('never throws and keeps offsets exact on random shell-like text', () => {
    const alphabet = fc.constantFrom(...'ab $()[]{}"\'`\\\n\r\t;&|<>#=-!*@:/x0'.split(''), '$(', '${', '<<', '<<-', 'EOF', 'if ', 'then ', 'fi', 'case ', ' in ', ';;', 'esac', 'do ', 'done', 'for ', '((', '))', '[[', ']]', 'f()', '{ ', ' }');
    fc.assert(fc.property(fc.array(alphabet, { maxLength: 60 }).map((a) => a.join('')), (text) => checkInvariants(text, JSON.stringify(text))), { numRuns: 2000 });
  });
});

function listFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listFiles(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

function checkInvariants(text: string, what: string): void {
  const script = parseShell(text);
  for (const c of script.commands) {
    assert.ok(c.start <= c.end && c.end <= text.length, `${what}: command extent`);
    for (const w of [...c.assignments, ...c.words]) {
      assert.equal(text.slice(w.start, w.end), w.raw, `${what}: word offsets`);
      assert.ok(w.end > w.start, `${what}: empty word`);
      for (const p of w.parts) assert.ok(w.start <= p.start && p.start <= p.end && p.end <= w.end, `${what}: part inside its word`);
    }
  }
  for (let k = 1; k < script.commands.length; k++) assert.ok(script.commands[k - 1].start <= script.commands[k].start, `${what}: source order`);
  for (const p of script.insertionPoints) {
    assert.ok(p === 0 || p === text.length || text[p - 1] === '\n' || text[p - 1] === '\r', `${what}: insertion point ${p} at a line start`);
  }
}

describe('parse/shell: insertion points', () => {
  const cases: { name: string; text: string; lines: number[] }[] = [
    { name: 'between top-level commands, not before the shebang, not inside a continuation', text: '#!/bin/bash\nset -e\n\nIMAGE=x\n\npodman run \\\n  img\n', lines: [1, 2, 3, 4, 5, 7] },
    { name: 'inside branches, never before then/else/fi', text: 'if a\nthen\n  b\nelse\n  c\nfi\n', lines: [0, 2, 4, 6] },
    { name: 'not in a condition', text: 'if a &&\n  b; then\n  c\nfi', lines: [0, 2] },
    { name: 'not in a heredoc body', text: 'cat <<EOF\nx\nEOF\necho\n', lines: [0, 3, 4] },
    { name: 'not in a multi-line string or a continued list', text: 'x="a\nb"\na &&\n  b |\n  c\nd\n', lines: [0, 2, 5, 6] },
    { name: 'not among case patterns', text: 'case x in\n  a)\n    cmd\n    ;;\n  b) other ;;\nesac\n', lines: [0, 2, 6] },
    { name: 'inside function bodies', text: 'f() {\n  cmd\n}\nfunction g\n{\n  x\n}\n', lines: [0, 1, 3, 5, 7] },
    { name: 'not inside a substitution', text: 'v=$(\n  a\n)\nb\n', lines: [0, 3, 4] },
    { name: 'CRLF', text: 'a\r\nb \\\r\n c\r\n', lines: [0, 1, 3] },
  ];
  for (const c of cases) it(c.name, () => assert.deepEqual(pointLines(c.text), c.lines));

  it('finds the point before a command', () => {
    const text = 'A=1\npodman run \\\n  img\n';
    const script = parseShell(text);
    const img = script.commands[1].words[2];
    assert.equal(insertionPointBefore(script, img.start), 4);
    assert.equal(insertionPointBefore(parseShell('#!/bin/sh\n'), 0), undefined);
  });
});

describe('parse/shell: resolveValue', () => {
  const vars = new Map([
    ['IMAGE', '${IMAGE:-tobs:latest}'],
    ['REG', 'ghcr.io/me'],
    ['TAG', '1.0'],
    ['REF', '$REG/app:$TAG'],
    ['LOOP', '$LOOP'],
    ['CID', '$(docker ps -q)'],
  ]);
  const cases: [string, string | undefined][] = [
    ['plain', 'plain'],
    ['$IMAGE', 'tobs:latest'],
    ['${REG}', 'ghcr.io/me'],
    ['$REF', 'ghcr.io/me/app:1.0'],
    ['${UNSET:-fallback}', 'fallback'],
    ['${UNSET-fallback}', 'fallback'],
    ['${UNSET:=x}', 'x'],
    ['${UNSET:-${REG}/y}', 'ghcr.io/me/y'],
    ['$UNSET', undefined],
    ['$LOOP', undefined],
    ['$CID', undefined],
    ['$1', undefined],
    ['${REG%/me}', undefined],
    ['`pwd`', undefined],
  ];
  for (const [value, expected] of cases) it(`${value} → ${expected}`, () => assert.equal(resolveValue(value, vars), expected));
});
