/**
 * Names compared as a directory compares them. A log writer controls usernames, device ids and the
 * addresses a client claims; written in another case, with a space around, an invisible character
 * (`mre\u200Byes`) or in fullwidth letters, one account would otherwise count as several, and a burst
 * of failures split over five spellings would go unreported. The written value is still what findings
 * show (displayText makes the invisible characters visible there).
 */

/** Printable ASCII without white space at either end: lower case is all such a name needs. */
const PLAIN = /^[!-~](?:[ -~]*[!-~])?$/;
/** Characters that render as nothing: zero-width, bidirectional controls, soft hyphen, variation selectors, tags. */
const IGNORABLE = /\p{Default_Ignorable_Code_Point}/gu;

/** The key one name is grouped by; undefined for no name (nothing left once the invisible is taken out). */
export function identityKey(value: string | undefined): string | undefined {
  if (value === undefined) {
    return undefined;
  }
  if (PLAIN.test(value)) {
    return value.toLowerCase();
  }
  const key = value.normalize('NFKC').replace(IGNORABLE, '').trim().toLowerCase();
  return key === '' ? undefined : key;
}
