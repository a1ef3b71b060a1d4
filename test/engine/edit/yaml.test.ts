import * as assert from 'node:assert/strict';
import { isMap, isScalar, isSeq, type Node, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import { appendItem, expandBuildShorthand, insertEntries, removeEntry, replaceScalar } from '../../../server/src/engine/edit/yaml';
import { applyEdits } from '../../../server/src/engine/fix';
import { getIn, pairOf, parseCompose, type ParsedCompose } from '../../../server/src/engine/parse/compose';
import { SourceText } from '../../../server/src/engine/text';
import type { TextEdit } from '../../../server/src/engine/types';
import { crlf } from '../../support/rule-tester';

type Op = (file: ParsedCompose) => TextEdit | TextEdit[] | undefined;

/** Runs an edit helper on `text` and applies its edits the way the engine does (line endings matched). */
function edited(text: string, op: Op): string | undefined {
  const file = parseCompose(new SourceText('file:///ws/compose.yml', text));
  const result = op(file);
  if (result === undefined) return undefined;
  const edits = (Array.isArray(result) ? result : [result]).map((e) => ({ ...e, newText: file.source.withEol(e.newText) }));
  const after = applyEdits(text, edits);
  assert.deepEqual(parseCompose(new SourceText('file:///ws/compose.yml', after)).errors, [], `the result parses:\n${after}`);
  return after;
}

/** Checks an edit on LF text and on its CRLF twin. */
function check(before: string, op: Op, after: string | undefined): void {
  assert.equal(edited(before, op), after);
  assert.equal(edited(crlf(before), op), after === undefined ? undefined : crlf(after));
}

function service(file: ParsedCompose, name = 'app'): YAMLMap {
  return file.services.find((s) => s.name === name)!.map;
}

function mapAt(file: ParsedCompose, ...path: string[]): YAMLMap {
  const node = getIn(file.doc.contents, ...path);
  assert.ok(isMap(node), `${path.join('.')} is a map`);
  return node;
}

function seqAt(file: ParsedCompose, ...path: string[]): YAMLSeq {
  const node = getIn(file.doc.contents, ...path);
  assert.ok(isSeq(node), `${path.join('.')} is a sequence`);
  return node;
}

function pairAt(file: ParsedCompose, key: string, ...path: string[]): Pair<Node, Node | null> {
  return pairOf(path.length ? mapAt(file, ...path) : file.doc.contents, key)!;
}

function scalarAt(file: ParsedCompose, index: number, ...path: string[]): Scalar {
  const item = seqAt(file, ...path).items[index];
  assert.ok(isScalar(item));
  return item;
}

describe('edit/yaml', () => {
  describe('insertEntries', () => {
    it('appends to a block map after its last entry, past a trailing comment, with its indentation', () => {
      check(
        'services:\n  app:\n    image: x\n    ports:\n      - "80:80"  # web\n    # spare\n  db:\n    image: y\n',
        (f) => insertEntries(f, service(f), ['healthcheck'], { test: ['CMD', 'true'], retries: 3 }),
        'services:\n  app:\n    image: x\n    ports:\n      - "80:80"  # web\n    healthcheck:\n      test: ["CMD", "true"]\n      retries: 3\n    # spare\n  db:\n    image: y\n',
      );
    });

    it('goes past commented-out lines of the last entry, not past comments of the next one', () => {
      check(
        'services:\n  app:\n    volumes:\n      - ./a:/a\n\n     # - /dev/bus/usb:/dev/bus/usb\n\n  # the database\n  db:\n    image: y\n',
        (f) => insertEntries(f, service(f), [], { init: 'true' }),
        'services:\n  app:\n    volumes:\n      - ./a:/a\n\n     # - /dev/bus/usb:/dev/bus/usb\n    init: "true"\n\n  # the database\n  db:\n    image: y\n',
      );
    });

    it('creates the parent maps that are missing, as one nested block', () => {
      check(
        'services:\n  app:\n    image: x\n',
        (f) => insertEntries(f, service(f), ['deploy', 'resources'], { limits: { cpus: '4', memory: '8G' } }),
        'services:\n  app:\n    image: x\n    deploy:\n      resources:\n        limits:\n          cpus: "4"\n          memory: 8G\n',
      );
    });

    it('descends into the maps that exist', () => {
      check(
        'services:\n  app:\n    deploy:\n      replicas: 2\n    image: x\n',
        (f) => insertEntries(f, service(f), ['deploy', 'resources'], { limits: { cpus: '4' } }),
        'services:\n  app:\n    deploy:\n      replicas: 2\n      resources:\n        limits:\n          cpus: "4"\n    image: x\n',
      );
    });

    it('keeps the document indentation step (4 spaces)', () => {
      check(
        'services:\n    app:\n        image: x\n',
        (f) => insertEntries(f, service(f), ['build'], { args: { A: '1' } }),
        'services:\n    app:\n        image: x\n        build:\n            args:\n                A: "1"\n',
      );
    });

    it('fills a key that has no value', () => {
      check(
        'services:\n  app:\n    deploy:  # later\n    image: x\n',
        (f) => insertEntries(f, service(f), ['deploy', 'resources'], { limits: { memory: '8G' } }),
        'services:\n  app:\n    deploy:  # later\n      resources:\n        limits:\n          memory: 8G\n    image: x\n',
      );
    });

    it('writes flow syntax into a flow map, quoting what a flow scalar cannot hold', () => {
      check(
        'services:\n  app: {image: x}  # one-liner\n',
        (f) => insertEntries(f, service(f), ['build', 'args'], { V: '${V:-3.12}' }),
        'services:\n  app: {image: x, build: {args: {V: "${V:-3.12}"}}}  # one-liner\n',
      );
    });

    it('writes into an empty flow map', () => {
      check(
        'services:\n  app:\n    build:\n      args: {}\n',
        (f) => insertEntries(f, service(f), ['build', 'args'], { V: '${V:-3.12}' }),
        'services:\n  app:\n    build:\n      args: {V: "${V:-3.12}"}\n',
      );
    });

    it('writes plain block scalars when they read back the same', () => {
      check(
        'services:\n  app:\n    build:\n      args:\n        A: "1"\n',
        (f) => insertEntries(f, service(f), ['build', 'args'], { V: '${V:-3.12}', N: 'yes', E: '' }),
        'services:\n  app:\n    build:\n      args:\n        A: "1"\n        V: ${V:-3.12}\n        N: "yes"\n        E: ""\n',
      );
    });

    it('ends a file that had no final newline with the new lines, still without one', () => {
      check(
        'services:\n  app:\n    image: x',
        (f) => insertEntries(f, service(f), ['init'], { x: 'z' }),
        'services:\n  app:\n    image: x\n    init:\n      x: z',
      );
    });

    it('inserts after a block scalar', () => {
      check(
        'services:\n  app:\n    command: |\n      run\n\n  db:\n    image: y\n',
        (f) => insertEntries(f, service(f), ['init'], { x: 'z' }),
        'services:\n  app:\n    command: |\n      run\n    init:\n      x: z\n\n  db:\n    image: y\n',
      );
    });

    it('gives up when the path runs through a scalar', () => {
      check('services:\n  app:\n    build: .\n', (f) => insertEntries(f, service(f), ['build', 'args'], { A: 'b' }), undefined);
    });
  });

  describe('appendItem', () => {
    it('adds a block item at the column of the others, after a trailing comment', () => {
      check(
        'services:\n  app:\n    build:\n      args:\n      - A=1  # one\n    image: x\n',
        (f) => appendItem(f, seqAt(f, 'services', 'app', 'build', 'args'), 'V=${V:-3.12}'),
        'services:\n  app:\n    build:\n      args:\n      - A=1  # one\n      - V=${V:-3.12}\n    image: x\n',
      );
    });

    it('keeps a commented-out item at the items\' level below the new one', () => {
      check(
        'services:\n  app:\n    group_add:\n      - video\n      # - "109"\n',
        (f) => appendItem(f, seqAt(f, 'services', 'app', 'group_add'), 'render'),
        'services:\n  app:\n    group_add:\n      - video\n      - render\n      # - "109"\n',
      );
    });

    it('adds a flow item with a comma, quoted when flow syntax needs it', () => {
      check(
        'services:\n  app:\n    build:\n      args: [A=1]\n',
        (f) => appendItem(f, seqAt(f, 'services', 'app', 'build', 'args'), 'V=${V:-3.12}'),
        'services:\n  app:\n    build:\n      args: [A=1, "V=${V:-3.12}"]\n',
      );
    });

    it('fills an empty flow sequence', () => {
      check('services:\n  app:\n    group_add: []\n', (f) => appendItem(f, seqAt(f, 'services', 'app', 'group_add'), 'video'), 'services:\n  app:\n    group_add: [video]\n');
    });
  });

  describe('removeEntry', () => {
    const env = 'services:\n  app:\n    environment:\n      # proxies\n      HTTP_PROXY: ""   # corporate\n      FOO: bar\n    image: x\n';

    it('removes a block pair with its trailing comment and keeps the comment line above', () => {
      check(env, (f) => removeEntry(f, pairAt(f, 'HTTP_PROXY', 'services', 'app', 'environment')), 'services:\n  app:\n    environment:\n      # proxies\n      FOO: bar\n    image: x\n');
    });

    it('removes a top-level pair', () => {
      check('version: "3.8"  # old\n\nservices:\n  app:\n    image: x\n', (f) => removeEntry(f, pairAt(f, 'version')), '\nservices:\n  app:\n    image: x\n');
    });

    it('removes a pair whose value is a block, all its lines', () => {
      check(
        'services:\n  app:\n    deploy:\n      resources:\n        limits:\n          cpus: "4"\n    image: x\n',
        (f) => removeEntry(f, pairAt(f, 'deploy', 'services', 'app')),
        'services:\n  app:\n    image: x\n',
      );
    });

    it('removes a block sequence item', () => {
      check(
        'services:\n  app:\n    environment:\n      - HTTP_PROXY=\n      - FOO=bar\n',
        (f) => removeEntry(f, seqAt(f, 'services', 'app', 'environment').items[0] as Node),
        'services:\n  app:\n    environment:\n      - FOO=bar\n',
      );
    });

    it('removes the last line of a file without a final newline, keeping it without one', () => {
      check(
        'services:\n  app:\n    environment:\n      - FOO=bar\n      - HTTP_PROXY=',
        (f) => removeEntry(f, seqAt(f, 'services', 'app', 'environment').items[1] as Node),
        'services:\n  app:\n    environment:\n      - FOO=bar',
      );
    });

    it('takes the first pair of a map on a sequence item line up to its sibling', () => {
      check('x:\n  - a: 1\n    b: 2\n', (f) => removeEntry(f, pairOf(seqAt(f, 'x').items[0], 'a')!), 'x:\n  - b: 2\n');
    });

    it('prunes the key of a collection left empty', () => {
      check(
        'services:\n  app:\n    build:\n      context: .\n      args:\n        HTTP_PROXY: ""\n    image: x\n',
        (f) => removeEntry(f, pairAt(f, 'HTTP_PROXY', 'services', 'app', 'build', 'args'), { pruneEmptyParent: true }),
        'services:\n  app:\n    build:\n      context: .\n    image: x\n',
      );
    });

    it('does not prune a collection that still has entries', () => {
      check(env, (f) => removeEntry(f, pairAt(f, 'FOO', 'services', 'app', 'environment'), { pruneEmptyParent: true }), 'services:\n  app:\n    environment:\n      # proxies\n      HTTP_PROXY: ""   # corporate\n    image: x\n');
    });

    it('will not prune an anchored collection (aliases refer to it)', () => {
      check('x-env: &env\n  HTTP_PROXY: ""\nservices:\n  app:\n    environment: *env\n', (f) => removeEntry(f, pairAt(f, 'HTTP_PROXY', 'x-env'), { pruneEmptyParent: true }), undefined);
    });

    it('removes a flow item with its comma: first, middle, last', () => {
      const text = 'services:\n  app:\n    environment: {HTTP_PROXY: "", FOO: bar, NO_PROXY: ""}\n';
      const pair = (key: string) => (f: ParsedCompose) => removeEntry(f, pairAt(f, key, 'services', 'app', 'environment'));
      check(text, pair('HTTP_PROXY'), 'services:\n  app:\n    environment: {FOO: bar, NO_PROXY: ""}\n');
      check(text, pair('FOO'), 'services:\n  app:\n    environment: {HTTP_PROXY: "", NO_PROXY: ""}\n');
      check(text, pair('NO_PROXY'), 'services:\n  app:\n    environment: {HTTP_PROXY: "", FOO: bar}\n');
    });

    it('prunes a flow collection left empty, inside a flow parent', () => {
      check(
        'services:\n  app:\n    build: {context: ., args: [HTTP_PROXY=]}\n',
        (f) => removeEntry(f, seqAt(f, 'services', 'app', 'build', 'args').items[0] as Node, { pruneEmptyParent: true }),
        'services:\n  app:\n    build: {context: .}\n',
      );
    });

    it('prunes a flow collection left empty, under a block key', () => {
      check(
        'services:\n  app:\n    environment: [HTTP_PROXY=]  # none\n    image: x\n',
        (f) => removeEntry(f, seqAt(f, 'services', 'app', 'environment').items[0] as Node, { pruneEmptyParent: true }),
        'services:\n  app:\n    image: x\n',
      );
    });
  });

  describe('replaceScalar', () => {
    const groups = 'services:\n  app:\n    group_add:\n      - "988"  # render\n      - \'109\'\n      - 44\n';
    const replace = (i: number) => (f: ParsedCompose) => {
      const s = scalarAt(f, i, 'services', 'app', 'group_add');
      return replaceScalar(f, s, `\${RENDER_GID:-${s.value}}`);
    };

    it('keeps double quotes and the comment', () => {
      check(groups, replace(0), groups.replace('"988"', '"${RENDER_GID:-988}"'));
    });

    it('keeps single quotes', () => {
      check(groups, replace(1), groups.replace("'109'", "'${RENDER_GID:-109}'"));
    });

    it('keeps a plain scalar plain when it can be', () => {
      check(groups, replace(2), groups.replace('- 44', '- ${RENDER_GID:-44}'));
    });

    it('quotes a plain scalar in flow syntax when it must', () => {
      check('services:\n  app:\n    group_add: [video, 44]\n', replace(1), 'services:\n  app:\n    group_add: [video, "${RENDER_GID:-44}"]\n');
    });
  });

  describe('expandBuildShorthand', () => {
    it('turns `build: .` into a block with the context, keeping its comment', () => {
      check(
        'services:\n  app:\n    build: .  # here\n    image: x\n',
        (f) => expandBuildShorthand(f, service(f), { args: { V: '${V:-3.12}' } }),
        'services:\n  app:\n    build:\n      context: .  # here\n      args:\n        V: ${V:-3.12}\n    image: x\n',
      );
    });

    it('keeps the quoting of the context, at the end of a file without a final newline', () => {
      check(
        "services:\n  app:\n    build: './app'",
        (f) => expandBuildShorthand(f, service(f), { args: { V: '1' } }),
        "services:\n  app:\n    build:\n      context: './app'\n      args:\n        V: \"1\"",
      );
    });

    it('writes a flow map inside a flow service', () => {
      check(
        'services:\n  app: {build: ., image: x}\n',
        (f) => expandBuildShorthand(f, service(f), { args: { V: '${V:-3.12}' } }),
        'services:\n  app: {build: {context: ., args: {V: "${V:-3.12}"}}, image: x}\n',
      );
    });

    it('leaves a long-form build alone', () => {
      check('services:\n  app:\n    build:\n      context: .\n', (f) => expandBuildShorthand(f, service(f), { args: { V: '1' } }), undefined);
    });
  });
});
