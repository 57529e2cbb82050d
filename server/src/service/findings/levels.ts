/** Severities of both formats in four classes, for marks and the timeline's histogram. */
import { LogFormat } from '../model';
import { BLUECEDAR_SEVERITIES, OAG_LEVELS } from '../formats/vocabulary';

import { LevelClass } from '../formats/timelineData';

export { LEVEL_CLASSES } from '../formats/timelineData';
export type { LevelClass } from '../formats/timelineData';

// Blue Cedar lists its severities from most to least serious, OAG its levels from least to most.
const BLUECEDAR: Record<string, LevelClass> = {
  [BLUECEDAR_SEVERITIES[0]]: 'error', [BLUECEDAR_SEVERITIES[1]]: 'error',
  [BLUECEDAR_SEVERITIES[2]]: 'warning', [BLUECEDAR_SEVERITIES[3]]: 'warning',
  [BLUECEDAR_SEVERITIES[4]]: 'info', [BLUECEDAR_SEVERITIES[5]]: 'debug',
};
const OAG: Record<string, LevelClass> = {
  [OAG_LEVELS[0]]: 'debug', [OAG_LEVELS[1]]: 'debug', [OAG_LEVELS[2]]: 'info', [OAG_LEVELS[3]]: 'warning',
  [OAG_LEVELS[4]]: 'error', [OAG_LEVELS[5]]: 'error', [OAG_LEVELS[6]]: 'error',
};

/** The class of a written severity; unknown or missing ones count as information. */
export function levelClass(format: LogFormat, severity: string | undefined): LevelClass {
  if (severity === undefined) {
    return 'info';
  }
  const table = format === 'bluecedar' ? BLUECEDAR : OAG;
  return Object.prototype.hasOwnProperty.call(table, severity) ? table[severity] : 'info';
}
