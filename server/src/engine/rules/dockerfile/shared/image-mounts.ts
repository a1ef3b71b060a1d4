// The folders that the compose services and script runs of an image mount into it, each with the
// service or run that mounts it: what rules about the image's folders check against.

import type { ParsedDockerfile } from '../../../parse/dockerfile';
import type { Mount, Project, ScriptRun, ServiceModel } from '../../../project';
import { normalizePath } from './stages';

/** A target that names a file (`/app/config.toml`), which a bind mount brings by itself. */
const FILE_LIKE = /\/[^/.][^/]*\.[A-Za-z0-9]{1,8}$/;

export interface ImageMount {
  /** Absolute, normalised. */
  target: string;
  mount: Mount;
  /** Who mounts it: a compose service or a script run. */
  by: { service: ServiceModel } | { run: ScriptRun };
}

/** Mounts of folders at absolute paths without variables, from every service and run of the Dockerfile's image. */
export function imageMounts(file: ParsedDockerfile, project: Project): ImageMount[] {
  const uri = file.source.uri;
  const all = [
    ...project.servicesRunning(uri).flatMap((service) => service.mounts.map((mount) => ({ mount, by: { service } }))),
    ...project.runsOf(uri).flatMap((run) => run.mounts.map((mount) => ({ mount, by: { run } }))),
  ];
  return all
    .filter(({ mount: m }) => !m.target.includes('$') && m.target.startsWith('/') && !FILE_LIKE.test(m.target))
    .map((m) => ({ ...m, target: normalizePath(m.mount.target) }));
}
