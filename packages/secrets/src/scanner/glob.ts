/**
 * Converts a gitignore-like glob to a RegExp over `/`-separated relative paths: `**` spans directories, `*` and
 * `?` stay within one segment; a pattern without `/` matches the base name at any depth.
 *
 * @internal
 */
export function globToRegExp(glob: string): RegExp {
  const anchored = glob.includes('/');
  const body = glob.replace(/^\.?\//, '');
  let re = '';
  for (let i = 0; i < body.length; i += 1) {
    const ch = body[i] ?? '';
    if (ch === '*') {
      if (body[i + 1] === '*') {
        re += body[i + 2] === '/' ? '(?:.*/)?' : '.*';
        i += body[i + 2] === '/' ? 2 : 1;
      } else re += '[^/]*';
    } else if (ch === '?') re += '[^/]';
    else re += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(anchored ? `^${re}(?:/.*)?$` : `(?:^|/)${re}(?:/.*)?$`);
}
