import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { OutsideWorkspaceError, upsertEnvLine, writeEnvVariable } from '../../client/src/engine/env-file';

describe('client .env writer', () => {
  it('appends to an empty file, and after a last line without newline', () => {
    assert.equal(upsertEnvLine('', 'RENDER_GID', '993'), 'RENDER_GID=993\n');
    assert.equal(upsertEnvLine('A=1', 'RENDER_GID', '993'), 'A=1\nRENDER_GID=993\n');
    assert.equal(upsertEnvLine('A=1\r\n', 'RENDER_GID', '993'), 'A=1\r\nRENDER_GID=993\r\n');
  });

  it('replaces the definition in place, keeping export and other lines', () => {
    const before = '# GPU\nexport RENDER_GID=988 # old\nRENDER_GID_X=1\n#RENDER_GID=5\nPYTHON_VERSION=3.12\n';
    assert.equal(upsertEnvLine(before, 'RENDER_GID', '993'), '# GPU\nexport RENDER_GID=993\nRENDER_GID_X=1\n#RENDER_GID=5\nPYTHON_VERSION=3.12\n');
  });

  it('keeps mixed line endings of untouched lines', () => {
    assert.equal(upsertEnvLine('A=1\r\nRENDER_GID=1\nB=2\r\n', 'RENDER_GID', '7'), 'A=1\r\nRENDER_GID=7\nB=2\r\n');
  });

  it('rejects bad keys and multi-line values', () => {
    assert.throws(() => upsertEnvLine('', 'A-B', '1'));
    assert.throws(() => upsertEnvLine('', 'A', '1\nB=2'));
  });

  it('never changes a line that does not define the key (property)', () => {
    const line = fc.string({ unit: fc.constantFrom('RENDER_GID', 'RENDER_GID_X', 'export ', '#', '=', ' ', 'A', '1', '\t') }).filter((l) => !/^\s*(export\s+)?RENDER_GID\s*=/.test(l));
    fc.assert(
      fc.property(fc.array(line, { minLength: 1 }), fc.constantFrom('\n', '\r\n'), (lines, eol) => {
        const text = lines.map((l) => l + eol).join('');
        const after = upsertEnvLine(text, 'RENDER_GID', '42');
        assert.equal(after, `${text}RENDER_GID=42${eol}`);
      }),
    );
  });

  describe('on disk', () => {
    let root: string;
    let outside: string;
    beforeEach(() => {
      root = fs.mkdtempSync(path.join(os.tmpdir(), 'tobs env ws '));
      outside = fs.mkdtempSync(path.join(os.tmpdir(), 'tobs-env-outside-'));
    });
    afterEach(() => {
      fs.rmSync(root, { recursive: true, force: true });
      fs.rmSync(outside, { recursive: true, force: true });
    });

    it('creates and updates <workspace>/.env', async () => {
      await writeEnvVariable(root, 'RENDER_GID', '993');
      fs.appendFileSync(path.join(root, '.env'), 'OTHER=1\n');
      await writeEnvVariable(root, 'RENDER_GID', '44');
      assert.equal(fs.readFileSync(path.join(root, '.env'), 'utf8'), 'RENDER_GID=44\nOTHER=1\n');
    });

    it('refuses a .env that links outside the workspace, and a dangling link', async () => {
      fs.writeFileSync(path.join(outside, 'target'), 'KEEP=1\n');
      fs.symlinkSync(path.join(outside, 'target'), path.join(root, '.env'));
      await assert.rejects(writeEnvVariable(root, 'RENDER_GID', '1'), OutsideWorkspaceError);
      assert.equal(fs.readFileSync(path.join(outside, 'target'), 'utf8'), 'KEEP=1\n');
      fs.unlinkSync(path.join(root, '.env'));
      fs.symlinkSync(path.join(outside, 'missing'), path.join(root, '.env'));
      await assert.rejects(writeEnvVariable(root, 'RENDER_GID', '1'), OutsideWorkspaceError);
      assert.equal(fs.existsSync(path.join(outside, 'missing')), false);
    });

    it('follows a link that stays inside the workspace', async () => {
      fs.writeFileSync(path.join(root, 'real.env'), 'A=1\n');
      fs.symlinkSync('real.env', path.join(root, '.env'));
      await writeEnvVariable(root, 'RENDER_GID', '5');
      assert.equal(fs.readFileSync(path.join(root, 'real.env'), 'utf8'), 'A=1\nRENDER_GID=5\n');
    });
  });
});
