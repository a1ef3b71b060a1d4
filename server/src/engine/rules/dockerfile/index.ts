import type { Rule } from '../../rule';
import healthcheck from './healthcheck';
import healthcheckDroppedByPodman from './healthcheck-dropped-by-podman';
import pythonVersionArg from './python-version-arg';
import uvCacheMount from './uv-cache-mount';
import uvImageVersion from './uv-image-version';
import uvLinkMode from './uv-link-mode';
import uvLockNotCopied from './uv-lock-not-copied';
import uvSync from './uv-sync';
import uvVenvPath from './uv-venv-path';
import volumeDirs from './volume-dirs';
import volumeDirsOwner from './volume-dirs-owner';

export const dockerfileRules: Rule<'dockerfile'>[] = [pythonVersionArg, uvImageVersion, uvSync, uvCacheMount, volumeDirs, healthcheck, uvLinkMode, uvVenvPath, uvLockNotCopied, healthcheckDroppedByPodman, volumeDirsOwner];
