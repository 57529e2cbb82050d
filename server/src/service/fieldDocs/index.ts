/**
 * Hover documentation for log fields: facts from the vendors' documentation, in our own words.
 * Pure: no editor or protocol types; every piece of log content is escaped before it reaches markdown.
 */
import { Field, LogFormat } from '../model';
import { describeBlueCedarHeader } from './bluecedarHeader';
import { describeBlueCedarJson } from './bluecedarJson';
import { FieldDocContext } from './context';
import { describeOagHeader } from './oagHeader';
import { describeForeignField } from './foreign';
import { describeOagStructuredData } from './oagStructuredData';

export type { FieldDocContext } from './context';
export { humanBytes } from './units';
export { humanDuration } from '../wording';
export { countryForMcc } from './countryCodes';
export { summarizeUserAgent } from './userAgent';
export { describeUnknownField, plainReading } from './plainReading';

/** Markdown for a hover on `field`, or undefined if we have nothing to say. First line: `**Title**` naming the field. */
export function describeField(format: LogFormat, field: Field, ctx: FieldDocContext = {}): string | undefined {
  if (field.group === 'foreign') {
    return describeForeignField(field, ctx);
  }
  if (format === 'bluecedar') {
    if (field.group === 'header') {
      return describeBlueCedarHeader(field, ctx);
    }
    if (field.group === 'json') {
      return describeBlueCedarJson(field, ctx);
    }
    return undefined;
  }
  if (field.group === 'header') {
    return describeOagHeader(field, ctx);
  }
  if (field.group === 'sd') {
    return describeOagStructuredData(field, ctx);
  }
  return undefined;
}
