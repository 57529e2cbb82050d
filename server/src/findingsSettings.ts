/**
 * The findings settings: `gatewayLogs.findings.enabled`, `.maxPerRule` and `.<rule id>.<option>` (see
 * package.json). Kept apart from settings.ts so the two grow without stepping on each other.
 */
import { FindingsOptions, readFindingsOptions } from './service/findings';
import { settingName, SETTINGS } from './service/formats/ids';

/** How the settings are named where people set them; the hover's "silence it" line quotes it. */
export const FINDINGS_SETTINGS_PREFIX = settingName(SETTINGS.findings);

/** `section` is the whole `gatewayLogs` configuration object. */
export function readFindingsSettings(section: unknown): FindingsOptions {
  const value = typeof section === 'object' && section !== null ? section as Record<string, unknown> : {};
  return readFindingsOptions(value[SETTINGS.findings]);
}
