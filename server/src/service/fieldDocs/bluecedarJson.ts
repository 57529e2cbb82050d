import { Field } from '../model';
import { escapeMarkdown, inlineCode } from '../markdown';
import { FieldDocContext } from './context';
import { countryForMcc } from './countryCodes';
import { describeIpAddress } from './net';
import { matchRejectReason } from './rejectReasons';
import { FieldDoc, renderDoc } from './render';
import { humanDuration } from '../wording';
import { groupDigits, humanBytes, parseNumber } from './units';

/** What a JSON key means, and how to read a value of it. */
interface KeyDoc {
  meaning: string;
  read?: (field: Field, ctx: FieldDocContext) => Partial<FieldDoc>;
}

const code = (field: Field): string => inlineCode(field.value);

function readNumber(field: Field, describe: (n: number) => string): Partial<FieldDoc> {
  const n = parseNumber(field.value);
  return { value: n === undefined ? `${code(field)}: not a number.` : `${code(field)}: ${describe(n)}` };
}

function readBoolean(field: Field, onTrue: string, onFalse: string): Partial<FieldDoc> {
  const v = field.value.trim().toLowerCase();
  if (v === 'true') {
    return { value: `${code(field)}: ${onTrue}` };
  }
  if (v === 'false') {
    return { value: `${code(field)}: ${onFalse}` };
  }
  return { value: `${code(field)}: not a boolean (true or false).` };
}

function readIp(field: Field, emptyText: string): Partial<FieldDoc> {
  if (field.value.trim() === '') {
    return { value: `${code(field)}: ${emptyText}` };
  }
  const kind = describeIpAddress(field.value);
  return { value: kind ? `${code(field)}: ${kind}.` : `${code(field)}: not recognisable as an IP address.` };
}

function packets(direction: string): KeyDoc {
  return {
    meaning: `How many packets the gateway ${direction} during the session.`,
    read: (field) => readNumber(field, (n) => `${groupDigits(n)} ${n === 1 ? 'packet' : 'packets'} ${direction}.`),
  };
}

function bytes(direction: string): KeyDoc {
  return {
    meaning: `How many bytes the gateway ${direction} during the session.`,
    read: (field) => readNumber(field, (n) => `**${humanBytes(n)}** ${direction} (${groupDigits(n)} bytes; 1 KB = 1024 bytes).`),
  };
}

