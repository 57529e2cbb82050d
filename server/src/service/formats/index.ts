/**
 * The one module that knows what the two log formats look like and what the pieces of the extension
 * call things. Bundled into both the client and the server; pure (no editor or Node APIs).
 */
import { detectFormat, detectLineFormat } from './detect';
import { LANGUAGE_OF_FORMAT } from './ids';

export * from './detect';
export * from './filterSpec';
export * from './ids';
export * from './months';
export * from './timeRange';
export * from './vocabulary';

/** A language id of ours. */
export type GatewayLogLanguage = 'bluecedar-log' | 'oag-log';

/** The language id for a text whose content is one of our formats (see detectFormat). */
export function detectLogLanguage(text: string): GatewayLogLanguage | undefined {
  const format = detectFormat(text);
  return format && (LANGUAGE_OF_FORMAT[format] as GatewayLogLanguage);
}

/** The language id of the format a single line starts an entry of, if any. */
export function detectLineLanguage(line: string): GatewayLogLanguage | undefined {
  const format = detectLineFormat(line);
  return format && (LANGUAGE_OF_FORMAT[format] as GatewayLogLanguage);
}
