/**
 * The timeline view's data, as the language server sends it (gatewayLogs/timeline): its types are the
 * service layer's (formats/timelineData.ts, which the webview's bundle takes as it takes the other
 * shared formats); and the messages between the extension and the view.
 */

import type { TimelineData } from '../../../server/out/service/formats/timelineData';

export { LEVEL_CLASSES } from '../../../server/out/service/formats/timelineData';
export type {
  LevelClass, MarkKind, TimelineData, TimelineFinding, TimelineHistogram, TimelineMark, TimelineSession,
} from '../../../server/out/service/formats/timelineData';

/** Messages from the extension to the view. */
export type ToView =
  | { type: 'data'; title: string; data: TimelineData | null; error?: string; requestMs?: number; readyMs?: number; sentAt?: number }
  | { type: 'cursor'; line: number; time?: number; session?: number };

/** Messages from the view to the extension. */
export type FromView =
  | { type: 'ready' }
  | { type: 'reveal'; line: number; file?: string }
  | { type: 'painted'; ms: number; sessions: number; bars: number };
