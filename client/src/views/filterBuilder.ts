// "Filter Log…": a quick pick that stacks clauses (all must hold), each added from a short list of what
// occurs in the log (with counts from the server), removed or turned around, saved per workspace, and
// shown as a filtered view. Values from logs are shown as plain text in the pick lists.

import * as vscode from 'vscode';
import {
    Counted, describeClause, describeClauses, FilterChoices as Choices, FilterClause, FILTER_KINDS, inertLabel, KIND_LABELS, parseTimeRange, REQUESTS, SEVERITY_FLOORS,
    severityWords, WhoField,
} from '../../../server/out/service/formats';
import { counted, valueItems } from './countLabels';
import { FilterCommands, FilterTarget } from './filterCommands';

type Action =
    | { do: 'apply' } | { do: 'edit'; index: number } | { do: 'add'; what: string } | { do: 'clear' } | { do: 'save' } | { do: 'load' }
    | { do: 'last'; clauses: FilterClause[] };

type Item = vscode.QuickPickItem & { action?: Action };


/** The builder's list: apply, the clauses so far, what can be added, saved filters. */
export function builderItems(clauses: readonly FilterClause[], target: Pick<FilterTarget, 'format' | 'line' | 'view'>, last: FilterClause[] | undefined, saved: number): Item[] {
    const items: Item[] = [];
    if (clauses.length > 0) {
        items.push({ label: '$(check) Show the filtered view', description: describeClauses(clauses), action: { do: 'apply' }, alwaysShow: true });
        items.push({ label: 'Filters (every one must hold)', kind: vscode.QuickPickItemKind.Separator });
        clauses.forEach((clause, index) => items.push({
            label: `$(filter) ${describeClause(clause)}`, description: 'select to remove it or turn it around', action: { do: 'edit', index },
        }));
    } else if (last) {
        items.push({ label: '$(history) The last filter', description: describeClauses(last), action: { do: 'last', clauses: last } });
    }
    items.push({ label: 'Add a filter', kind: vscode.QuickPickItemKind.Separator });
    const add = (label: string, what: string, description?: string): void => {
        items.push({ label, description, action: { do: 'add', what } });
    };
    add('$(warning) Severity or level…', 'severity', 'errors, warnings and worse…');
    add('$(symbol-event) Event kinds…', 'kind', target.format === 'oag' ? 'login, logout' : 'Session START/STOP, Policy REJECT, Link Update');
    if (target.format === 'bluecedar') {
        add('$(symbol-class) Components…', 'component', 'AAA, IKE, INTFMGR…');
    } else {
        add('$(symbol-class) Event types…', 'event', 'USER_LOGIN, USER_AUTHZ…');
        add('$(symbol-class) Components…', 'component', 'AUTHN, AUTHZ, NGINX…');
    }
    add('$(error) Rejected', 'rejected', 'Policy REJECT, RESULT FAIL or DENY');
    add('$(bug) Entries with problems', 'problems', 'errors, warnings and information in the Problems panel');
    if (target.line !== undefined) {
        add('$(plug) The session at the cursor', 'session', 'its START, STOP and the events linked to it');
    }
    add('$(account) User…', 'user');
    if (target.format === 'bluecedar') {
        add('$(device-mobile) Device…', 'device');
    }
    add('$(package) App…', 'app');
    add('$(globe) IP address…', 'ip', target.format === 'oag' ? 'REMOTE_IP' : 'public source or assigned address');
    add('$(clock) Time range…', 'time', 'as the log writes times');
    add('$(search) Text…', 'text');
    add('$(regex) Regular expression…', 'regex', 'RE2 syntax');
    add('$(eye-closed) Hide entries with text…', 'hide');
    items.push({ label: 'Saved filters', kind: vscode.QuickPickItemKind.Separator });
    if (clauses.length > 0) {
        items.push({ label: '$(save) Save this filter…', description: 'for this workspace', action: { do: 'save' } });
    }
    if (saved > 0) {
        items.push({ label: '$(folder-opened) Use a saved filter…', description: `${saved} saved`, action: { do: 'load' } });
    }
    if (clauses.length > 0) {
        items.push({ label: '$(clear-all) Remove every filter', action: { do: 'clear' } });
    }
    return items;
}

