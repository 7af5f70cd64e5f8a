// The Content-Type a site's server would send with a saved HTML page: the charset the page
// declares, else UTF-8 when the bytes are UTF-8 (many saved pages declare none, and browsers would
// otherwise guess windows-1252 for some), else none, which leaves the browser to sniff.
export function htmlType(bytes) {
  const declared = bytes.subarray(0, 200000).toString('latin1').match(/<meta\b[^>]*charset\s*=\s*["']?([\w-]+)/i)?.[1];
  if (declared) return `text/html; charset=${declared}`;
  try { new TextDecoder('utf-8', { fatal: true }).decode(bytes); return 'text/html; charset=utf-8'; } catch { return 'text/html'; }
}
