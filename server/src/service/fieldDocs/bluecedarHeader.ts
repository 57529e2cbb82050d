import { Field } from '../model';
import { inlineCode } from '../markdown';
import { BLUECEDAR_SEVERITIES, BLUECEDAR_TYPES } from '../formats/vocabulary';
import { FieldDocContext } from './context';
import { FieldDoc, renderDoc } from './render';
import { ordinal } from './units';

/** What each gateway subsystem is, in our words (keys as the header writes them, upper case). */
const COMPONENTS: Record<string, string> = {
  AAA: 'the Authentication, Authorization and Accounting subsystem: logins, policy decisions and session accounting (START/STOP records).',
  AMF: 'the Availability Management Framework, which runs high availability (configuration, monitoring, management). Its API, Manager and Agent messages help an administrator or support judge the health of the gateway.',
  CFM: 'the Core File Manager, which gathers diagnostics when a software component fails.',
  DATAPATH: 'the datapath: traffic handling inside the gateway (for example IKE tunnel traffic or DHCP), and the client library other processes use to talk to it.',
  IKE: 'IKE (Internet Key Exchange), which negotiates the tunnels apps connect through.',
  INTFMGR: 'the Interface Manager, which configures the ethernet interfaces and watches their status changes.',
  IPSEC: 'IPsec, the encrypted tunnel traffic itself.',
  REPORTMGR: 'the Report Manager.',
  'SERVICES-LOGS': 'system services (such as NTP, SSH, syslog, DNS, logging and the clock) and the Services client, which records interactions with the Services process (AAA is one such client).',
};

/** What each level means; the colours agree (Critical and Major bold red, Minor red, Warning yellow). */
const SEVERITY_MEANINGS: Record<string, string> = {
  Critical: 'an error of the highest severity.',
  Major: 'a serious error.',
  Minor: 'an error of the least serious kind (coloured like an error, not in bold).',
  Warning: 'not an error yet: something that may become one (coloured as a warning).',
  Informational: 'status information about the gateway, not a problem.',
  Debug: 'extra detail meant for troubleshooting.',
};

const EVENTS: Record<string, { title: string; text: string }> = {
  'session start': {
    title: 'Session START',
    text: 'A tunnel session is up and can carry traffic. The JSON that follows identifies the user, the device and the app.',
  },
  'session stop': {
    title: 'Session STOP',
    text: 'A tunnel session has ended. The JSON identifies the user, device and app, and adds how long the session lasted and how much traffic it carried.',
  },
  'policy reject': {
    title: 'Policy REJECT',
    text: 'The gateway refused a connection. The JSON gives the reason for the refusal and identifies the user, device and app that tried to connect.',
  },
  'link update': {
    title: 'Link Update',
    text: 'The connection state of an ethernet port changed. The JSON names the port and says whether its link is up or down.',
  },
};

function two(n: number): string {
  return String(n).padStart(2, '0');
}