export async function buildFilter(commands: FilterCommands, arg?: unknown): Promise<string | undefined> {
    const target = commands.target(arg);
    if (!target) {
        void vscode.window.showInformationMessage('Gateway Logs: open a Blue Cedar or OAG log to filter.');
        return undefined;
    }
    const clauses: FilterClause[] = [...(target.clauses ?? [])];
    let choices: Choices | undefined;
    const getChoices = async (): Promise<Choices | undefined> => {
        if (!choices) {
            const answer = await commands.request<Choices>(REQUESTS.filterChoices, { source: target.source });
            choices = 'error' in answer ? undefined : answer;
        }
        return choices;
    };
    for (;;) {
        const pick = await vscode.window.showQuickPick(builderItems(clauses, target, commands.last(), commands.saved().length), {
            title: `Filter ${target.sourceName}`,
            placeHolder: clauses.length > 0 ? describeClauses(clauses) : 'Add what the view should show (filters combine: all must hold)',
            matchOnDescription: true,
        });
        const action = pick?.action;
        if (!action) {
            return undefined;
        }
        switch (action.do) {
            case 'apply': {
                const document = await commands.openView({ source: target.source, clauses, page: 0, format: target.format }, target.view ? undefined : target.line);
                return document?.uri.toString();
            }
            case 'last':
                clauses.push(...action.clauses);
                break;
            case 'clear':
                clauses.length = 0;
                break;
            case 'edit': {
                const clause = clauses[action.index];
                const choice = await vscode.window.showQuickPick([
                    { label: '$(trash) Remove', remove: true },
                    { label: clause.exclude ? '$(eye) Show the entries it matches (include)' : '$(eye-closed) Hide the entries it matches (exclude)', remove: false },
                ], { title: describeClause(clause) });
                if (choice?.remove) {
                    clauses.splice(action.index, 1);
                } else if (choice) {
                    clauses[action.index] = { ...clause, exclude: !clause.exclude };
                    if (!clauses[action.index].exclude) {
                        delete clauses[action.index].exclude;
                    }
                }
                break;
            }
            case 'save': {
                const name = await vscode.window.showInputBox({ title: 'Save this filter for the workspace as', value: describeClauses(clauses).slice(0, 80) });
                if (name?.trim()) {
                    await commands.save(name.trim(), clauses);
                }
                break;
            }
            case 'load': {
                const saved = await vscode.window.showQuickPick(commands.saved().map((s) => ({ label: inertLabel(s.name), description: describeClauses(s.clauses), clauses: s.clauses })), { title: 'Saved filters of this workspace' });
                if (saved) {
                    clauses.length = 0;
                    clauses.push(...saved.clauses);
                }
                break;
            }
            case 'add': {
                const added = await addClause(commands, action.what, target, getChoices);
                if (added) {
                    clauses.push(added);
                }
                break;
            }
        }
    }
}

