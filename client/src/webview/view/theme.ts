/** The colours of the timeline, read from the VS Code theme's CSS variables (light, dark, high contrast). */

export interface Palette {
  background: string;
  foreground: string;
  dim: string;
  grid: string;
  session: string;
  sessionFailed: string;
  openEnd: string;
  border?: string;
  reject: string;
  failedLogin: string;
  deny: string;
  error: string;
  findingWarning: string;
  findingInfo: string;
  focus: string;
  selection: string;
  levels: { error: string; warning: string; info: string; debug: string };
  font: string;
}

function read(style: CSSStyleDeclaration, name: string, fallback: string): string {
  const value = style.getPropertyValue(name).trim();
  return value || fallback;
}

/** 'vscode-dark', 'vscode-light', 'vscode-high-contrast' or 'vscode-high-contrast-light', from the body's class. */
export function themeKind(): string {
  const body = document.body;
  return ['vscode-high-contrast-light', 'vscode-high-contrast', 'vscode-dark', 'vscode-light'].find((c) => body.classList.contains(c)) ?? 'unknown';
}

export function readPalette(): Palette {
  const style = getComputedStyle(document.body);
  const contrast = style.getPropertyValue('--vscode-contrastBorder').trim();
  const foreground = read(style, '--vscode-editor-foreground', '#cccccc');
  return {
    background: read(style, '--vscode-editor-background', '#1e1e1e'),
    foreground,
    dim: read(style, '--vscode-descriptionForeground', foreground),
    grid: read(style, '--vscode-editorIndentGuide-background1', read(style, '--vscode-editorIndentGuide-background', '#80808040')),
    session: read(style, '--vscode-charts-blue', '#3794ff'),
    sessionFailed: read(style, '--vscode-charts-orange', '#d18616'),
    openEnd: read(style, '--vscode-descriptionForeground', '#999999'),
    border: contrast || undefined,
    reject: read(style, '--vscode-charts-red', '#f14c4c'),
    failedLogin: read(style, '--vscode-charts-orange', '#d18616'),
    deny: read(style, '--vscode-charts-purple', '#b180d7'),
    error: read(style, '--vscode-editorError-foreground', '#f14c4c'),
    findingWarning: read(style, '--vscode-editorWarning-foreground', '#cca700'),
    findingInfo: read(style, '--vscode-editorInfo-foreground', '#3794ff'),
    focus: read(style, '--vscode-focusBorder', '#007fd4'),
    selection: read(style, '--vscode-editor-selectionBackground', '#264f78'),
    levels: {
      error: read(style, '--vscode-charts-red', '#f14c4c'),
      warning: read(style, '--vscode-charts-yellow', '#cca700'),
      info: read(style, '--vscode-charts-blue', '#3794ff'),
      debug: read(style, '--vscode-disabledForeground', '#808080'),
    },
    font: `${read(style, '--vscode-font-size', '13px')} ${read(style, '--vscode-font-family', 'sans-serif')}`,
  };
}
