/**
 * Lines to standard output in large writes that wait when the reader is slower (a pipe that is full),
 * so that nothing is lost: a write to a pipe takes only what fits, and the rest must wait for the
 * reader. A reader that stops (`| head`) ends the program quietly. Also: log text made safe for one
 * line of a terminal.
 */
import { once } from 'node:events';
import { displayText } from './service/markdown';

const LINE_CONTROLS: Record<string, string> = { '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/**
 * Text from a log or a file name, for one line of a terminal or of tab-separated output: tabs and line
 * breaks written as `\t`, `\n`, `\r`, and every other control, direction-changing or invisible
 * character as `\u…`, so that a file named `x\ngateway-logs: …` cannot forge a line (or a field), nor
 * an escape sequence drive the terminal. Never shortened.
 */
export function terminalText(text: string): string {
  return displayText(text.replace(/[\t\n\r]/g, (ch) => LINE_CONTROLS[ch]), Number.POSITIVE_INFINITY);
}

export class LineOutput {
  private parts: string[] = [];
  private size = 0;

  constructor(private readonly stream: NodeJS.WritableStream, private readonly bufferBytes = 1 << 20) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') {
        process.exit(0); // the reader stopped: not an error
      }
      throw error;
    });
  }

  /** Adds a line; waits only when the buffer was handed on and the stream asked to wait. */
  async write(line: string): Promise<void> {
    this.parts.push(line, '\n');
    this.size += line.length + 1;
    if (this.size >= this.bufferBytes) {
      await this.flush();
    }
  }

  /** Hands what is buffered to the stream, waiting for it to drain when it is full. */
  async flush(): Promise<void> {
    if (this.parts.length === 0) {
      return;
    }
    const text = this.parts.join('');
    this.parts = [];
    this.size = 0;
    if (!this.stream.write(text)) {
      await once(this.stream, 'drain');
    }
  }
}