async function addClause(commands: FilterCommands, what: string, target: FilterTarget, getChoices: () => Promise<Choices | undefined>): Promise<FilterClause | undefined> {
    switch (what) {
        case 'rejected':
        case 'problems':
            return { type: what };
        case 'severity': {
            const counts = (await getChoices())?.severities ?? [];
            const picked = await vscode.window.showQuickPick(SEVERITY_FLOORS.map((floor) => {
                const n = counts.find((c) => c.value === floor)?.count;
                return { label: floor === 'debug' ? 'Any severity' : `${floor[0].toUpperCase()}${floor.slice(1)} or worse`, description: severityWords(target.format, floor).join(', '), detail: n !== undefined ? counted(n, 'entries') : undefined, floor };
            }), { title: 'Show entries of this severity (or level) or worse' });
            return picked && { type: 'severity', min: picked.floor };
        }
        case 'kind': {
            const counts = (await getChoices())?.kinds ?? [];
            const kinds = FILTER_KINDS.filter((k) => k === 'foreign' || (target.format === 'oag') === (k === 'login' || k === 'logout'));
            const picked = await vscode.window.showQuickPick(kinds.map((k) => ({ label: KIND_LABELS[k], description: countOf(counts, k), eventKind: k })), { title: 'Show entries of these kinds', canPickMany: true });
            return picked && picked.length > 0 ? { type: 'kind', kinds: picked.map((p) => p.eventKind) } : undefined;
        }
        case 'component':
        case 'event': {
            const values = (await getChoices())?.[what === 'component' ? 'components' : 'events'] ?? [];
            if (values.length === 0) {
                const typed = await vscode.window.showInputBox({ title: `${what === 'component' ? 'Component' : 'Event type'} as the log writes it` });
                return typed?.trim() ? { type: what, values: [typed.trim()] } : undefined;
            }
            const picked = await vscode.window.showQuickPick(valueItems(values, 'entries'), { title: `Show entries of these ${what === 'component' ? 'components' : 'event types'}`, canPickMany: true });
            return picked && picked.length > 0 ? { type: what, values: picked.map((p) => p.value) } : undefined;
        }
        case 'session': {
            if (!target.at || target.line === undefined) {
                return undefined;
            }
            const context = await commands.request<{ session?: FilterClause; error?: string }>(REQUESTS.filterContext, { uri: target.at.toString(), line: target.line });
            if ('error' in context && context.error || !('session' in context) || !context.session) {
                void vscode.window.showInformationMessage('Gateway Logs: the entry at the cursor belongs to no session.');
                return undefined;
            }
            return context.session;
        }
        case 'user':
        case 'device':
        case 'app':
        case 'ip': {
            const found = await getChoices();
            return pickValue(what, found?.who[what] ?? [], found?.whoCounts ?? 'entries');
        }
        case 'time': {
            const range = await vscode.window.showInputBox({
                title: 'Entries in a time range, as the log writes times',
                prompt: 'A start time, optionally "to" and an end time: 2021-11-11 22:00 to 22:30, or Nov 11 22:00:00 to Nov 11 23:00:00.',
                placeHolder: '2021-11-11 22:00 to 22:30',
                validateInput: (value) => {
                    const parsed = parseTimeRange(value);
                    return typeof parsed === 'string' ? parsed : undefined;
                },
            });
            return range?.trim() ? { type: 'time', range: range.trim() } : undefined;
        }
        case 'text':
        case 'hide':
        case 'regex': {
            const pattern = await vscode.window.showInputBox({
                title: what === 'regex' ? 'Entries matching a regular expression (RE2 syntax, multi-line, any case)' : what === 'hide' ? 'Hide entries containing (any case)' : 'Entries containing (any case)',
                placeHolder: what === 'regex' ? 'for example Session (START|STOP)|REJECT' : 'for example tunnel interface',
            });
            if (!pattern) {
                return undefined;
            }
            return { type: 'text', pattern, ...(what === 'regex' ? { regex: true } : {}), ...(what === 'hide' ? { exclude: true } : {}) };
        }
        default:
            return undefined;
    }
}

function countOf(counts: Counted[], value: string): string | undefined {
    const n = counts.find((c) => c.value === value)?.count;
    return n === undefined ? undefined : counted(n, 'entries');
}

const WHO_TITLES: Record<WhoField, string> = { user: 'user', device: 'device (name or unique id)', app: 'app', ip: 'IP address' };

/** A value from those the log names (with counts), or one typed in. */
function pickValue(field: WhoField, values: Counted[], unit: 'entries' | 'sessions'): Promise<FilterClause | undefined> {
    return new Promise((resolve) => {
        const pick = vscode.window.createQuickPick<vscode.QuickPickItem & { value: string }>();
        pick.title = `Show the entries of a ${WHO_TITLES[field]} (and of their sessions)`;
        pick.placeholder = 'Pick one, or type a value';
        const known: (vscode.QuickPickItem & { value: string })[] = valueItems(values, unit);
        pick.items = known;
        pick.onDidChangeValue((value) => {
            const typed = value.trim();
            pick.items = typed && !values.some((v) => v.value.toLowerCase() === typed.toLowerCase())
                ? [{ label: inertLabel(typed), description: 'as typed', value: typed }, ...known] : known;
        });
        let done = false;
        pick.onDidAccept(() => {
            const chosen = pick.selectedItems[0]?.value ?? pick.value.trim();
            done = true;
            pick.hide();
            resolve(chosen ? { type: field, value: chosen } : undefined);
        });
        pick.onDidHide(() => {
            pick.dispose();
            if (!done) {
                resolve(undefined);
            }
        });
        pick.show();
    });
}
