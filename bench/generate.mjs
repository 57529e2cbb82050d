// Deterministic generators of large realistic logs for the benchmark: interleaved sessions,
// about 30% multi-line JSON, every event kind, and a few malformed entries.
import { createRequire } from 'node:module';
const { MONTH_NAMES: MONTHS } = createRequire(import.meta.url)('../server/out/service/formats/months.js');
const USERS = ['jruser', 'akim', 'dpatel', 'mlopez', 'tnguyen', 'rsingh', 'ocampbell', 'pmorris', 'awatanabe', 'kbrown', 'lfischer', 'ychen'];
const APPS = [['PromCLI', 'com.mocana.promcli'], ['Acme Mail', 'com.acme.mail'], ['Field Service', 'com.acme.field'], ['Docs', 'com.acme.docs']];
const COMPONENTS = ['AMF', 'CFM', 'DATAPATH', 'IKE', 'INTFMGR', 'IPSEC', 'REPORTMGR', 'SERVICES-LOGS'];
const SEVERITIES = ['Critical', 'Major', 'Minor', 'Warning', 'Informational', 'Debug'];
const REASONS = ['Attempting login with a jailbroken device', 'Invalid or malformed MAC address', 'Device failed validation', 'Disallowed due to post-auth policy'];

/** mulberry32: a small seeded PRNG, so every run generates the same bytes. */
export function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n, w = 2) => String(n).padStart(w, '0');

function syslogTime(ms, withYear) {
  const d = new Date(ms);
  const day = withYear ? pad(d.getUTCDate()) : String(d.getUTCDate()).padStart(2, ' ');
  return `${MONTHS[d.getUTCMonth()]} ${day}${withYear ? ' ' + d.getUTCFullYear() : ''} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

function sessionJson(rnd, s, stop, multiLine) {
  const info = {
    username: s.user,
    ...(stop ? { duration: `${Math.floor(s.duration / 60)} minutes ${s.duration % 60} seconds`, durationSeconds: s.duration } : {}),
    device: { osType: s.os, deviceName: `${s.user}'s phone`, hardware: s.os === 'ios' ? 'iPhone12,1' : 'x86_64', version: '14.2', carrierName: 'Verizon Wireless', mobileCountryCode: '310', mobileNetworkCode: '012', uniqueId: s.device, jailbroken: rnd() < 0.02 },
    app: {
      assignedIp: s.ip, publicSrcIp: '108.99.99.25', federation: 'com.mocana.map.federation.FED1', appName: s.app[0], appPackageId: s.app[1], appVersion: '1.0', appUuid: s.uuid, appGsid: s.gsid,
      ...(stop ? { packetsRx: Math.floor(rnd() * 1e5), bytesRx: Math.floor(rnd() * 1e8), packetsTx: Math.floor(rnd() * 1e5), bytesTx: Math.floor(rnd() * 1e7) } : {}),
    },
  };
  return multiLine ? JSON.stringify({ sessionId: info }, null, 2) : JSON.stringify({ sessionId: info });
}

function uuid(rnd) {
  const h = () => Math.floor(rnd() * 16).toString(16).toUpperCase();
  const part = (n) => Array.from({ length: n }, h).join('');
  return `${part(8)}-${part(4)}-${part(4)}-${part(4)}-${part(12)}`;
}

export function generateBlueCedar(targetBytes, seed = 1) {
  return take(blueCedarEntries(seed), targetBytes);
}

