/** What the caller knows about the entry around a field, beyond the field itself. */
export interface FieldDocContext {
  /** Blue Cedar, non-zero EID: how many entries of this document carry this EID. */
  eidShareCount?: number;
  /** Blue Cedar, non-zero EID: whether a session with appGsid == EID exists in the document. */
  eidSessionFound?: boolean;
  /** The parsed timestamp as milliseconds since epoch (UTC) and whether its year was inferred. */
  time?: number;
  yearInferred?: boolean;
  /** The offset from UTC the entry's timestamp is written with (minutes), when it writes one. */
  zone?: number;
  /**
   * The entry's event: the OAG EVENT column (e.g. 'USER_LOGIN') or the Blue Cedar event name
   * (e.g. 'Policy REJECT'). Several structured-data keys mean different things per event.
   */
  event?: string;
  /** The entry's own time (ms since the epoch), for values read relative to it (a certificate's expiry). */
  entryTime?: number;
  /** The entry's readable message (OAG text after the structured data), used to pick the right case of an event. */
  message?: string;
}
