/**
 * The data the timeline view draws, as the language server sends it (gatewayLogs/timeline). The
 * server's service layer defines it (server/src/service/features/timeline.ts); the client may not
 * import server code, so the shape is repeated here, and the LSP and browser tests check both ends.
 * Everything in it may come from a hostile log: it is drawn on a canvas or set as text, never parsed
 * as HTML.
 */

export type LevelClass = 'error' | 'warning' | 'info' | 'debug';
export const LEVEL_CLASSES: readonly LevelClass[] = ['error', 'warning', 'info', 'debug'];

export interface TimelineSession {
  id: number;
  user: string;
  device: string;
  deviceId?: string;
  app: string;
  os?: string;
  ip?: string;
  country?: string;
  start?: number;
  stop?: number;
  durationText?: string;
  bytes?: number;
  file?: string;
  line: number;
  startLine?: number;
  stopLine?: number;
  jailbroken?: boolean;
  failed?: boolean;
  findings?: string[];
  findingSeverity?: 'warning' | 'information';
}

export type MarkKind = 'reject' | 'failedLogin' | 'deny' | 'error';

export interface TimelineMark {
  kind: MarkKind;
  time: number;
  label: string;
  user?: string;
  deviceId?: string;
  app?: string;
  reason?: string;
  file?: string;
  line: number;
}

export interface TimelineFinding {
  code: string;
  title: string;
  severity: 'warning' | 'information';
  message: string;
  time: number;
  end?: number;
  user?: string;
  device?: string;
  file?: string;
  line: number;
}

export interface TimelineHistogram {
  start: number;
  bucketMs: number;
  counts: Record<LevelClass, number[]>;
}

export interface TimelineData {
  format: 'bluecedar' | 'oag';
  zone?: number;
  start?: number;
  end?: number;
  sessions: TimelineSession[];
  marks: TimelineMark[];
  findings: TimelineFinding[];
  histogram?: TimelineHistogram;
  entries: number;
  omitted: { sessions: number; marks: number };
}

/** Messages from the extension to the view. */
export type ToView =
  | { type: 'data'; title: string; data: TimelineData | null; error?: string; requestMs?: number; readyMs?: number; sentAt?: number }
  | { type: 'cursor'; line: number; time?: number; session?: number };

/** Messages from the view to the extension. */
export type FromView =
  | { type: 'ready' }
  | { type: 'reveal'; line: number; file?: string }
  | { type: 'painted'; ms: number; sessions: number; bars: number };
