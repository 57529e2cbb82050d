/**
 * One analysis per open document version. TextDocuments owns the sync; this wraps its update step
 * to remember a single edit so the next analysis re-parses only what the edit touched.
 */
import { TextDocumentContentChangeEvent, TextDocuments, TextDocumentsConfiguration } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Analysis, formatOfLanguage, LanguageService, TextEdit } from './service/languageService';

interface Pending {
  fromVersion: number;
  toVersion: number;
  edit: TextEdit;
}

export class DocumentCache {
  private readonly analyses = new Map<string, { version: number; analysis: Analysis }>();
  private readonly pending = new Map<string, Pending>();
  readonly documents: TextDocuments<TextDocument>;

  constructor(private readonly service: LanguageService) {
    const config: TextDocumentsConfiguration<TextDocument> = {
      create: TextDocument.create,
      update: (document, changes, version) => {
        this.rememberEdit(document, changes, version);
        return TextDocument.update(document, changes, version);
      },
    };
    this.documents = new TextDocuments(config);
  }

  private rememberEdit(document: TextDocument, changes: TextDocumentContentChangeEvent[], version: number): void {
    const change = changes.length === 1 ? changes[0] : undefined;
    if (change && TextDocumentContentChangeEvent.isIncremental(change)) {
      const edit = { start: document.offsetAt(change.range.start), end: document.offsetAt(change.range.end), text: change.text };
      this.pending.set(document.uri, { fromVersion: document.version, toVersion: version, edit });
    } else {
      this.pending.delete(document.uri);
    }
  }

  /** The analysis of the document's current version, or undefined for a language we do not handle. */
  get(document: TextDocument): Analysis | undefined {
    const format = formatOfLanguage(document.languageId);
    if (!format) {
      return undefined;
    }
    const cached = this.analyses.get(document.uri);
    if (cached && cached.version === document.version && cached.analysis.log.format === format) {
      return cached.analysis;
    }
    const pending = this.pending.get(document.uri);
    this.pending.delete(document.uri);
    let analysis: Analysis;
    if (cached && pending && cached.version === pending.fromVersion && pending.toVersion === document.version && cached.analysis.log.format === format) {
      analysis = this.service.update(cached.analysis, document.getText(), pending.edit);
    } else {
      analysis = this.service.analyze(document.getText(), format);
    }
    this.analyses.set(document.uri, { version: document.version, analysis });
    return analysis;
  }

  getByUri(uri: string): Analysis | undefined {
    const document = this.documents.get(uri);
    return document ? this.get(document) : undefined;
  }

  forget(uri: string): void {
    this.analyses.delete(uri);
    this.pending.delete(uri);
  }
}