/** The entries of an endless Blue Cedar log (sessions go on from one piece taken to the next). */
export function* blueCedarEntries(seed = 1) {
  const rnd = random(seed);
  const deviceIds = Array.from({ length: USERS.length * 3 }, () => uuid(rnd));
  let t = Date.UTC(2021, 10, 11, 8, 0, 0);
  const open = [];
  let gsid = 1000000;
  let n = 0;
  const queue = [];
  const push = (s) => queue.push(s);
  for (;;) {
    while (queue.length > 0) {
      yield queue.shift();
    }
    t += Math.floor(rnd() * 3000);
    const withYear = rnd() < 0.7;
    const header = (comp, sub, eid, type, sev) => `${syslogTime(t, withYear)} tilera3 Mocana: [${comp}], SubCls:${sub}, EID: ${eid}, Type: ${type}, Sev:${sev},`;
    const r = rnd();
    n++;
    if (n % 5000 === 0) {
      // a few malformed entries: a missing comma, and a broken header
      push(`${header('AAA', 'ACCT', 0, 'Acct', 'Informational')}\nSession START {"sessionId":{"username":"broken" "device":{}}}`);
      push(`Nov 99 2021 25:61:00 tilera3 Mocana: [AAA], SubCls:ACCT, EID: 0, Type: Acct, Sev:Informational, junk`);
    } else if (r < 0.16 || open.length === 0) {
      // A user connects from one of a few devices of theirs, as in real logs (the device id repeats).
      const userIndex = Math.floor(rnd() * USERS.length);
      const deviceIndex = Math.floor(rnd() * 3);
      const s = { user: USERS[userIndex], os: deviceIndex === 2 ? 'android' : 'ios', device: deviceIds[userIndex * 3 + deviceIndex], uuid: uuid(rnd), app: APPS[Math.floor(rnd() * APPS.length)], ip: `10.24.${Math.floor(rnd() * 255)}.${Math.floor(rnd() * 255)}`, gsid: gsid++, start: t };
      open.push(s);
      const multi = rnd() < 0.3;
      push(`${header('AAA', 'ACCT', 0, 'Acct', 'Informational')}\nSession START ${sessionJson(rnd, s, false, multi)}`);
    } else if (r < 0.32 && open.length > 0) {
      const s = open.splice(Math.floor(rnd() * open.length), 1)[0];
      s.duration = Math.round((t - s.start) / 1000);
      const multi = rnd() < 0.3;
      push(`${header('AAA', 'ACCT', 0, 'Acct', 'Informational')}\nSession STOP ${sessionJson(rnd, s, true, multi)}`);
    } else if (r < 0.36) {
      const s = open[Math.floor(rnd() * open.length)];
      push(`${header('AAA', 'ACCT', 0, 'Acct', 'Informational')}\nPolicy REJECT {"reason":"${REASONS[Math.floor(rnd() * 4)]}","sessionId":{"username":"${s.user}","device":{"osType":"${s.os}","uniqueId":"00:00:00:00:00:03","jailbroken":true},"app":{"appName":"${s.app[0]}","appGsid":0}}}`);
    } else if (r < 0.38) {
      push(`${header('INTFMGR', '999', 0, 'General', 'Informational')}\n"Link Update" {\n    "linkUpdate" : {\n        "name": "ethernet${Math.floor(rnd() * 2)}",\n        "status": "${rnd() < 0.5 ? 'up' : 'down'}"\n    }\n}`);
    } else if (r < 0.40) {
      push(`${header('AAA', '999', 0, 'General', 'Warning')}\nReceived unexpected accounting STOP signal for handle 0x${Math.floor(rnd() * 2 ** 40).toString(16)}`);
    } else {
      const s = open[Math.floor(rnd() * open.length)];
      const comp = COMPONENTS[Math.floor(rnd() * COMPONENTS.length)];
      push(`${header(comp, '050', s.gsid, 'General', SEVERITIES[Math.floor(rnd() * 6)])} Removing tunnel interface vt${Math.floor(rnd() * 99)} with address ${s.ip}`);
    }
    if (open.length > 40) {
      open.shift();
    }
  }
}

/** Entries from `entries` joined by line breaks until `targetBytes` (characters) are reached. */
export function take(entries, targetBytes) {
  const out = [];
  let size = 0;
  while (size < targetBytes) {
    const entry = entries.next().value;
    out.push(entry);
    size += entry.length + 1;
  }
  return out.join('\n') + '\n';
}

