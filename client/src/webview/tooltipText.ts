/** The tooltip's text for a session, a mark or a finding: lines of plain text (set with textContent). */
import { displayText } from '../../../server/out/service/markdown';
import { bytesText, dateTime } from './format';
import { Hit } from './hits';
import { TimelineData } from './model';

const MARK_TITLE = { reject: 'Policy REJECT', failedLogin: 'Failed login', deny: 'Access denied', error: 'Error' } as const;

export function tooltipLines(data: TimelineData, hit: Hit): string[] {
  const zone = data.zone;
  // A file's path is written out as log text is (the server sends it as a key, as it is on disk).
  const where = (line: number | undefined, file?: string): string => (line === undefined ? '' : `${file ? `${displayText(file, 300)} ` : ''}line ${line + 1}`);
  if (hit.kind === 'session') {
    const s = data.sessions[hit.index];
    const lines = [`${s.user} · ${s.app}${s.os ? ` · ${s.os}` : ''}`, `Device: ${s.device}`];
    lines.push(`${s.start !== undefined ? dateTime(s.start, zone) : '(no START in this file)'} → ${s.stop !== undefined ? dateTime(s.stop, zone) : '(no STOP in this file)'}`);
    const facts = [s.durationText, s.bytes !== undefined ? bytesText(s.bytes) : undefined, s.ip ? `from ${s.ip}` : undefined, s.country ? `country code ${s.country}` : undefined]
      .filter((p): p is string => p !== undefined);
    if (facts.length) {
      lines.push(facts.join(' · '));
    }
    if (s.jailbroken) {
      lines.push('Device reports itself jailbroken');
    }
    if (s.failed) {
      lines.push('The login failed');
    }
    if (s.findings?.length) {
      lines.push(`Findings: ${s.findings.join(', ')}`);
    }
    lines.push(`${where(s.startLine ?? s.line, s.file)}${s.stopLine !== undefined ? ` – ${s.stopLine + 1}` : ''} · click to show it in the log`);
    return lines;
  }
  if (hit.kind === 'mark') {
    const m = data.marks[hit.index];
    const lines = [`${MARK_TITLE[m.kind]}: ${m.label}`, dateTime(m.time, zone)];
    const who = [m.user, m.app].filter((p): p is string => p !== undefined).join(' · ');
    if (who) {
      lines.push(who);
    }
    if (m.reason) {
      lines.push(`Reason: ${m.reason}`);
    }
    lines.push(`${where(m.line, m.file)} · click to show it in the log`);
    return lines;
  }
  const f = data.findings[hit.index];
  return [
    `Finding: ${f.title} (${f.severity})`,
    f.message,
    dateTime(f.time, zone),
    `${where(f.line, f.file)} · click to show it in the log`,
  ];
}
