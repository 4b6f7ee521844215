/** A database URL safe to print: no password, no query string (it may hold one too). */
export function describeUrl(url: string): string {
  if (url.startsWith('pglite:')) return url;
  try {
    const parsed = new URL(url);
    const user = parsed.username ? `${decodeURIComponent(parsed.username)}@` : '';
    return `${parsed.protocol}//${user}${parsed.host}${parsed.pathname}`;
  } catch {
    return '(unparseable URL)';
  }
}
