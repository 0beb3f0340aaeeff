/*
 * Splits a stream of JSON text into top-level values with the line each starts on, without parsing them:
 * a resumable per-character scanner (strings, escapes, bracket depth) whose state survives chunk boundaries,
 * so a value spanning many chunks is scanned once and joined once. Each value is then parsed by JSON.parse.
 * Text glued to a value (`{"a":1},` or `[1]]`) makes that value and the rest of its line one invalid record;
 * in JSONL any second value on a line does too. Two paths skip work: a JSONL line that is one value is parsed
 * whole (wholeLines), and with a streamPath (flatten_json_array) the array at the root is handed over element by
 * element instead of as one value (modes ArrayBetween and Skip, and Nav/Key/SkipScalar on the way through the
 * root's objects).
 */

/**
 * `parsed` is JSON.parse(text) when the splitter already parsed it (a JSONL line read whole); `element` marks an
 * element of the streamed array (streamPath), or the root's value when it is not an array: a record as it is.
 */
export type ValueCallback = (text: string, line: number, parsed?: unknown, element?: boolean) => void;
export type InvalidTextCallback = (line: number, reason: string, raw: string) => void;

const enum Mode { Between, Container, String, Scalar, After, Garbage, ArrayBetween, Nav, Key, Skip, SkipScalar }

/** Inside an object on the way to the streamed root (streamPath): what may come next. */
const enum NavState { KeyOrEnd, Colon, Value, CommaOrEnd }

/** Inside a streamed top-level array, between elements: what may come next. */
const enum ArrayState { First, NeedElement, AfterElement }

/** Raw text kept for a reject inside a streamed array (the rest of the array is not held). */
const RAW_SNIPPET = 200;

const LF = 10, CR = 13, SPACE = 32, TAB = 9, QUOTE = 34, BACKSLASH = 92;
const isSpace = (c: number): boolean => c === SPACE || c === LF || c === CR || c === TAB;
const isOpen = (c: number): boolean => c === 123 || c === 91; // { [
const isClose = (c: number): boolean => c === 125 || c === 93; // } ]
const isStructural = (c: number): boolean => isOpen(c) || isClose(c) || c === 44 || c === 58 || c === QUOTE; // , :

export class JsonValueSplitter {
  private mode = Mode.Between;
  private line = 1;
  private prevCR = false;
  private started = false;
  private depth = 0;
  private inString = false;
  private escaped = false;
  private parts: string[] = [];
  private valueLine = 1;
  private pending = '';
  /** The scan is at the start of a line (JSONL fast path). */
  private lineStart = true;
  /** Streamed array (streamPath): the value being scanned is one of its elements, or the root's own value. */
  private element = false;
  private arrayState = ArrayState.First;
  /** `pending` is the end of a streamed array, not a value. */
  private arrayEnded = false;
  /** Objects entered on the way to the root (streamPath), and where the scan is inside the innermost. */
  private navDepth = 0;
  private navState = NavState.KeyOrEnd;
  /** The key just read matches streamPath[navDepth]. */
  private keyMatches = false;
  /** The root was found in the current top-level value. */
  private found = false;
  /** Where the streamed array, or the selected value, returns to when it ends. */
  private inNav = false;
  /** The value being scanned is the root's own value (not an array, so one record). */
  private selected = false;
  /**
   * What a skip (Mode.Skip) ends: the rest of the streamed array, the rest of the top-level value (after a
   * structural error), or a value off the root's path (then the object around it goes on).
   */
  private skipThen: 'array' | 'top' | 'nav' = 'array';

