/**
 * Follows what the engineer types into a terminal so the prod guard can see
 * the line that Enter is about to submit. It mirrors a simple line editor:
 * printable characters append, Backspace removes one, Ctrl-U, Ctrl-C and
 * Enter clear the line, Ctrl-W removes the last word.
 *
 * Its limits, stated plainly: it sees keystrokes, not the shell's buffer.
 * History recall (Up, Ctrl-R), Tab completion, cursor movement and editing in
 * the middle of the line change the real line in ways it cannot follow; it
 * then marks the line `uncertain` and keeps what it saw typed. A recalled
 * risky command submitted unchanged is therefore not caught. Pasted text is
 * followed, including bracketed paste.
 */

const ESC = '\x1b';

type ParseState = 'text' | 'escape' | 'csi' | 'ss3';

export class LineTracker {
  private text = '';
  private unsure = false;
  private state: ParseState = 'text';
  private csiParams = '';

  /** What the tracker believes is on the line now. */
  get line(): string {
    return this.text;
  }

  /** True once an edit the tracker cannot follow happened on this line. */
  get uncertain(): boolean {
    return this.unsure;
  }

  /** Feeds keyboard input; returns the lines submitted by Enter within it, in order. */
  feed(data: string): string[] {
    const submitted: string[] = [];
    for (const ch of data) {
      switch (this.state) {
        case 'escape':
          if (ch === '[') {
            this.state = 'csi';
            this.csiParams = '';
          } else if (ch === 'O') this.state = 'ss3';
          else {
            // Alt+key or a lone Escape: word motions in readline.
            this.state = 'text';
            this.unsure = true;
          }
          continue;
        case 'ss3':
          this.state = 'text';
          this.unsure = true;
          continue;
        case 'csi': {
          const code = ch.charCodeAt(0);
          if (code >= 0x40 && code <= 0x7e) {
            this.state = 'text';
            // Bracketed paste start/end markers carry no edit.
            if (!(ch === '~' && (this.csiParams === '200' || this.csiParams === '201'))) this.unsure = true;
          } else this.csiParams += ch;
          continue;
        }
        case 'text':
          break;
      }
      if (ch === ESC) this.state = 'escape';
      else if (ch === '\r' || ch === '\n') {
        submitted.push(this.text);
        this.clear();
      } else if (ch === '\x03' || ch === '\x15') this.clear();
      else if (ch === '\x7f' || ch === '\b') this.text = [...this.text].slice(0, -1).join('');
      else if (ch === '\x17') this.text = this.text.replace(/\S*\s*$/, '');
      else if (ch === '\t' || ch === '\x12' || ch === '\x10' || ch === '\x0e' || ch === '\x01' || ch === '\x05' || ch === '\x02' || ch === '\x06' || ch === '\x0b' || ch === '\x19')
        // Tab completion, history search/recall, cursor motion, kill/yank.
        this.unsure = true;
      else if (ch >= ' ') this.text += ch;
    }
    return submitted;
  }

  private clear(): void {
    this.text = '';
    this.unsure = false;
  }
}
