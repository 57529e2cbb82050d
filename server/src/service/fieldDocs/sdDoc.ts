/** The shape of an OAG structured-data key's documentation (tables in oagStructuredData.ts and oagMonitorKeys.ts). */
import { FieldDocContext } from './context';
import { ValueReading } from './oagValues';

/** Reads a value; the context gives the entry's event and time where a reading depends on them. */
export type Reader = (value: string, ctx: FieldDocContext) => ValueReading | undefined;

export interface SdDoc {
  title: string;
  /** Meaning per event (upper-case EVENT), with `default` for any other or an unknown event. */
  meaning: { default: string } & Record<string, string>;
  read?: Reader;
}

export const one = (text: string): SdDoc['meaning'] => ({ default: text });

/** Values the documentation and real logs use for "nothing here". */
export function isAbsent(value: string): boolean {
  return /^\s*(-|n\/a)?\s*$/i.test(value);
}