  /**
   * lineDelimited (JSONL): a value must end on the line it starts on. There, a line that holds exactly one JSON
   * value (JSON.parse of the whole line succeeds, and it has no CR: CR alone is a line break) is handed over
   * parsed, without the per-character scan (`wholeLines`, on by default): the scan found the same value at the same
   * line, so results are equal (test/unit/parsing/json-lines-fast-path.test.ts); any other line is scanned.
   * Measured on 500,000 lines of 143 bytes: the scan was 444 ms of a 1.79 s import.
   */
  constructor(
    private readonly lineDelimited: boolean,
    private readonly onValue: ValueCallback,
    private readonly onInvalid: InvalidTextCallback,
    private readonly wholeLines = true,
    /**
     * JSON with flatten_json_array: the object keys of `root` (empty: no root). The array found there is not held
     * whole; each element is handed over as it completes (element = true), so a file that is one huge array, or
     * one object around one (`{"Records": [...]}` with root /Records), streams with bounded memory. The other
     * values of those objects are skipped unread. A comma or bracket out of place inside the array rejects the rest
     * of it (the elements before it are kept); a top-level object without the root is one reject (`missingRoot`).
     * A top-level value that is not an object (with a root) is held whole, as without streaming.
     */
    private readonly streamPath: readonly string[] | null = null,
    private readonly missingRoot = 'the root is not in this value',
  ) {}


  feed(chunk: string): void {
    if (!this.started && chunk.length > 0) {
      this.started = true;
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
    }
    let from = 0; // start of the current value's text inside this chunk
    const whole = this.lineDelimited && this.wholeLines;
    for (let i = 0; i < chunk.length; i++) {
      if (whole && this.lineStart && this.mode === Mode.Between) {
        const next = this.wholeLine(chunk, i);
        if (next > i) {
          i = next - 1;
          continue;
        }
      }
      const c = chunk.charCodeAt(i);
      this.lineStart = c === LF || c === CR;
      const lineBefore = this.line;
      if (c === LF) {
        if (!this.prevCR) this.line++;
        this.prevCR = false;
      } else if (c === CR) {
        this.line++;
        this.prevCR = true;
      } else this.prevCR = false;

      switch (this.mode) {
        case Mode.Container:
        case Mode.String:
          if (this.lineDelimited && (c === LF || c === CR)) {
            this.invalid(chunk.slice(from, i), 'the JSON value does not end on its line');
            continue;
          }
          if (this.step(c)) this.complete(chunk.slice(from, i + 1));
          continue;
        case Mode.Scalar:
          if (!isSpace(c) && !isStructural(c)) continue;
          this.complete(chunk.slice(from, i));
          break; // this character is looked at again below, after the value
        case Mode.Garbage:
          if (c === LF || c === CR) this.invalid(chunk.slice(from, i), 'unexpected text after a JSON value or where a value should start');
          continue;
        case Mode.Skip:
          if (this.step(c)) {
            if (this.skipThen === 'top') this.endTop();
            else if (this.skipThen === 'array') this.endArray();
            else this.afterNavValue();
          }
          continue;
        case Mode.Nav:
          this.nav(chunk, i, c, lineBefore);
          if ((this.mode as Mode) !== Mode.Nav && this.element) {
            from = i;
            this.parts = [];
          } else if ((this.mode as Mode) === Mode.Key) from = i;
          continue;
        case Mode.Key:
          if (this.step(c)) this.endKey(chunk.slice(from, i + 1));
          continue;
        case Mode.SkipScalar:
          if (!isSpace(c) && !isStructural(c)) continue;
          this.afterNavValue();
          this.nav(chunk, i, c, lineBefore);
          continue;
        case Mode.ArrayBetween:
          if (this.arrayBetween(chunk, i, c, lineBefore)) {
            from = i;
            this.parts = [];
          }
          continue;
        default:
          break;
      }
      if ((this.mode as Mode) === Mode.ArrayBetween) {
        // A scalar element ended at this character (a comma, bracket or space): the array decides what it means.
        if (this.arrayBetween(chunk, i, c, lineBefore)) {
          from = i;
          this.parts = [];
        }
        continue;
      }
      if ((this.mode as Mode) === Mode.Nav) {
        // A scalar selected by the root ended at this character: the object around it goes on.
        this.nav(chunk, i, c, lineBefore);
        if ((this.mode as Mode) === Mode.Key) from = i;
        continue;
      }
      // Mode.After or Mode.Between: c is outside any value.
      if (isSpace(c)) {
        // JSONL: one value per line, so a value is only complete at its line end; a second value on the line
        // makes the whole line invalid instead of loading half of it.
        if (this.mode === Mode.After && this.lineDelimited && c !== LF && c !== CR) this.pending += chunk[i]!;
        else if (this.mode === Mode.After) this.emit();
        continue;
      }
      if (this.mode === Mode.After && (this.lineDelimited || !isOpen(c))) {
        this.mode = Mode.Garbage;
        this.parts = [this.pending];
        from = i;
        continue;
      }
      if (this.mode === Mode.After) this.emit();
      if (this.streamPath !== null && this.streamPath.length === 0 && c === 91 /* [ */) {
        this.inNav = false;
        this.mode = Mode.ArrayBetween;
        this.arrayState = ArrayState.First;
        continue;
      }
      if (this.streamPath !== null && this.streamPath.length > 0 && c === 123 /* { */) {
        this.valueLine = lineBefore;
        this.mode = Mode.Nav;
        this.navDepth = 0;
        this.navState = NavState.KeyOrEnd;
        this.found = false;
        continue;
      }
      from = i;
      this.parts = [];
      if (isClose(c) || c === 44 || c === 58) {
        this.valueLine = lineBefore;
        this.mode = Mode.Garbage;
      } else this.startValue(c, lineBefore, false);
    }
    if (this.mode === Mode.Container || this.mode === Mode.String || this.mode === Mode.Scalar || this.mode === Mode.Garbage || this.mode === Mode.Key) {
      this.parts.push(chunk.slice(from));
    }
  }

