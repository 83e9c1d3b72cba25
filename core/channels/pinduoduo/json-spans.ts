/**
 * The source text of each element of an array inside a JSON document, so every order keeps the
 * exact bytes PDD sent (architecture.md "Data": raw partner payloads are kept verbatim), not a
 * re-serialisation that would turn `99.0` into `99` or a 19-digit id into a string.
 * Runs only on text that `parseJsonLossless` already accepted, so it may assume valid JSON.
 */
export function arrayElementTexts(text: string, path: readonly string[]): string[] | null {
  const scanner = new Scanner(text);
  return scanner.find(path, 0);
}

class Scanner {
  private pos = 0;
  constructor(private readonly text: string) {}

  find(path: readonly string[], depth: number): string[] | null {
    this.skipWs();
    if (depth === path.length && this.text[this.pos] === '[') return this.elements();
    if (depth === path.length || this.text[this.pos] !== '{') {
      this.skipValue();
      return null;
    }
    this.pos++;
    let found: string[] | null = null;
    for (;;) {
      this.skipWs();
      if (this.text[this.pos] === '}') {
        this.pos++;
        return found;
      }
      const key = this.readKey();
      this.skipWs();
      this.pos++; // ':'
      this.skipWs();
      // Later duplicates win, as with JSON.parse.
      if (key === path[depth]) found = this.find(path, depth + 1) ?? found;
      else this.skipValue();
      this.skipWs();
      if (this.text[this.pos] === ',') this.pos++;
    }
  }

  private elements(): string[] {
    const out: string[] = [];
    this.pos++; // '['
    for (;;) {
      this.skipWs();
      if (this.text[this.pos] === ']') {
        this.pos++;
        return out;
      }
      const start = this.pos;
      this.skipValue();
      out.push(this.text.slice(start, this.pos));
      this.skipWs();
      if (this.text[this.pos] === ',') this.pos++;
    }
  }

  private readKey(): string {
    const start = this.pos;
    this.skipString();
    return JSON.parse(this.text.slice(start, this.pos)) as string;
  }

  private skipValue(): void {
    const ch = this.text[this.pos];
    if (ch === '"') return this.skipString();
    if (ch === '{' || ch === '[') return this.skipNested();
    while (this.pos < this.text.length && !',}] \t\r\n'.includes(this.text[this.pos]!)) this.pos++;
  }

  /** Skips a whole object or array by counting brackets outside strings. */
  private skipNested(): void {
    let depth = 0;
    do {
      const ch = this.text[this.pos];
      if (ch === '"') {
        this.skipString();
        continue;
      }
      if (ch === '{' || ch === '[') depth++;
      else if (ch === '}' || ch === ']') depth--;
      this.pos++;
    } while (depth > 0 && this.pos < this.text.length);
  }

  private skipString(): void {
    this.pos++; // opening quote
    while (this.pos < this.text.length) {
      const ch = this.text[this.pos];
      if (ch === '\\') this.pos += 2;
      else if (ch === '"') break;
      else this.pos++;
    }
    this.pos++; // closing quote
  }

  private skipWs(): void {
    while (this.pos < this.text.length && ' \t\r\n'.includes(this.text[this.pos]!)) this.pos++;
  }
}
