/** The tooltip element: its text, set as text only, and where it shows. */
import { clipText } from '../format';

/** Fills the tooltip element with one block per line: text only, never markup. */
export function showTooltip(element: HTMLElement, lines: string[], px: number, py: number, bounds: DOMRect): void {
  element.replaceChildren(...lines.map((line, i) => {
    const div = document.createElement('div');
    div.className = i === 0 ? 'tooltip-title' : 'tooltip-line';
    div.textContent = clipText(line, 300);
    return div;
  }));
  element.hidden = false;
  const width = element.offsetWidth;
  const height = element.offsetHeight;
  const left = px + 14 + width > bounds.width ? Math.max(0, px - 14 - width) : px + 14;
  const top = py + 14 + height > bounds.height ? Math.max(0, py - 14 - height) : py + 14;
  element.style.left = `${left}px`;
  element.style.top = `${top}px`;
}
