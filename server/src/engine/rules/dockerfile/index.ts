import type { Rule } from '../../rule';
import healthcheck from './healthcheck';
import pythonVersionArg from './python-version-arg';
import uvCacheMount from './uv-cache-mount';
import uvImageVersion from './uv-image-version';
import uvSync from './uv-sync';
import volumeDirs from './volume-dirs';

export const dockerfileRules: Rule<'dockerfile'>[] = [pythonVersionArg, uvImageVersion, uvSync, uvCacheMount, volumeDirs, healthcheck];
