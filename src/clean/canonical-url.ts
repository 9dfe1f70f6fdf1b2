// Canonical URLs without tracking noise, so the same article reached from two feeds gets one key.

// Query parameters that only say how the reader arrived, never which page it is.
const TRACKING_PARAM =
  /^(utm_[a-z_]+|fbclid|gclid|gclsrc|dclid|msclkid|yclid|mc_cid|mc_eid|igshid|_hsenc|_hsmi|mkt_tok|oly_enc_id|oly_anon_id|vero_id|wt\.mc_id|wt_mc_id|ref_src|ref_url|cmpid|cmp|icid|ito|ncid|ocid|sr_share|smid|ftag|spm|share|s_cid|taid|__twitter_impression)$/i;

/** Resolves `href` against `base`, drops tracking parameters and the fragment; null for non-http(s) or unparseable URLs. */
export function cleanUrl(href: string | null | undefined, base?: string | null): string | null {
  const raw = href?.trim();
  if (!raw) return null;
  let url: URL;
  try {
    url = base ? new URL(raw, base) : new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  url.hash = '';
  for (const key of [...url.searchParams.keys()]) if (TRACKING_PARAM.test(key)) url.searchParams.delete(key);
  url.hostname = url.hostname.toLowerCase();
  // URLSearchParams re-serialises with "+" for spaces; leave an unchanged query as the site wrote it.
  const out = url.toString();
  return out.endsWith('?') ? out.slice(0, -1) : out;
}
