// Content-based recognition of the two log formats. Pure: no 'vscode' import, so it can be
// unit-tested with node:test and reused by the slice reader.

export type GatewayLogLanguage = 'bluecedar-log' | 'oag-log';

/** How much of a document detection looks at. */
export const DETECT_MAX_CHARS = 8 * 1024;
/** How many non-empty lines detection looks at. */
export const DETECT_MAX_LINES = 20;

const MONTH = '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)';
// "Nov 11 2021 22:24:37 tilera3 Mocana:" (day may be one digit, space-padded or not)
const BLUECEDAR_WITH_YEAR = new RegExp(`^${MONTH} {1,2}\\d{1,2} \\d{4} \\d{2}:\\d{2}:\\d{2} +\\S+ +Mocana:`);
// "Oct  2 13:45:35 tilera3 Mocana:" (classic syslog timestamp without year)
const BLUECEDAR_NO_YEAR = new RegExp(`^${MONTH} {1,2}\\d{1,2} \\d{2}:\\d{2}:\\d{2} +\\S+ +Mocana:`);
// "Oct 22 2021 13:31:13.664259: [AAA]" (no host, fractional seconds, component in brackets)
const BLUECEDAR_FRACTIONAL = new RegExp(`^${MONTH} {1,2}\\d{1,2} \\d{4} \\d{2}:\\d{2}:\\d{2}\\.\\d{1,9}: *\\[[A-Za-z][A-Za-z0-9_-]*\\]`);

// "2020-06-24T09:40:55.667-05:00 host ..." (ISO 8601 with an offset, then the host name)
const OAG_PREFIX = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:?\d{2}) +\S+ +(.*)$/;
// Structured data as OAG writes it: [KEY="value" ...], [ KEY="value" ], or the empty [].
const OAG_STRUCTURED_DATA = /\[ ?[A-Z][A-Z0-9_]*="|\[\]/;
// Application / process tokens that open the rest of an OAG line (also the short lines
// without structured data, such as the log-verbosity sequence).
const OAG_LEADING_TOKEN =
    /^(?:ACCESSS?_GATEWAY|OAG_MONITOR|OAG|WEB_CONSOLE|ADMIN_CONSOLE|CHECK_HOST|SCRIPT|check_connection|application_template_service)(?:\s|:|$)/;

export function isBlueCedarHeaderLine(line: string): boolean {
    return BLUECEDAR_WITH_YEAR.test(line) || BLUECEDAR_NO_YEAR.test(line) || BLUECEDAR_FRACTIONAL.test(line);
}

export function isOagEntryLine(line: string): boolean {
    const m = OAG_PREFIX.exec(line);
    if (!m) {
        return false;
    }
    const rest = m[1];
    return OAG_LEADING_TOKEN.test(rest) || OAG_STRUCTURED_DATA.test(rest);
}

/** Which of our formats a single line starts an entry of, if any. */
export function detectLineLanguage(line: string): GatewayLogLanguage | undefined {
    if (isBlueCedarHeaderLine(line)) {
        return 'bluecedar-log';
    }
    if (isOagEntryLine(line)) {
        return 'oag-log';
    }
    return undefined;
}

/**
 * Looks at the first non-empty lines of `text` (at most DETECT_MAX_LINES lines within the
 * first DETECT_MAX_CHARS characters) and names the log format of the first line that is
 * recognisably one of ours. Lines in between that are not entry headers (for example the
 * continuation lines of a multi-line JSON payload) are skipped, so a text that starts in
 * the middle of an entry is still recognised.
 */
export function detectLogLanguage(text: string): GatewayLogLanguage | undefined {
    let head = text.length > DETECT_MAX_CHARS ? text.slice(0, DETECT_MAX_CHARS) : text;
    if (head.charCodeAt(0) === 0xfeff) {
        head = head.slice(1);
    }
    // A last line cut by the character limit is still used: detection only needs the start of a line.
    const lines = head.split(/\r\n|\r|\n/);
    let seen = 0;
    for (const line of lines) {
        if (line.trim() === '') {
            continue;
        }
        const language = detectLineLanguage(line);
        if (language) {
            return language;
        }
        if (++seen >= DETECT_MAX_LINES) {
            break;
        }
    }
    return undefined;
}