  /** Character `c` at `i` inside an object on the way to the root (outside keys and skipped values). */
  private nav(chunk: string, i: number, c: number, line: number): void {
    if (isSpace(c)) return;
    const path = this.streamPath!;
    switch (this.navState) {
      case NavState.KeyOrEnd:
        if (c === QUOTE) {
          this.mode = Mode.Key;
          this.parts = [];
          this.enter(c, 0);
          return;
        }
        if (c === 125 /* } */) return this.closeObject();
        return this.skipTop(chunk, i, line, 'an object key was expected');
      case NavState.Colon:
        if (c === 58 /* : */) {
          this.navState = NavState.Value;
          return;
        }
        return this.skipTop(chunk, i, line, "a ':' was expected after an object key");
      case NavState.Value: {
        const target = this.keyMatches && this.navDepth + 1 === path.length;
        if (target && !this.found) {
          this.found = true;
          this.inNav = true;
          if (c === 91 /* [ */) {
            this.mode = Mode.ArrayBetween;
            this.arrayState = ArrayState.First;
            return;
          }
          // Not an array: the selected value is one record, as without streaming.
          this.selected = true;
          this.startValue(c, line);
          return;
        }
        if (this.keyMatches && !target && c === 123 /* { */) {
          this.navDepth++;
          this.navState = NavState.KeyOrEnd;
          return;
        }
        // Any other value (a key off the path, or a repeated root key, whose earlier value was streamed) is skipped.
        if (isOpen(c) || c === QUOTE) return this.skip('nav', c, 0);
        if (isClose(c) || c === 44 || c === 58) return this.skipTop(chunk, i, line, 'a value was expected after a key');
        this.mode = Mode.SkipScalar;
        return;
      }
      case NavState.CommaOrEnd:
        if (c === 44 /* , */) {
          this.navState = NavState.KeyOrEnd;
          return;
        }
        if (c === 125 /* } */) return this.closeObject();
        return this.skipTop(chunk, i, line, "a ',' or '}' was expected after an object value");
    }
  }

