/** Session keys as the index stores them (`g:` appGsid, `i:` identity, `s:` SESSION_ID) and as shown. */

/** A session key as shown: `1234567` (appGsid), the SESSION_ID, or `user · device · app · IP`. */
export function sessionKeyText(key: string | undefined): string {
  return (key ?? '').slice(2).split('\u0000').filter((p) => p !== '').join(' · ');
}

/** A pairing key as people type it: without its rule, and of an identity only its first part. */
export function searchableKeyText(key: string): string {
  const end = key.indexOf('\u0000', 2);
  return key.slice(2, end === -1 ? key.length : end);
}
