/**
 * A best-effort summary of an HTTP User-Agent string ("Chrome 61 on Windows 10 or 11").
 * Only well-known tokens are recognised; anything else yields undefined and the hover shows the raw text.
 */

function major(version: string): string {
  return version.split('.')[0];
}

function browserOf(ua: string): string | undefined {
  let m: RegExpExecArray | null;
  if ((m = /PostmanRuntime\/([\d.]+)/.exec(ua))) {
    return `Postman ${m[1]} (an API testing tool, not a browser)`;
  }
  if ((m = /^curl\/([\d.]+)/.exec(ua))) {
    return `curl ${m[1]} (a command-line HTTP client)`;
  }
  if ((m = /\bEdg(?:e|A|iOS)?\/([\d.]+)/.exec(ua))) {
    return `Microsoft Edge ${major(m[1])}`;
  }
  if ((m = /\bOPR\/([\d.]+)/.exec(ua))) {
    return `Opera ${major(m[1])}`;
  }
  if ((m = /\b(?:Firefox|FxiOS)\/([\d.]+)/.exec(ua))) {
    return `Firefox ${major(m[1])}`;
  }
  if ((m = /\b(?:Chrome|CriOS)\/([\d.]+)/.exec(ua))) {
    return `Chrome ${major(m[1])}`;
  }
  if (/\bSafari\//.test(ua) && (m = /\bVersion\/([\d.]+)/.exec(ua))) {
    return `Safari ${major(m[1])}`;
  }
  return undefined;
}

const WINDOWS_NT: Record<string, string> = {
  '10.0': 'Windows 10 or 11',
  '6.3': 'Windows 8.1',
  '6.2': 'Windows 8',
  '6.1': 'Windows 7',
  '6.0': 'Windows Vista',
  '5.1': 'Windows XP',
};

function systemOf(ua: string): string | undefined {
  let m: RegExpExecArray | null;
  if ((m = /Windows NT (\d+\.\d+)/.exec(ua))) {
    return WINDOWS_NT[m[1]] ?? `Windows (NT ${m[1]})`;
  }
  if ((m = /(?:iPhone|CPU) OS (\d+(?:_\d+)*)/.exec(ua))) {
    return `iOS ${m[1].replace(/_/g, '.')}`;
  }
  if (/\b(?:iPhone|iPad|iPod)\b/.test(ua)) {
    return 'iOS';
  }
  if ((m = /Android (\d+(?:\.\d+)*)/.exec(ua))) {
    return `Android ${m[1]}`;
  }
  if ((m = /Mac OS X (\d+(?:[_.]\d+)*)/.exec(ua))) {
    return `macOS ${m[1].replace(/_/g, '.')}`;
  }
  if (/\bCrOS\b/.test(ua)) {
    return 'ChromeOS';
  }
  if (/\bLinux\b/.test(ua)) {
    return 'Linux';
  }
  return undefined;
}

export function summarizeUserAgent(ua: string): string | undefined {
  const browser = browserOf(ua);
  const system = systemOf(ua);
  if (browser && system) {
    return `${browser} on ${system}`;
  }
  return browser ?? (system ? `a client on ${system}` : undefined);
}