/** `YYYY-MM-DDTHH:MM:SS[.fraction]` of the wall-clock time (stored as if it were UTC). */
export function formatWallClock(ms: number, fraction?: string): string {
  const d = new Date(ms);
  const base = `${String(d.getUTCFullYear()).padStart(4, '0')}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}` +
    `T${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
  if (fraction) {
    return `${base}.${fraction}`;
  }
  const millis = d.getUTCMilliseconds();
  return millis ? `${base}.${String(millis).padStart(3, '0')}` : base;
}

function timestampDoc(field: Field, ctx: FieldDocContext): FieldDoc {
  const doc: FieldDoc = {
    title: 'Timestamp',
    meaning: 'When the gateway logged this event. The log carries no time zone, so this is the gateway\'s local clock time.',
  };
  if (ctx.time === undefined || Number.isNaN(ctx.time)) {
    doc.value = `${inlineCode(field.value)}: could not be read as a date and time.`;
    return doc;
  }
  const fraction = /\d:\d\d:\d\d\.(\d+)/.exec(field.value)?.[1];
  doc.value = `${inlineCode(field.value)} is ${inlineCode(formatWallClock(ctx.time, fraction))} (ISO 8601, gateway local time).`;
  if (ctx.yearInferred) {
    doc.details = [
      `This line does not state the year: ${new Date(ctx.time).getUTCFullYear()} is an inference, so treat it with care.`,
    ];
  }
  return doc;
}

function componentDoc(field: Field): FieldDoc {
  const name = field.value.trim().replace(/^\[|\]$/g, '').trim().toUpperCase();
  const known = COMPONENTS[name];
  return {
    title: 'Component',
    meaning: 'The gateway subsystem that wrote this entry.',
    value: known
      ? `${inlineCode(field.value)}: ${known}`
      : `${inlineCode(field.value)} is not one of the components the Blue Cedar documentation lists (AAA, AMF, CFM, DATAPATH, IKE, INTFMGR, IPSEC, REPORTMGR, SERVICES-LOGS).`,
  };
}

function subclassDoc(field: Field): FieldDoc {
  const value = field.value.trim();
  let reading: string;
  if (/^acct$/i.test(value)) {
    reading = 'the accounting subclass, used for session START and STOP records.';
  } else if (/^\d+$/.test(value)) {
    reading = `subclass number ${Number(value)}.`;
  } else {
    reading = 'neither a number nor ACCT, the two forms the documentation shows.';
  }
  return {
    title: 'Subclass',
    key: 'SubCls',
    meaning: 'A subdivision of the component\'s log class, for picking out just the messages you care about.',
    value: `${inlineCode(field.value)}: ${reading}`,
  };
}

function eidDoc(field: Field, ctx: FieldDocContext): FieldDoc {
  const doc: FieldDoc = {
    title: 'Event ID',
    key: 'EID',
    meaning: 'Usually 0, meaning unused. A non-zero EID ties a series of events to one session instance.',
  };
  const value = field.value.trim();
  if (/^0+$/.test(value)) {
    doc.value = `${inlineCode(field.value)}: not used for this entry.`;
    return doc;
  }
  if (!/^\d+$/.test(value)) {
    doc.value = `${inlineCode(field.value)}: not a number.`;
    return doc;
  }
  const lines: string[] = [];
  if (ctx.eidShareCount !== undefined) {
    lines.push(ctx.eidShareCount <= 1
      ? 'No other entry in this file carries this EID.'
      : `${ctx.eidShareCount} events in this file share this EID.`);
  }
  if (ctx.eidSessionFound !== undefined) {
    lines.push(ctx.eidSessionFound
      ? 'A session whose global session ID (appGsid) equals this EID is in this file.'
      : 'No session in this file has a global session ID (appGsid) equal to this EID.');
  }
  doc.value = `${inlineCode(field.value)}: links this entry to a session instance.` + (lines.length ? ' ' + lines.join(' ') : '');
  return doc;
}

function typeDoc(field: Field): FieldDoc {
  const value = field.value.trim();
  const known = BLUECEDAR_TYPES.find((t) => t.toLowerCase() === value.toLowerCase());
  let reading: string;
  if (known === 'Acct') {
    reading = 'an accounting record (a session starting or stopping).';
  } else if (known === 'General') {
    reading = 'an ordinary operational message.';
  } else {
    reading = 'not one of the two types the documentation lists (General, Acct).';
  }
  return {
    title: 'Type',
    meaning: 'The kind of log record: General for ordinary messages, Acct for accounting.',
    value: `${inlineCode(field.value)}: ${reading}`,
  };
}

function severityDoc(field: Field): FieldDoc {
  const value = field.value.trim();
  const index = BLUECEDAR_SEVERITIES.findIndex((s) => s.toLowerCase() === value.toLowerCase());
  const doc: FieldDoc = {
    title: 'Severity',
    key: 'Sev',
    meaning: `How serious the gateway considers this entry. From most to least severe: ${BLUECEDAR_SEVERITIES.join(', ')}.`,
  };
  if (index < 0) {
    doc.value = `${inlineCode(field.value)}: ⚠️ not one of the ${BLUECEDAR_SEVERITIES.length} severity levels the documentation lists.`;
  } else {
    const level = BLUECEDAR_SEVERITIES[index];
    doc.value = `${inlineCode(field.value)}, the ${ordinal(index + 1)} most severe of ${BLUECEDAR_SEVERITIES.length}: ${SEVERITY_MEANINGS[level]}`;
  }
  return doc;
}

function eventDoc(field: Field): FieldDoc {
  const key = field.value.trim().replace(/\s+/g, ' ').toLowerCase();
  const known = EVENTS[key];
  if (known) {
    return { title: 'Event', meaning: 'The event this entry records; a JSON object with details follows it.', value: `${inlineCode(field.value)}: ${known.text}` };
  }
  const doc: FieldDoc = {
    title: 'Message',
    meaning: 'A free-text message: not one of the structured events (Session START, Session STOP, Policy REJECT, Link Update).',
    value: inlineCode(field.value),
  };
  if (/unexpected accounting stop/i.test(field.value)) {
    doc.details = ['The gateway received an accounting STOP for a session handle it was not tracking. The documentation does not explain this message; in our reading the session was already closed, or it started before this log begins.'];
  }
  return doc;
}

export function describeBlueCedarHeader(field: Field, ctx: FieldDocContext): string | undefined {
  switch (field.name) {
    case 'timestamp':
      return renderDoc(timestampDoc(field, ctx));
    case 'gateway':
      return renderDoc({ title: 'Gateway name', meaning: 'The name of the gateway (the host) that wrote this entry.', value: inlineCode(field.value) });
    case 'program':
      return renderDoc({
        title: 'Program tag',
        meaning: 'The syslog tag the gateway\'s processes log under; the subsystem follows in brackets.',
        value: inlineCode(field.value),
      });
    case 'component':
      return renderDoc(componentDoc(field));
    case 'subcls':
      return renderDoc(subclassDoc(field));
    case 'eid':
      return renderDoc(eidDoc(field, ctx));
    case 'type':
      return renderDoc(typeDoc(field));
    case 'sev':
      return renderDoc(severityDoc(field));
    case 'event':
      return renderDoc(eventDoc(field));
    default:
      return undefined;
  }
}
