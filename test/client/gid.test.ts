import * as assert from 'node:assert/strict';
import { detectGroupGid, findGroupGid, parseGroupLine } from '../../client/src/engine/gid';
import { NodeProcessRunner } from '../../client/src/engine/process';
import { FakeRunner, fail } from './fake-runner';

const GROUP_FILE = '# comment\nroot:x:0:\nvideo:x:44:alice,bob\nrender:x:993:\n\nbroken line\n';

describe('client render GID', () => {
  it('parses group lines', () => {
    assert.deepEqual(parseGroupLine('video:x:44:alice,bob'), { name: 'video', gid: 44, members: ['alice', 'bob'] });
    assert.deepEqual(parseGroupLine('render:x:993:'), { name: 'render', gid: 993, members: [] });
    for (const bad of ['', '# render:x:1:', 'render:x:abc:', 'render:x']) assert.equal(parseGroupLine(bad), undefined, bad);
  });

  it('finds a group in /etc/group text, CRLF or not', () => {
    assert.equal(findGroupGid(GROUP_FILE, 'render'), 993);
    assert.equal(findGroupGid(GROUP_FILE.replace(/\n/g, '\r\n'), 'video'), 44);
    assert.equal(findGroupGid(GROUP_FILE, 'rend'), undefined);
  });

  it('asks getent first', async () => {
    const lookup = await detectGroupGid('render', new FakeRunner({ 'getent group render': { stdout: 'render:x:109:\n' } }), async () => GROUP_FILE);
    assert.deepEqual(lookup, { gid: 109, source: 'getent' });
  });

  it('trusts getent\'s "no such group" (exit 2) over the file', async () => {
    const lookup = await detectGroupGid('render', new FakeRunner({ 'getent group render': fail(2, '') }), async () => GROUP_FILE);
    assert.deepEqual(lookup, { source: 'none' });
  });

  it('reads the group file when getent is missing', async () => {
    assert.deepEqual(await detectGroupGid('render', new FakeRunner({}), async () => GROUP_FILE), { gid: 993, source: '/etc/group' });
    assert.deepEqual(await detectGroupGid('render', new FakeRunner({}), async () => undefined), { source: 'none' });
  });

  it('reads the real host with the real getent', async () => {
    assert.deepEqual(await detectGroupGid('root', new NodeProcessRunner(), async () => undefined), { gid: 0, source: 'getent' });
    assert.deepEqual(await detectGroupGid('tobs-no-such-group', new NodeProcessRunner(), async () => undefined), { source: 'none' });
  });
});