function describeUniqueId(value: string): Partial<FieldDoc> {
  const v = value.trim();
  const mac = /^([0-9a-f]{2})([:-][0-9a-f]{2}){5}$/i.test(v);
  if (mac) {
    const octets = v.split(/[:-]/).map((o) => parseInt(o, 16));
    if (octets.every((o) => o === 0)) {
      return {
        value: `${inlineCode(value)}: ⚠️ **a MAC address of all zeros**, which is not a valid hardware address.`,
        details: ['The gateway rejects sessions whose device reports a zero or malformed MAC address ("Invalid or malformed MAC address").'],
      };
    }
    const placeholder = octets.slice(0, 5).every((o) => o === 0);
    return {
      value: `${inlineCode(value)}: a MAC address, one of the two forms the documentation names (which one a device reports depends on the device and OS version).` +
        (placeholder ? ' Its first five bytes are zero, so it looks like a placeholder rather than real hardware.' : ''),
    };
  }
  if (/^[0-9a-z]{8}-[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{12}$/i.test(v)) {
    const hex = /^[0-9a-f-]+$/i.test(v);
    return {
      value: `${inlineCode(value)}: a UUID-style identifier, the form of the iOS advertising ID.` +
        (hex ? '' : ' It contains characters that are not hexadecimal, so it is not a well-formed UUID.'),
    };
  }
  if (/^[0-9a-f]{12}$/i.test(v) || /[:-]/.test(v)) {
    return {
      value: `${inlineCode(value)}: ⚠️ neither a well-formed MAC address nor a UUID.`,
      details: ['A malformed MAC address is one of the reasons the gateway rejects a session ("Invalid or malformed MAC address").'],
    };
  }
  return { value: v === '' ? `${inlineCode(value)}: no identifier was reported.` : `${inlineCode(value)}: neither a MAC address nor a UUID.` };
}

const TOP: Record<string, KeyDoc> = {
  reason: {
    meaning: 'Why the gateway refused the connection (Policy REJECT).',
    read: (field) => {
      const known = matchRejectReason(field.value);
      if (!known) {
        return {
          value: `${code(field)}: not one of the four reasons the Blue Cedar documentation lists.`,
          details: ['When external validation with an MDM server fails, the MDM server may send its own message, and that message is reported here; check the `remediation` entry if there is one.'],
        };
      }
      return { value: `${code(field)}: one of the four reasons the documentation lists.`, details: [known.explanation], action: known.action };
    },
  },
  remediation: {
    meaning: 'Present when a device failed external (MDM) validation: what should be done about the device. The text comes either from the gateway\'s default or from the MDM server.',
    read: (field) => ({ value: `${code(field)}` }),
  },
  sessionId: { meaning: 'Identifies the session: the user, the device and the app, plus (on Session STOP) how long it lasted and the traffic it carried.' },
  linkUpdate: { meaning: 'The ethernet port whose link changed, and its new state.' },
};

const SESSION: Record<string, KeyDoc> = {
  username: {
    meaning: 'The user who owns the session.',
    read: (field) => ({ value: field.value.trim() === '' ? `${code(field)}: no user name was recorded.` : code(field) }),
  },
  duration: {
    meaning: 'How long the session lasted, as text; `durationSeconds` gives the same figure in seconds.',
    read: (field) => ({ value: code(field) }),
  },
  durationSeconds: {
    meaning: 'How long the session lasted, in seconds.',
    read: (field) => readNumber(field, (n) => `**${humanDuration(n)}** (${groupDigits(n)} seconds).`),
  },
  device: { meaning: 'The device the session came from: operating system, hardware, carrier, identifiers and whether it is jailbroken.' },
  app: { meaning: 'The app that opened the session: its identity, the addresses involved, its global session ID and (on Session STOP) its traffic counters.' },
};

const DEVICE: Record<string, KeyDoc> = {
  osType: {
    meaning: 'The device\'s operating system: iOS or Android.',
    read: (field) => {
      const v = field.value.trim().toLowerCase();
      const name = v === 'ios' ? 'iOS (Apple).' : v === 'android' ? 'Android.' : 'neither ios nor android, the two values the documentation gives.';
      return { value: `${code(field)}: ${name}` };
    },
  },
  deviceName: { meaning: 'The name of the device, as the device reports it (the documentation\'s tables do not describe this key).', read: (field) => ({ value: code(field) }) },
  hardware: {
    meaning: 'Identifies the device hardware: on Android usually the manufacturer and model, on iOS an Apple hardware code.',
    read: (field) => {
      const v = field.value.trim();
      if (/^(iPhone|iPad|iPod|Watch|iWatch|AppleTV)\d+,\d+$/.test(v)) {
        return { value: `${code(field)}: an Apple hardware model code.` };
      }
      if (/^(x86|x86_64|i[3-6]86|amd64)$/i.test(v)) {
        return { value: `${code(field)}: a processor architecture rather than a phone model, which often means an emulator.` };
      }
      return { value: code(field) };
    },
  },
  version: { meaning: 'The version of the device\'s operating system.', read: (field) => ({ value: code(field) }) },
  securityPatchVersion: {
    meaning: 'Android only: which Android security patch the device has (normally a date).',
    read: (field) => ({ value: code(field) }),
  },
  carrierName: { meaning: 'The mobile carrier from the device\'s SIM or telephony information.', read: (field) => ({ value: code(field) }) },
  mobileCountryCode: {
    meaning: 'The mobile country code (MCC) from the device\'s SIM or telephony information: the country of the mobile network.',
    read: (field) => {
      const country = countryForMcc(field.value);
      return { value: country ? `${code(field)}: **${country}**.` : `${code(field)}: not a country code we know.` };
    },
  },
  mobileNetworkCode: {
    meaning: 'The mobile network code (MNC) from the device\'s SIM or telephony information; with the country code it names the network operator.',
    read: (field) => ({ value: /^\d{2,3}$/.test(field.value.trim()) ? code(field) : `${code(field)}: not a two- or three-digit code.` }),
  },
  uniqueId: {
    meaning: 'A partly opaque device identifier: either a MAC address or the iOS advertising ID, depending on the device and OS version.',
    read: (field) => describeUniqueId(field.value),
  },
  jailbroken: {
    meaning: 'True when the device is jailbroken (or rooted).',
    read: (field) => readBoolean(field,
      '⚠️ **This device is jailbroken.** Its security controls may be bypassed; unless it is allowed, the gateway rejects it ("Attempting login with jailbroken device").',
      'the device is not jailbroken.'),
  },
};

const APP: Record<string, KeyDoc> = {
  assignedIp: {
    meaning: 'The address on the gateway\'s private side that the app was given for this session.',
    read: (field) => readIp(field, 'no address was assigned (the session never got a tunnel).'),
  },
  publicSrcIp: {
    meaning: 'The public IP address the client came from when it set up its IKE connection.',
    read: (field) => readIp(field, 'no source address was recorded.'),
  },
  federation: {
    meaning: 'Names the federation the session belongs to; a gateway policy server supplies the value.',
    read: (field) => ({ value: field.value.trim() === '' ? `${code(field)}: the session has no federation.` : code(field) }),
  },
  appName: { meaning: 'The name of the app.', read: (field) => ({ value: code(field) }) },
  appPackageId: {
    meaning: 'The app\'s unique identifier across platforms, in reverse-domain form such as `com.company.appname`.',
    read: (field) => ({ value: code(field) }),
  },
  appVersion: { meaning: 'The version of the app.', read: (field) => ({ value: code(field) }) },
  appUuid: {
    meaning: 'An identifier of the app that only iOS devices report.',
    read: (field) => ({ value: field.value.trim() === '' ? `${code(field)}: not set (normal on Android).` : code(field) }),
  },
  appGsid: {
    meaning: 'The gateway\'s global session ID (GSID) for this app session. The documentation does not state that an entry\'s EID equals it, but its examples pair them: we read entries whose EID equals it as belonging to this session.',
    read: (field) => readNumber(field, (n) => n === 0 ? 'no global session ID was assigned.' : `global session ID ${n}.`),
  },
  packetsRx: packets('received from the app'),
  bytesRx: bytes('received from the app'),
  packetsTx: packets('sent to the app'),
  bytesTx: bytes('sent to the app'),
  acceptedEula: {
    meaning: 'Whether the user accepted the app\'s End User License Agreement (EULA).',
    read: (field) => readBoolean(field, 'the user accepted the EULA.', 'the user has not accepted the EULA.'),
  },
};

const LINK: Record<string, KeyDoc> = {
  name: {
    meaning: 'The ethernet port whose link changed.',
    read: (field) => {
      const v = field.value.trim().toLowerCase();
      const which = v === 'ethernet0' ? 'the **private** interface.' : v === 'ethernet1' ? 'the **public** interface.' : 'not one of the two ports the documentation names (ethernet0 private, ethernet1 public).';
      return { value: `${code(field)}: ${which}` };
    },
  },
  status: {
    meaning: 'The state of the port\'s link.',
    read: (field) => {
      const v = field.value.trim().toLowerCase();
      const state = v === 'up' ? 'the link is connected.' : v === 'down' ? '⚠️ the link is not connected.' : 'neither up nor down.';
      return { value: `${code(field)}: ${state}` };
    },
  },
};

const BY_PARENT: Record<string, Record<string, KeyDoc>> = { '': TOP, sessionId: SESSION, device: DEVICE, app: APP, linkUpdate: LINK };

/** Generic words: documented only under the parent the documentation puts them in. */
const NEEDS_PARENT = new Set(['name', 'status', 'version']);

const has = (table: object, key: string): boolean => Object.prototype.hasOwnProperty.call(table, key);

function findKeyDoc(path: string): KeyDoc | undefined {
  const segments = path.split('.');
  const last = segments[segments.length - 1];
  const parent = segments.length > 1 ? segments[segments.length - 2] : '';
  if (has(BY_PARENT, parent) && has(BY_PARENT[parent], last)) {
    return BY_PARENT[parent][last];
  }
  if (NEEDS_PARENT.has(last)) {
    return undefined;
  }
  for (const table of Object.values(BY_PARENT)) {
    if (has(table, last)) {
      return table[last];
    }
  }
  return undefined;
}

export function describeBlueCedarJson(field: Field, ctx: FieldDocContext): string | undefined {
  const doc = findKeyDoc(field.name);
  if (!doc) {
    return undefined;
  }
  const last = field.key ?? field.name.split('.').pop() ?? field.name;
  const isContainer = field.jsonType === 'object' || field.jsonType === 'array';
  const read = !isContainer && doc.read ? doc.read(field, ctx) : {};
  return renderDoc({ title: escapeMarkdown(last), meaning: doc.meaning, ...read });
}
