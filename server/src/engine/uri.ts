// Path arithmetic on file URIs, without node's `path`, so the engine stays platform-neutral.

export function dirnameUri(uri: string): string {
  const i = uri.lastIndexOf('/');
  return i <= uri.indexOf('://') + 2 ? uri : uri.slice(0, i);
}

export function basenameUri(uri: string): string {
  return uri.slice(uri.lastIndexOf('/') + 1);
}

/**
 * Resolves a relative or absolute POSIX path against a directory URI. The result is in decoded
 * form: look files up with `Snapshot.get`, which compares URIs by their decoded form.
 */
export function joinUri(dirUri: string, relPath: string): string {
  const schemeEnd = dirUri.indexOf('://') + 3;
  const scheme = dirUri.slice(0, schemeEnd);
  const authorityEnd = dirUri.indexOf('/', schemeEnd);
  const authority = authorityEnd < 0 ? dirUri.slice(schemeEnd) : dirUri.slice(schemeEnd, authorityEnd);
  const basePath = authorityEnd < 0 ? '' : safeDecode(dirUri.slice(authorityEnd));
  const decoded = relPath.startsWith('/') ? relPath : `${basePath}/${relPath}`;
  const parts: string[] = [];
  for (const part of decoded.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return `${scheme}${authority}/${parts.join('/')}`;
}

/** `uri` relative to `baseDirUri` with forward slashes, or the uri itself when outside it. */
export function relativeUri(baseDirUri: string, uri: string): string {
  const base = baseDirUri.endsWith('/') ? baseDirUri : baseDirUri + '/';
  return uri.startsWith(base) ? safeDecode(uri.slice(base.length)) : uri;
}

export function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
