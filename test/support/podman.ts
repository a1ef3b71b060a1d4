// A real, isolated podman for tests: its own containers.conf and storage.conf in a temp dir
// (runc, cgroupfs, file events, no network namespace by default, ulimits the VM allows), and a
// `localhost/busybox` base image built offline from Debian's static busybox. Nothing global is
// touched; `teardown()` removes every container, image, network and the temp dir, also after a
// failed test. See the podman notes for why each setting is there.

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { NodeProcessRunner, succeeded, type RunResult } from '../../client/src/engine/process';
import { findTool, requireTool } from './require-tool';

export const BUSYBOX_IMAGE = 'localhost/busybox';
const HOW_TO_ENABLE = 'apt-get install -y podman runc busybox-static (and podman-compose for the compose tests)';

export interface PodmanEnvironment {
  dir: string;
  /** Environment variables that point podman (and podman-compose, bash scripts) at the isolated set-up. */
  env: Record<string, string>;
  runner: NodeProcessRunner;
  podman(...args: string[]): Promise<RunResult>;
  teardown(): Promise<void>;
}

/** True when podman, runc and a static busybox are there (see requireTool for skip vs fail). */
export function podmanAvailable(): boolean {
  return requireTool('podman', HOW_TO_ENABLE, ['--version']) && requireTool('runc', HOW_TO_ENABLE) && requireTool('busybox', HOW_TO_ENABLE);
}

export function podmanComposeAvailable(): boolean {
  return requireTool('podman-compose', 'apt-get install -y podman-compose', ['version']);
}

export async function setUpPodman(): Promise<PodmanEnvironment> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tobs-podman-'));
  const sub = (name: string) => {
    const p = path.join(dir, name);
    fs.mkdirSync(p, { recursive: true });
    return p;
  };
  const runtime = findTool('runc') ?? '/usr/sbin/runc';
  // ulimits: rootful podman asks for 1048576 open files, which these VMs refuse; runc: crun refuses
  // cgroup v1 hybrid hosts; network_config_dir: compose networks stay in the temp dir too.
  fs.writeFileSync(
    path.join(dir, 'containers.conf'),
    `[containers]
default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]
netns = "none"

[network]
network_config_dir = "${sub('networks')}"

[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
events_logfile_path = "${path.join(dir, 'events.log')}"
tmp_dir = "${sub('libpod-tmp')}"
image_copy_tmp_dir = "${sub('image-tmp')}"
volume_path = "${sub('volumes')}"

[engine.runtimes]
runc = ["${runtime}"]
`,
  );
  fs.writeFileSync(
    path.join(dir, 'storage.conf'),
    `[storage]
driver = "overlay"
graphroot = "${sub('storage')}"
runroot = "${sub('run')}"
`,
  );
  const env = {
    CONTAINERS_CONF: path.join(dir, 'containers.conf'),
    CONTAINERS_STORAGE_CONF: path.join(dir, 'storage.conf'),
    TMPDIR: sub('tmp'),
  };
  const runner = new NodeProcessRunner({ ...process.env, ...env });
  const podman = (...args: string[]) => runner.run({ argv: ['podman', ...args] });
  const environment: PodmanEnvironment = {
    dir,
    env,
    runner,
    podman,
    teardown: async () => {
      await podman('rm', '-af', '-t', '0');
      await podman('system', 'reset', '-f');
      // Overlay mounts left behind by a crashed podman would make rmSync fail; unmount them first.
      spawnSync('umount', ['-R', path.join(dir, 'storage', 'overlay')], { stdio: 'ignore' });
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  try {
    await importBusybox(environment);
  } catch (e) {
    await environment.teardown();
    throw e;
  }
  return environment;
}

async function importBusybox(environment: PodmanEnvironment): Promise<void> {
  const busybox = findTool('busybox');
  if (!busybox || !isStaticElf(busybox)) throw new Error(`${busybox ?? 'busybox'} is not a static binary; install busybox-static`);
  const rootfs = path.join(environment.dir, 'busybox-rootfs');
  for (const d of ['bin', 'etc', 'tmp', 'app']) fs.mkdirSync(path.join(rootfs, d), { recursive: true });
  fs.chmodSync(path.join(rootfs, 'tmp'), 0o1777);
  fs.copyFileSync(busybox, path.join(rootfs, 'bin', 'busybox'));
  fs.chmodSync(path.join(rootfs, 'bin', 'busybox'), 0o755);
  const applets = spawnSync(busybox, ['--list'], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
  for (const applet of applets) {
    const link = path.join(rootfs, 'bin', applet);
    if (applet !== 'busybox' && !fs.existsSync(link)) fs.symlinkSync('busybox', link);
  }
  fs.writeFileSync(path.join(rootfs, 'etc', 'passwd'), 'root:x:0:0:root:/root:/bin/sh\napp:x:1000:1000:app:/app:/bin/sh\n');
  fs.writeFileSync(path.join(rootfs, 'etc', 'group'), 'root:x:0:\nvideo:x:44:\napp:x:1000:\n');
  const tar = path.join(environment.dir, 'busybox-rootfs.tar');
  const tarResult = spawnSync('tar', ['-C', rootfs, '-cf', tar, '.'], { encoding: 'utf8' });
  if (tarResult.status !== 0) throw new Error(`tar failed: ${tarResult.stderr}`);
  const imported = await environment.podman('import', '--change', 'CMD ["/bin/sh"]', tar, BUSYBOX_IMAGE);
  if (!succeeded(imported)) throw new Error(`podman import failed: ${imported.stderr}`);
}

/** An ELF executable without a PT_INTERP program header needs no dynamic loader (runs in an empty rootfs). */
function isStaticElf(file: string): boolean {
  const buf = fs.readFileSync(file);
  if (buf.readUInt32BE(0) !== 0x7f454c46 || buf[4] !== 2) return false; // ELF, 64-bit
  const phoff = Number(buf.readBigUInt64LE(0x20));
  const phentsize = buf.readUInt16LE(0x36);
  const phnum = buf.readUInt16LE(0x38);
  for (let i = 0; i < phnum; i++) {
    if (buf.readUInt32LE(phoff + i * phentsize) === 3) return false; // PT_INTERP
  }
  return true;
}
