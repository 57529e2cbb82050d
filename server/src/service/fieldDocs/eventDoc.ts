/** The shape of an OAG event's documentation (the tables live in oagEvents.ts and its neighbours). */

/** One documented outcome of an event, recognised by its message. */
export interface EventCase {
  message: RegExp;
  meaning: string;
  /** Corrective action the Okta documentation gives (in our words). */
  action?: string;
  /** Advice of ours. */
  suggestion?: string;
}

export interface EventDoc {
  summary: string;
  cases?: EventCase[];
  /** Corrective action that applies to every case. */
  action?: string;
  suggestion?: string;
}
