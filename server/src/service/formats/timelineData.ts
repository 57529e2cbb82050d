/**
 * The data the timeline view draws, as the language server sends it (gatewayLogs/timeline): built by
 * the service layer (features/timeline.ts) and drawn by the webview (client/src/webview), which imports
 * these types from here. Everything in it may come from a hostile log: the view draws it on a canvas
 * or sets it as text, never parses it as HTML. No imports but types: the webview's bundle includes it.
 */
import type { LogFormat } from '../model';

export type LevelClass = 'error' | 'warning' | 'info' | 'debug';

/** The classes from most to least serious: the histogram stacks them in this order. */
export const LEVEL_CLASSES: readonly LevelClass[] = ['error', 'warning', 'info', 'debug'];

export interface TimelineSession {
  id: number;
  user: string;
  /** The device as people name it; `deviceId` (uniqueId) groups rows when known. */
  device: string;
  deviceId?: string;
  app: string;
  os?: string;
  ip?: string;
  country?: string;
  /** START/login and STOP/logout instants; the view shows them on the log's wall clock (with `zone`). */
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
  /** Codes of the findings shown on this session, and the most serious of their severities. */
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
  /** Per class (error, warning, info, debug), entries per bucket. */
  counts: Record<LevelClass, number[]>;
}

export interface TimelineData {
  format: LogFormat;
  /** The offset the log writes its times with (minutes), for the axis; absent: the log writes none. */
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
