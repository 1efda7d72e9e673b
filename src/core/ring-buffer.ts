/**
 * A fixed-capacity ring of numeric rows, stored column by column in
 * Float64Arrays: a shift's worth of chart points (12 h at 1 Hz is 43,200
 * rows) costs three flat arrays instead of 43,200 small objects, and pushing
 * a row never allocates. When full, the oldest row is overwritten.
 */
export class RingBuffer {
  readonly capacity: number;
  readonly width: number;
  private readonly columns: Float64Array[];
  /** Index the next row is written to. */
  private head = 0;
  private count = 0;

  constructor(capacity: number, width: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`capacity must be a positive integer, got ${capacity}`);
    if (!Number.isInteger(width) || width < 1) throw new RangeError(`width must be a positive integer, got ${width}`);
    this.capacity = capacity;
    this.width = width;
    this.columns = Array.from({ length: width }, () => new Float64Array(capacity));
  }

  get length(): number {
    return this.count;
  }

  /** Appends one row; `row` must have exactly `width` values. */
  push(row: readonly number[]): void {
    if (row.length !== this.width) throw new RangeError(`row has ${row.length} values, expected ${this.width}`);
    for (let c = 0; c < this.width; c++) this.columns[c]![this.head] = row[c]!;
    this.head = (this.head + 1) % this.capacity;
    if (this.count < this.capacity) this.count++;
  }

  /** Column `c`, oldest row first, as a fresh array the caller may keep. */
  column(c: number): number[] {
    const source = this.columns[c];
    if (!source) throw new RangeError(`no column ${c} in a ring of width ${this.width}`);
    const out = new Array<number>(this.count);
    const start = (this.head - this.count + this.capacity) % this.capacity;
    for (let i = 0; i < this.count; i++) out[i] = source[(start + i) % this.capacity]!;
    return out;
  }

  clear(): void {
    this.head = 0;
    this.count = 0;
  }
}