function isoTime(ms) {
  const d = new Date(ms - 5 * 3600_000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}-05:00`;
}

const UA = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/61.0.3163.100 Safari/537.36';

export function generateOag(targetBytes, seed = 2) {
  return take(oagEntries(seed), targetBytes);
}

/** The lines of an endless OAG audit log. */
export function* oagEntries(seed = 2) {
  const rnd = random(seed);
  let t = Date.UTC(2021, 8, 14, 12, 0, 0);
  const open = [];
  let n = 0;
  const host = 'oag01.acme-corp.com';
  const queue = [];
  const push = (s) => queue.push(s);
  const sid = () => '_' + Array.from({ length: 42 }, () => Math.floor(rnd() * 16).toString(16)).join('');
  for (;;) {
    while (queue.length > 0) {
      yield queue.shift();
    }
    t += Math.floor(rnd() * 1500);
    const ts = isoTime(t);
    const r = rnd();
    n++;
    if (n % 5000 === 0) {
      push(`2${ts} ${host} ACCESS_GATEWAY ACCESS AUTHN FAILED WARN STORE [STORE_NAME="ldap" FAILURE_COUNT="3"] Store failed during initialization.`);
      push(`${ts} ${host} ACCESS_GATEWAY ACCESS AUTHZ POLICY INFO USER_AUTHZ [SESSION_ID="${sid()}" SUBJECT="x RESULT="ALLOW"] allow access to resource`);
    } else if (r < 0.1 || open.length === 0) {
      const s = { id: sid(), user: `${USERS[Math.floor(rnd() * USERS.length)]}@acme-corp.com`, app: APPS[Math.floor(rnd() * APPS.length)][0] };
      open.push(s);
      push(`${ts} ${host} ACCESS_GATEWAY ACCESS AUTHN SAML INFO USER_AUTHN [SESSION_ID="${s.id}" SUBJECT="${s.user}" TYPE="SAML_2_0" SOURCE="https://acme.okta.com/app/sso/saml" APP="${s.app}" APP_DOMAIN="app.acme-corp.com" RESULT="PASS" REASON="Valid SAML Assertion" REMOTE_IP="192.168.10.20" USER_AGENT="${UA}"] User login:${s.user}`);
    } else if (r < 0.2 && open.length > 0) {
      const s = open.splice(Math.floor(rnd() * open.length), 1)[0];
      push(`${ts} ${host} ACCESS_GATEWAY ACCESS AUTHN SESSION INFO USER_LOGOUT [SESSION_ID="${s.id}" SUBJECT="${s.user}" APP="${s.app}" APP_TYPE="SAMPLEHEADER_APP" APP_DOMAIN="app.acme-corp.com" RESULT="PASS" REASON="VALID_SESSION" REMOTE_IP="10.63.182.118" USER_AGENT="${UA}"] User logout success: ${s.user}.`);
    } else if (r < 0.85) {
      const s = open[Math.floor(rnd() * open.length)];
      const allow = rnd() < 0.8;
      push(`${ts} ${host} ACCESS_GATEWAY ACCESS AUTHZ POLICY INFO USER_AUTHZ [SESSION_ID="${s.id}" SUBJECT="${s.user}" RESOURCE="/r/${Math.floor(rnd() * 1000)}" METHOD="GET" POLICY="root" POLICY_TYPE="PROTECTED" DURATION="0" APP="${s.app}" APP_TYPE="SAMPLEHEADER_APP" APP_DOMAIN="app.acme-corp.com" RESULT="${allow ? 'ALLOW' : 'DENY'}" REASON="N/A - SESSIONID=${s.id} RelayDomain=app.acme-corp.com" REMOTE_IP="192.168.10.20" USER_AGENT="${UA}"] ${allow ? 'allow' : 'deny'} access to resource`);
    } else if (r < 0.9) {
      push(`${ts} ${host} ACCESS_GATEWAY WEB_CONSOLE IDP LOCAL INFO SYSTEM_IDP_STATUS [NAME="MyIDP" DOMAIN="acme.okta.com" TYPE="IDP_OKTA" RESULT="PASS" REASON="VALID"] Success confirming IDP status with: acme.okta.com.`);
    } else if (r < 0.93) {
      push(`${ts} ${host} OAG_MONITOR MONITOR NGINX INFO CONFIG_TEST [STATUS="VALID" UUID="${uuid(rnd)}"] nginx: configuration file /tmp/nginx/nginx.conf test is successful.`);
    } else if (r < 0.96) {
      push(`${ts} ${host} application_template_service event for file:loglevel.local.UPDATE.json`);
    } else {
      push(`${ts} ${host} CHECK_HOST checkConnection.sh INFO 10.0.0.1 7001 [USER="admin"] Ncat: Connection refused.`);
    }
    if (open.length > 60) {
      open.shift();
    }
  }
}