  /** A key read on the way to the root (its JSON text with the quotes). */
  private endKey(tail: string): void {
    this.parts.push(tail);
    const text = this.parts.length === 1 ? tail : this.parts.join('');
    this.parts = [];
    let key: unknown;
    try {
      key = JSON.parse(text);
    } catch {
      key = undefined;
    }
    this.keyMatches = key === this.streamPath![this.navDepth];
    this.mode = Mode.Nav;
    this.navState = NavState.Colon;
  }

  /** A value inside a navigated object ended (skipped, streamed, or handed over). */
  private afterNavValue(): void {
    this.mode = Mode.Nav;
    this.navState = NavState.CommaOrEnd;
  }

  private closeObject(): void {
    if (this.navDepth > 0) {
      this.navDepth--;
      this.afterNavValue();
      return;
    }
    if (!this.found) this.onInvalid(this.valueLine, this.missingRoot, '');
    this.endTop();
  }

  /** A structural error on the way to the root: one reject, and the rest of the top-level value is skipped. */
  private skipTop(chunk: string, i: number, line: number, reason: string): void {
    this.onInvalid(line, `${reason}; the rest of this value was skipped`, chunk.slice(i, i + RAW_SNIPPET));
    // Inside every object entered so far, and inside whatever the offending character opens.
    this.skip('top', chunk.charCodeAt(i), this.navDepth + 1);
  }

  /** Skips, from character `c`, to the end of what it opens (`around`: brackets already open around it). */
  private skip(then: 'array' | 'top' | 'nav', c: number, around: number): void {
    this.mode = Mode.Skip;
    this.skipThen = then;
    this.enter(c, around);
  }

  /** Scanner state at character `c` of a value inside `around` open brackets (see step). */
  private enter(c: number, around: number): void {
    this.depth = around + (isOpen(c) ? 1 : 0);
    this.inString = c === QUOTE;
    this.escaped = false;
  }

  /**
   * One character of the value being scanned (strings with their escapes, bracket depth): true when it closes the
   * value, a bracket back to depth 0 or a string at depth 0. Containers, strings, keys and skipped text share it.
   */
  private step(c: number): boolean {
    if (this.inString) {
      if (this.escaped) this.escaped = false;
      else if (c === BACKSLASH) this.escaped = true;
      else if (c === QUOTE) {
        this.inString = false;
        return this.depth === 0;
      }
      return false;
    }
    if (c === QUOTE) this.inString = true;
    else if (isOpen(c)) this.depth++;
    else if (isClose(c)) return --this.depth === 0;
    return false;
  }

  /** The top-level value ended: like the end of a value, without a value to hand over. */
  private endTop(): void {
    this.mode = Mode.After;
    this.pending = '';
    this.arrayEnded = true;
  }

  /** Starts scanning a value whose first character is `c`: an element (or the root's value) when `element`. */
  private startValue(c: number, line: number, element = true): void {
    this.valueLine = line;
    this.element = element;
    this.mode = isOpen(c) ? Mode.Container : c === QUOTE ? Mode.String : Mode.Scalar;
    if (this.mode !== Mode.Scalar) this.enter(c, 0);
  }

