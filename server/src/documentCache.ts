/**
 * One analysis per open document version. TextDocuments owns the sync; this wraps its update step
 * to remember a single edit so the next analysis re-parses only what the edit touched.
 */
import { TextDocumentContentChangeEvent, TextDocuments, TextDocumentsConfiguration } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { formatOfLanguage } from './service/formats/ids';
import { Analysis, LanguageService, LogFormat, TextEdit } from './service/languageService';

/** Below this size a pinned old version costs little; above it, copying strings out is worth it. */
const DETACH_MIN_CHARS = 1024 * 1024;
const DETACH_DELAY_MS = 3000;
/** Entries per idle step: a few milliseconds of work, so requests in between wait little. */
const DETACH_CHUNK = 5000;

interface Pending {
  fromRevision: number;
  toRevision: number;
  edit: TextEdit;
}

/** What the server decided a document is: by its language id, or by sniffing its first lines. */
export interface DocumentFormat {
  format: LogFormat | undefined;
  /** True when the format came from the content (the editor sent a language id not ours). */
  detected: boolean;
}

/**
 * Analyses (and sniffed formats) are keyed by a revision of our own, counted up on every open and every
 * change, not by the version the client sends: a client that opens a URI again without closing it, or
 * repeats a version number, would otherwise get answers about the text it replaced.
 */
export class DocumentCache {
  private readonly analyses = new Map<string, { revision: number; analysis: Analysis }>();
  /** Documents with a language id not ours: the format their content showed (undefined: none yet). */
  private readonly sniffed = new Map<string, { revision: number; format: LogFormat | undefined }>();
  private readonly pending = new Map<string, Pending>();
  private readonly revisions = new Map<string, number>();
  private nextRevision = 1;
  private readonly detachJobs = new Map<string, symbol>();
  readonly documents: TextDocuments<TextDocument>;

  constructor(private readonly service: LanguageService, private readonly log: (message: string) => void = () => undefined) {
    const config: TextDocumentsConfiguration<TextDocument> = {
      create: (uri, languageId, version, content) => {
        this.revisions.set(uri, this.nextRevision++);
        this.pending.delete(uri);
        this.sniffed.delete(uri);
        return TextDocument.create(uri, languageId, version, content);
      },
      update: (document, changes, version) => {
        this.rememberEdit(document, changes);
        return TextDocument.update(document, changes, version);
      },
    };
    this.documents = new TextDocuments(config);
  }

  private rememberEdit(document: TextDocument, changes: TextDocumentContentChangeEvent[]): void {
    const fromRevision = this.revisions.get(document.uri) ?? 0;
    const toRevision = this.nextRevision++;
    this.revisions.set(document.uri, toRevision);
    const change = changes.length === 1 ? changes[0] : undefined;
    if (change && TextDocumentContentChangeEvent.isIncremental(change)) {
      const edit = { start: document.offsetAt(change.range.start), end: document.offsetAt(change.range.end), text: change.text };
      this.pending.set(document.uri, { fromRevision, toRevision, edit });
    } else {
      this.pending.delete(document.uri);
    }
  }

  /**
   * The format of a document. Editors other than VS Code send their own language ids (`log`, `text`,
   * an empty one): then the first lines decide, with the detection the VS Code client uses. A document
   * recognised once keeps its format while it is open; one not recognised is looked at again when it
   * changes (a new buffer being typed or pasted into).
   */
  formatOf(document: TextDocument): DocumentFormat {
    const byLanguage = formatOfLanguage(document.languageId);
    if (byLanguage) {
      return { format: byLanguage, detected: false };
    }
    const revision = this.revisions.get(document.uri) ?? 0;
    const known = this.sniffed.get(document.uri);
    if (known && (known.format !== undefined || known.revision === revision)) {
      return { format: known.format, detected: true };
    }
    const format = this.service.detectFormat(document.getText());
    this.sniffed.set(document.uri, { revision, format });
    if (format) {
      this.log(`${document.uri} (language id '${document.languageId}') reads as a ${format === 'bluecedar' ? 'Blue Cedar gateway' : 'Okta Access Gateway audit'} log: analysing it.`);
    } else if (!known) {
      this.log(`${document.uri} (language id '${document.languageId}') is not a gateway log: no features for it.`);
    }
    return { format, detected: true };
  }

  /** The analysis of the document's current version, or undefined for a document that is not one of our logs. */
  get(document: TextDocument): Analysis | undefined {
    const format = this.formatOf(document).format;
    if (!format) {
      return undefined;
    }
    const revision = this.revisions.get(document.uri) ?? 0;
    const cached = this.analyses.get(document.uri);
    if (cached && cached.revision === revision && cached.analysis.log.format === format) {
      return cached.analysis;
    }
    const pending = this.pending.get(document.uri);
    this.pending.delete(document.uri);
    let analysis: Analysis;
    if (cached && pending && cached.revision === pending.fromRevision && pending.toRevision === revision && cached.analysis.log.format === format) {
      analysis = this.service.update(cached.analysis, document.getText(), pending.edit);
    } else {
      analysis = this.service.analyze(document.getText(), format);
      this.detachLater(document.uri, analysis);
    }
    this.analyses.set(document.uri, { revision, analysis });
    return analysis;
  }

  /**
   * The entries of a full parse quote the text they were read from, so after the first edit that
   * whole version would stay in memory. For large documents, copy their strings out in idle time,
   * a chunk of entries at a time, starting a little after the parse. A newer full parse or closing
   * the document ends the job.
   */
  private detachLater(uri: string, analysis: Analysis): void {
    if (analysis.log.text.length < DETACH_MIN_CHARS) {
      return;
    }
    const job = Symbol(uri);
    this.detachJobs.set(uri, job);
    // Entries an edit keeps stay the same objects, so working through this list reaches them all.
    const entries = analysis.log.entries;
    let next = 0;
    const step = (): void => {
      if (this.detachJobs.get(uri) !== job) {
        return;
      }
      this.service.detachEntryStrings(entries, next, next + DETACH_CHUNK);
      next += DETACH_CHUNK;
      if (next < entries.length) {
        setImmediate(step);
      } else {
        this.detachJobs.delete(uri);
      }
    };
    setTimeout(step, DETACH_DELAY_MS).unref();
  }

  getByUri(uri: string): Analysis | undefined {
    const document = this.documents.get(uri);
    return document ? this.get(document) : undefined;
  }

  forget(uri: string): void {
    this.analyses.delete(uri);
    this.revisions.delete(uri);
    this.sniffed.delete(uri);
    this.pending.delete(uri);
    this.detachJobs.delete(uri);
  }
}
