// Which local paths the UI will send a browser to (after login, or "back" on an error page). Only a same-origin
// path made of URL-safe characters passes: a tab, newline or backslash lets browsers read "/\t/evil.example" as
// "//evil.example", and a raw newline in a Location header is a 500. Percent-encoded control characters and
// backslashes are refused too, so nothing that decodes to such a path gets through either.

// RFC 3986 path, query and fragment characters (unreserved, sub-delims, ":", "@", "/", "?", "#", and "%" for escapes).
const SAFE = /^\/[A-Za-z0-9\-._~!$&'()*+,;=:@/?#%]*$/;
// eslint-disable-next-line no-control-regex
const BAD_DECODED = /[\u0000-\u001f\u007f\\]/;
const MAX_LENGTH = 2000;

/** The path itself when it is a safe same-origin path, else null. */
export function safeLocalPath(value: unknown): string | null {
  if (typeof value !== 'string' || value.length >= MAX_LENGTH || !SAFE.test(value)) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(value);
  } catch {
    return null; // a broken %-escape
  }
  if (BAD_DECODED.test(decoded) || /^\/[/\\]/.test(decoded) || /^\/[/\\]/.test(value)) return null;
  return value;
}

/** Where to go after login: the requested local path, or the queue. */
export function safeNext(next: unknown): string {
  return safeLocalPath(next) ?? '/';
}