  /**
   * The JSONL fast path at a line start: the position after the line's LF when the line was one JSON value (handed
   * to onValue, parsed), else `at` (the line is scanned character by character).
   */
  private wholeLine(chunk: string, at: number): number {
    const eol = chunk.indexOf('\n', at);
    if (eol <= at) return at;
    const line = chunk.slice(at, eol);
    if (line.indexOf('\r') >= 0) return at;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      return at;
    }
    let lead = 0;
    while (line.charCodeAt(lead) === SPACE || line.charCodeAt(lead) === TAB) lead++;
    const valueLine = this.line;
    this.line++;
    this.prevCR = false;
    this.onValue(lead === 0 ? line : line.slice(lead), valueLine, value);
    return eol + 1;
  }

  /**
   * Character `c` at `i`, between elements of a streamed array: a comma, the closing bracket, or the start of an
   * element (true: the caller sets where its text starts).
   */
  private arrayBetween(chunk: string, i: number, c: number, line: number): boolean {
    if (isSpace(c)) return false;
    const state = this.arrayState;
    if (c === 93 /* ] */) {
      if (state === ArrayState.NeedElement) this.onInvalid(line, 'a comma before the closing bracket of the array', chunk.slice(Math.max(0, i - 20), i + 1));
      this.endArray();
      return false;
    }
    if (c === 44 /* , */) {
      if (state === ArrayState.AfterElement) this.arrayState = ArrayState.NeedElement;
      else this.skipArray(chunk, i, line, 'a comma where an array element should be');
      return false;
    }
    if (c === 125 /* } */ || c === 58 /* : */) {
      this.skipArray(chunk, i, line, `unexpected '${chunk[i]!}' where an array element should be`);
      return false;
    }
    if (state === ArrayState.AfterElement) {
      this.skipArray(chunk, i, line, 'a comma is missing between array elements');
      return false;
    }
    this.startValue(c, line);
    return true;
  }

  /** A structural error inside a streamed array: one reject, and the rest of the array is skipped. */
  private skipArray(chunk: string, i: number, line: number, reason: string): void {
    this.onInvalid(line, `${reason}; the rest of this array was skipped`, chunk.slice(i, i + RAW_SNIPPET));
    // Inside the array, and inside whatever the offending character opens.
    this.skip('array', chunk.charCodeAt(i), 1);
  }

  /** The streamed array closed: the object around it goes on, or (a top-level array) like the end of a value. */
  private endArray(): void {
    if (this.inNav) this.afterNavValue();
    else this.endTop();
  }

  end(): void {
    switch (this.mode) {
      case Mode.Scalar:
        this.complete('');
        this.emit();
        break;
      case Mode.After:
        this.emit();
        break;
      case Mode.Container:
      case Mode.String:
        this.invalid('', 'unterminated JSON value: the file ends before its closing bracket or quote');
        break;
      case Mode.Garbage:
        this.invalid('', 'unexpected text after a JSON value or where a value should start');
        break;
      case Mode.ArrayBetween:
        this.onInvalid(this.line, 'unterminated JSON array: the file ends before its closing bracket', '');
        break;
      case Mode.Skip:
        // The rest of an array or value after a structural error was already rejected.
        if (this.skipThen === 'nav') this.onInvalid(this.line, 'unterminated JSON value: the file ends before its closing bracket or quote', '');
        break;
      case Mode.Nav:
      case Mode.Key:
      case Mode.SkipScalar:
        this.onInvalid(this.line, 'unterminated JSON value: the file ends before its closing bracket or quote', '');
        break;
      default:
        break;
    }
  }

  private complete(tail: string): void {
    this.parts.push(tail);
    const text = this.parts.length === 1 ? tail : this.parts.join('');
    this.parts = [];
    if (this.element) {
      // An element of a streamed array (or the value the root selects): handed over now; the array goes on.
      this.element = false;
      if (this.selected) {
        this.selected = false;
        this.afterNavValue();
      } else {
        this.mode = Mode.ArrayBetween;
        this.arrayState = ArrayState.AfterElement;
      }
      this.onValue(text, this.valueLine, undefined, true);
      return;
    }
    this.pending = text;
    this.mode = Mode.After;
  }

  private emit(): void {
    const text = this.pending;
    this.pending = '';
    this.mode = Mode.Between;
    if (this.arrayEnded) {
      this.arrayEnded = false;
      return;
    }
    this.onValue(text, this.valueLine);
  }

  private invalid(tail: string, reason: string): void {
    this.parts.push(tail);
    const raw = this.parts.join('');
    this.parts = [];
    this.mode = Mode.Between;
    this.onInvalid(this.valueLine, reason, raw);
  }
}
