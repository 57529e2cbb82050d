// Matching of `files.associations` patterns, so content detection never overrides a
// language the user chose for a file name. Pure: no 'vscode' import.
//
// VS Code applies a pattern that contains a path separator to the whole path and any
// other pattern to the file name only. Supported glob syntax: `*`, `**`, `?`, `{a,b}`
// and `[...]` character classes. Matching ignores case: when in doubt, we leave the
// file alone.

const cache = new Map<string, RegExp>();

function escapeRegExp(ch: string): string {
    return /[\\^$.*+?()[\]{}|/]/.test(ch) ? '\\' + ch : ch;
}

export function globToRegExp(glob: string): RegExp {
    const cached = cache.get(glob);
    if (cached) {
        return cached;
    }
    let out = '';
    let braceDepth = 0;
    for (let i = 0; i < glob.length; i++) {
        const ch = glob[i];
        if (ch === '*') {
            if (glob[i + 1] === '*') {
                // `**/` matches any number of leading directories (including none).
                if (glob[i + 2] === '/') {
                    out += '(?:.*/)?';
                    i += 2;
                } else {
                    out += '.*';
                    i += 1;
                }
            } else {
                out += '[^/]*';
            }
        } else if (ch === '?') {
            out += '[^/]';
        } else if (ch === '{') {
            braceDepth++;
            out += '(?:';
        } else if (ch === '}' && braceDepth > 0) {
            braceDepth--;
            out += ')';
        } else if (ch === ',' && braceDepth > 0) {
            out += '|';
        } else if (ch === '[') {
            const close = glob.indexOf(']', i + 1);
            if (close > i + 1) {
                let body = glob.slice(i + 1, close).replace(/\\/g, '\\\\');
                if (body[0] === '!') {
                    body = '^' + body.slice(1);
                }
                out += '[' + body + ']';
                i = close;
            } else {
                out += '\\[';
            }
        } else {
            out += escapeRegExp(ch);
        }
    }
    while (braceDepth-- > 0) {
        out += ')';
    }
    const re = new RegExp('^' + out + '$', 'i');
    cache.set(glob, re);
    return re;
}

/**
 * True when one of the `files.associations` patterns applies to `filePath`
 * (an absolute path; backslashes are treated as separators).
 */
export function isCoveredByAssociations(filePath: string, associations: Record<string, unknown> | undefined): boolean {
    if (!associations) {
        return false;
    }
    const path = filePath.replace(/\\/g, '/');
    const baseName = path.slice(path.lastIndexOf('/') + 1);
    for (const pattern of Object.keys(associations)) {
        if (typeof associations[pattern] !== 'string' || pattern.trim() === '') {
            continue;
        }
        const glob = pattern.replace(/\\/g, '/');
        const target = glob.includes('/') ? path : baseName;
        if (globToRegExp(glob).test(target)) {
            return true;
        }
        // `**/x.log`-style patterns also apply to a bare file name.
        if (glob.startsWith('**/') && globToRegExp(glob.slice(3)).test(baseName)) {
            return true;
        }
    }
    return false;
}
