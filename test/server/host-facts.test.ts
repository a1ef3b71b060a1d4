// Host facts in the language server: it asks the client (`tobs/hostFacts`) once it is
// initialized, lints without the facts until the answer comes, then with them (diagnostics and
// fixes alike), and asks again on `tobs/hostFactsChanged`. A client that does not know the
// request, or answers nonsense, leaves the facts empty.

import * as assert from 'node:assert/strict';
import type { CodeAction } from 'vscode-languageserver/node';
import type { HostFacts } from '../../server/src/engine/index';
import { readHostFacts } from '../../server/src/host/host-facts';
import { LspTestClient } from '../support/lsp-client';
import { byRule } from './support';
import { TempWorkspace } from './workspace';

const RULE = 'compose/podman-compose-group-add';
const PODMAN_COMPOSE_103: HostFacts = { engine: 'podman', composeProvider: 'podman-compose', composeProviderVersion: '1.0.3', renderGid: 988 };
const COMPOSE = 'services:\n  app:\n    image: x\n    group_add:\n      - render\n';

describe('language server: host facts', () => {
  let client: LspTestClient | undefined;
  let ws: TempWorkspace | undefined;
  afterEach(async () => {
    try {
      await client?.shutdown();
    } finally {
      client?.dispose();
      ws?.dispose();
      client = ws = undefined;
    }
  });

  /** A session whose client answers `tobs/hostFacts` with what `answer` gives, counting the questions. */
  async function start(answer: () => Promise<unknown> | unknown): Promise<{ client: LspTestClient; asked: () => number }> {
    ws = new TempWorkspace({ 'compose.yml': COMPOSE }, false);
    client = LspTestClient.inProcess();
    let questions = 0;
    client.connection.onRequest('tobs/hostFacts', () => {
      questions++;
      return answer();
    });
    await client.initialize({ folders: [ws.uri] });
    return { client, asked: () => questions };
  }

  it('asks the client, and compose/podman-compose-group-add fires only once it answers podman-compose 1.0.3', async () => {
    let answer!: (facts: HostFacts) => void;
    const pending = new Promise<HostFacts>((resolve) => (answer = resolve));
    const session = await start(() => pending);
    const uri = ws!.uriOf('compose.yml');

    const before = await session.client.diagnostics(uri);
    assert.equal(session.asked(), 1, 'asked once, on initialized');
    assert.ok(before.some(byRule('compose/group-add-name')), 'linted without waiting for the answer');
    assert.ok(!before.some(byRule(RULE)), 'no host facts yet');

    const mark = session.client.mark();
    answer(PODMAN_COMPOSE_103);
    const after = await session.client.diagnosticsSince(uri, mark, (p) => p.diagnostics.some(byRule(RULE)));
    assert.match(String(after.find(byRule(RULE))!.message), /podman-compose 1\.0\.3/);

    // Fixes see the facts too: the render GID becomes the variable's default.
    const nameFinding = after.find(byRule('compose/group-add-name'))!;
    const actions = (await session.client.codeActions(uri, nameFinding.range, [nameFinding])) as CodeAction[];
    assert.ok(actions.some((a) => a.title === 'Use ${RENDER_GID:-988}'), actions.map((a) => a.title).join('\n'));
  });

  it('asks again on tobs/hostFactsChanged and lints with the new answer', async () => {
    let facts: HostFacts = PODMAN_COMPOSE_103;
    const session = await start(() => facts);
    const uri = ws!.uriOf('compose.yml');
    await session.client.diagnostics(uri, (p) => p.diagnostics.some(byRule(RULE)));

    facts = { ...PODMAN_COMPOSE_103, composeProviderVersion: '1.2.0' };
    const mark = session.client.mark();
    await session.client.connection.sendNotification('tobs/hostFactsChanged');
    await session.client.diagnosticsSince(uri, mark, (p) => !p.diagnostics.some(byRule(RULE)));
    assert.equal(session.asked(), 2);
  });

  it('lints without facts when the client does not know the request', async () => {
    ws = new TempWorkspace({ 'compose.yml': COMPOSE }, false);
    client = LspTestClient.inProcess();
    await client.initialize({ folders: [ws.uri] });
    const diagnostics = await client.diagnostics(ws.uriOf('compose.yml'));
    assert.ok(diagnostics.some(byRule('compose/group-add-name')));
    assert.ok(!diagnostics.some(byRule(RULE)));
  });

  it('keeps only the valid facts of an answer', () => {
    assert.deepEqual(readHostFacts({ engine: 'lxc', renderGid: -1, composeProvider: 'nerdctl', composeProviderVersion: 'latest', extra: 1 }), {});
    assert.deepEqual(readHostFacts(null), {});
    assert.deepEqual(readHostFacts('podman'), {});
    assert.deepEqual(readHostFacts({ ...PODMAN_COMPOSE_103, extra: true }), PODMAN_COMPOSE_103);
  });
});
