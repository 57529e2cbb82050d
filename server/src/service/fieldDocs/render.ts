import { inlineCode } from '../markdown';

/**
 * One hover, in the order the reader needs it: what the field is, what this value means, what to do.
 * Every string except `title` and `key` is markdown; anything taken from the log must already have
 * gone through escapeMarkdown or inlineCode.
 */
export interface FieldDoc {
  /** Our own name for the field (a constant, never log content). */
  title: string;
  /** The key as the log writes it, shown as code after the title. */
  key?: string;
  meaning: string;
  /** The value and its interpretation. */
  value?: string;
  /** Further paragraphs or bullet lists. */
  details?: string[];
  /** A corrective action the vendor's documentation gives. */
  action?: string;
  /** Advice of ours, kept apart from the vendor's corrective actions. */
  suggestion?: string;
}

export function renderDoc(doc: FieldDoc): string {
  const parts = [`**${doc.title}**` + (doc.key !== undefined ? ' ' + inlineCode(doc.key) : '')];
  parts.push(doc.meaning);
  if (doc.value !== undefined) {
    parts.push(`**Value:** ${doc.value}`);
  }
  parts.push(...(doc.details ?? []));
  if (doc.action !== undefined) {
    parts.push(`**Corrective action:** ${doc.action}`);
  }
  if (doc.suggestion !== undefined) {
    parts.push(`**Suggestion:** ${doc.suggestion}`);
  }
  return parts.join('\n\n');
}

/** A markdown bullet list from already-safe lines. */
export function bullets(lines: readonly string[]): string {
  return lines.map((line) => `- ${line}`).join('\n');
}
