import { isIPv6 } from 'node:net';
import {
  CTX_DEMOTE,
  CTX_NONE,
  CTX_PROMOTE,
  EMPTY_KEY_INFO,
  type KeyInfo,
  lookupKeyBytes,
  readKeyContext,
  readWindowContext,
} from './scanner.context.ts';
import {
  HASH_BUFFER,
  type KeyedHasher,
  PERSON_NONE,
  PERSON_SHARED,
  PERSON_STRICT,
} from './scanner.persons.ts';
import {
  C_HIGH,
  C_LOW,
  C_MEDIUM,
  type FileFormat,
  T_BSN,
  T_CREDIT_CARD,
  T_DATE_OF_BIRTH,
  T_EMAIL,
  T_IBAN,
  T_ICCID,
  T_IMEI,
  T_IMSI,
  T_IP,
  T_KVK,
  T_LICENSE_PLATE,
  T_MAC,
  T_PASSPORT_NL,
  T_PERSON_NAME,
  T_PHONE,
  T_POSTCODE,
  T_VAT_NL,
} from './scanner.types.ts';
import {
  CARD_BRAND,
  checkIpv6,
  classifyCardPrefix,
  classifyImsi,
  classifyLicensePlate,
  classifyPhoneNsn,
  findCallingCodeLength,
  getIbanLength,
  hasPlausibleImeiPrefix,
  IMSI_NL,
  IMSI_NONE,
  isMacAddress,
  isPassportNlShape,
  isPlausibleBirthYear,
  isPostcodeLetters,
  isPrivateIpv4,
  isValidCalendarDate,
  PHONE_FIXED,
  PHONE_INVALID,
  PHONE_MOBILE,
  PLATE_MODERN,
  PLATE_NONE,
  parseIpv4,
  passesElfproef,
  passesIbanCheck,
  passesLuhn,
  passesVatNlCheck,
  readCallingCode,
} from './scanner.validators.ts';

// Byte classes. A "word" is a run of non-zero-class bytes; everything else (whitespace, quotes, brackets,
// ',', ';', '=', '&', …) ends a word. Only words holding a digit, '@' or ':' are analysed, which is what
// keeps the scan near memory speed on prose and logs.
const K_DIGIT = 1;
const K_UPPER = 2;
const K_LOWER = 4;
const K_HIGH = 8;
const K_AT = 16;
const K_COLON = 32;
const K_DOT = 64;
const K_DASH = 128;
const K_SLASH = 256;
const K_PLUS = 512;
const K_UNDER = 1024;
const K_OTHER = 2048;
const K_INTERESTING = K_DIGIT | K_AT | K_COLON;
// Only in a scanner's own loop table: K_DELIM ends a word, K_STRUCT also updates line/field/JSON state.
const K_DELIM = 0x4000;
const K_STRUCT = 0x8000;

const CLS = new Uint16Array(256);
for (let c = 48; c <= 57; c++) {
  CLS[c] = K_DIGIT;
}
for (let c = 65; c <= 90; c++) {
  CLS[c] = K_UPPER;
  CLS[c + 32] = K_LOWER;
}
for (let c = 128; c < 256; c++) {
  CLS[c] = K_HIGH;
}
// UTF-8 NBSP second byte / Latin-1 NBSP separate words like a space.
CLS[0xa0] = 0;
CLS[64] = K_AT;
CLS[58] = K_COLON;
CLS[46] = K_DOT;
CLS[45] = K_DASH;
CLS[47] = K_SLASH;
CLS[43] = K_PLUS;
CLS[95] = K_UNDER;
CLS[37] = K_OTHER;

const CH_NL = 10;
const CH_CR = 13;
const CH_SPACE = 32;
const CH_QUOTE = 34;
const CH_LPAREN = 40;
const CH_RPAREN = 41;
const CH_PLUS = 43;
const CH_DASH = 45;
const CH_DOT = 46;
const CH_SLASH = 47;
const CH_COLON = 58;
const CH_LT = 60;
const CH_AT = 64;
const CH_BACKSLASH = 92;
const CH_EQUALS = 61;

const MODE_TEXT = 0;
const MODE_LOG = 1;
const MODE_CSV = 2;
const MODE_JSON = 3;
const MODE_JSONL = 4;

const WINDOW_BYTES = 48;
const MAX_WORD = 128;
// Column sampling (after presidio-structured and Macie): the first SAMPLE_RECORDS rows of a CSV are fully
// analysed; a column that produced no finding there, is not free text and is not named like PII is then
// hopped over with indexOf. Every VERIFY_EVERY-th row is still analysed in full, and a finding in a skipped
// column turns skipping off for that column.
const SAMPLE_RECORDS = 1000;
const VERIFY_EVERY = 64;
const MAX_COLUMNS = 64;
// The same for JSON keys and log "key=value" pairs, counted per key.
const SAMPLE_KEY_VALUES = 300;
const LOG_KEY_CACHE = 256;

interface KeyStat {
  seen: number;
  findings: number;
  isText: boolean;
  isSkipped: boolean;
  info: KeyInfo;
}

function createKeyStat(info: KeyInfo = EMPTY_KEY_INFO): KeyStat {
  return { seen: 0, findings: 0, isText: false, isSkipped: false, info };
}

// Lower-case FNV-1a of a short byte span, for set membership without building a string.
function hashLower(buf: Uint8Array, s: number, e: number): number {
  let h = 0x811c9dc5 ^ (e - s);
  for (let i = s; i < e; i++) {
    const c = buf[i]!;
    h = Math.imul(h ^ (c >= 65 && c <= 90 ? c | 0x20 : c), 0x01000193);
  }
  // int32, not uint32: a small integer for the Set lookup rather than a heap number.
  return h | 0;
}

function hashLowerText(text: string): number {
  return hashLower(
    Uint8Array.from(text, (ch) => ch.charCodeAt(0)),
    0,
    text.length,
  );
}

// Counts one more value of a key and says whether this one may be hopped over.
function shouldSkipValue(stat: KeyStat): boolean {
  stat.seen++;
  if (stat.seen === SAMPLE_KEY_VALUES && stat.findings === 0 && !stat.isText) {
    stat.isSkipped = true;
  }
  return stat.isSkipped && stat.seen % VERIFY_EVERY !== 0;
}

function hasFreeText(buf: Uint8Array, s: number, e: number): boolean {
  for (let k = s; k + 1 < e; k++) {
    if (buf[k] === CH_SPACE && (CLS[buf[k + 1]!]! & (K_UPPER | K_LOWER | K_HIGH)) !== 0) {
      return true;
    }
  }
  return false;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isUpper(c: number): boolean {
  return c >= 65 && c <= 90;
}

function isLower(c: number): boolean {
  return c >= 97 && c <= 122;
}

function isAlpha(c: number): boolean {
  return isUpper(c) || isLower(c);
}

function isAlnum(c: number): boolean {
  return isDigit(c) || isUpper(c) || isLower(c);
}

function isHex(c: number): boolean {
  return isDigit(c) || ((c | 0x20) >= 97 && (c | 0x20) <= 102);
}

function toBytes(text: string): Uint8Array {
  return Uint8Array.from(text, (ch) => ch.charCodeAt(0));
}

const MONTHS = new Map<string, number>();
[
  ['januari', 'jan', 'january'],
  ['februari', 'feb', 'february'],
  ['maart', 'mrt', 'march', 'mar'],
  ['april', 'apr'],
  ['mei', 'may'],
  ['juni', 'jun', 'june'],
  ['juli', 'jul', 'july'],
  ['augustus', 'aug', 'august'],
  ['september', 'sep', 'sept'],
  ['oktober', 'okt', 'october', 'oct'],
  ['november', 'nov'],
  ['december', 'dec'],
].forEach((names, index) => {
  for (const name of names) {
    MONTHS.set(name, index + 1);
  }
});

// Role mailboxes reach a team, not a person, and do not count towards the person bounds.
const ROLE_MAILBOXES = new Set(
  [
    'info',
    'support',
    'noreply',
    'no-reply',
    'helpdesk',
    'servicedesk',
    'admin',
    'postmaster',
    'abuse',
    'sales',
    'billing',
    'facturen',
    'factuur',
    'klantenservice',
    'service',
    'contact',
    'privacy',
    'security',
    'webmaster',
    'hostmaster',
    'mailer-daemon',
    'root',
    'office',
    'administratie',
    'hr',
    'jobs',
    'marketing',
    'team',
    'hello',
    'hallo',
    'boekhouding',
    'finance',
    'it',
    'noc',
    'soc',
  ].map(hashLowerText),
);

const FILE_TLDS = new Set(
  ['png', 'jpg', 'jpeg', 'gif', 'svg', 'webp', 'css', 'js', 'map', 'ico', 'bmp', 'tif', 'tiff'].map(
    hashLowerText,
  ),
);

// Two upper-case letters after four digits that are units or codes, not postcode letters.
const NOT_POSTCODE_LETTERS = new Set([
  'KB',
  'MB',
  'GB',
  'TB',
  'PB',
  'KM',
  'CM',
  'MM',
  'MG',
  'KG',
  'HZ',
  'PX',
  'MS',
  'AM',
  'PM',
  'BC',
  'AD',
  'CE',
  'EU',
  'US',
  'UK',
  'NL',
  'DE',
  'BE',
  'FR',
  'ST',
  'ND',
  'RD',
  'TH',
  'EN',
  'OF',
  'IN',
  'OP',
  'TO',
  'ON',
  'AT',
  'BY',
  'IS',
  'OK',
  'ID',
  'PC',
  'TV',
]);

const TUSSENVOEGSELS = new Set([
  'van',
  'de',
  'der',
  'den',
  'het',
  'ten',
  'ter',
  'te',
  'in',
  "'t",
  'op',
  'la',
  'le',
  'du',
  'da',
  'dos',
  'von',
  'zu',
  'vd',
  'v.d.',
  'el',
  'al',
  'bin',
]);

const NAME_TITLES = new Set([
  'heer',
  'meneer',
  'mevrouw',
  'mevr',
  'mevr.',
  'dhr',
  'dhr.',
  'mr',
  'mr.',
  'mrs',
  'mrs.',
  'ms',
  'ms.',
  'dr',
  'dr.',
  'drs',
  'drs.',
  'ir',
  'ir.',
  'familie',
  'fam.',
  'heer/mevrouw',
]);

const GREETINGS = ['beste ', 'geachte ', 'dear ', 'hallo ', 'hoi ', 'hi ', 'hey '].map(toBytes);
const NAME_HEADERS = ['from:', 'van:', 'to:', 'aan:', 'cc:'].map(toBytes);
const NAME_LABELS = ['naam:', 'name:', 'klantnaam:', 'contactpersoon:'].map(toBytes);
const SIGN_OFFS = new Set([
  'met vriendelijke groet',
  'met vriendelijke groeten',
  'vriendelijke groet',
  'vriendelijke groeten',
  'met hartelijke groet',
  'hartelijke groet',
  'hartelijke groeten',
  'groet',
  'groeten',
  'mvg',
  'met groet',
  'kind regards',
  'best regards',
  'regards',
  'with kind regards',
  'cheers',
  'thanks',
  'bedankt',
  'alvast bedankt',
]);
const ID_HEADERS = ['message-id:', 'in-reply-to:', 'references:'].map(toBytes);
const MBOX_FROM = toBytes('From ');
const HEADER_FROM = toBytes('From:');

// Words no detector can use, decided without a call: short numbers not followed by a space or parenthesis
// (which could start a spaced value such as "020 123 4567" or "7 feb 1976") and clock times.
function isPlainShortWord(buf: Uint8Array, s: number, e: number, flags: number): boolean {
  const len = e - s;
  if (flags === K_DIGIT) {
    const next = buf[e]!;
    return len < 8 && next !== CH_SPACE && next !== CH_LPAREN && next !== CH_RPAREN;
  }
  return flags === (K_DIGIT | K_COLON) && len <= 8;
}

// The decimal digits of a non-negative integer, as String(value) would give them, without building a string.
function addDecimal(h: KeyedHasher, value: number): void {
  let scale = 1;
  while (scale * 10 <= value) {
    scale *= 10;
  }
  for (; scale >= 1; scale /= 10) {
    const digit = Math.floor(value / scale) % 10;
    h.add(48 + digit);
  }
}

function phonePersonKind(kind: number): number {
  return kind === PHONE_MOBILE ? PERSON_STRICT : kind === PHONE_FIXED ? PERSON_SHARED : PERSON_NONE;
}

export interface FindingSink {
  add(
    type: number,
    offset: number,
    length: number,
    confidence: number,
    h1: number,
    h2: number,
    personKind: number,
    buf: Uint8Array,
    start: number,
  ): void;
  startRecord(): void;
}

export interface ScannerConfig {
  format: FileFormat;
  separator: number;
  columns: KeyInfo[];
}

function modeOf(format: FileFormat): number {
  switch (format) {
    case 'csv':
      return MODE_CSV;
    case 'json':
      return MODE_JSON;
    case 'jsonl':
      return MODE_JSONL;
    case 'log':
      return MODE_LOG;
    default:
      return MODE_TEXT;
  }
}

// Hash modes: how a value is normalised before hashing so that "06-12345678" and "+31612345678", or an IBAN
// with and without spaces, count as one distinct value.
const H_DIGITS = 0;
const H_ALNUM_UPPER = 1;
const H_LOWER = 2;

export class ByteScanner {
  private buf: Uint8Array = new Uint8Array(0);
  private base = 0;
  private end = 0;
  private readonly mode: number;
  private readonly separator: number;
  private readonly columns: KeyInfo[];
  private readonly digits = new Uint8Array(64);
  private readonly chars = new Uint8Array(64);
  private readonly groupEnds = new Int32Array(24);
  private readonly groupDigits = new Int32Array(24);
  private readonly phoneEnds = new Int32Array(24);
  private readonly phoneCounts = new Int32Array(24);

  private lineStartAbs = 0;
  private fieldStartAbs = 0;
  private col = 0;
  private isInQuote = false;
  private isInString = false;
  private stringStartAbs = 0;
  private lastKey: KeyInfo = EMPTY_KEY_INFO;
  private readonly keyStack: KeyInfo[] = [];
  private readonly containerStack: number[] = [];
  private recordDepth = -1;
  private isSkippingWord = false;
  private openStart = 0;
  private openFlags = 0;
  private isLineStartPending = true;
  private expectNameLines = 0;
  private readonly cls = new Uint16Array(256);
  private cut = 0;
  private records = 0;
  private isFullRecord = true;
  private readonly colFindings = new Uint32Array(MAX_COLUMNS);
  private readonly colIsText = new Uint8Array(MAX_COLUMNS);
  private readonly colSkip = new Uint8Array(MAX_COLUMNS);
  private hasSkippableColumns = false;
  private readonly jsonKeyStats = new Map<KeyInfo, KeyStat>();
  private jsonKeyStat: KeyStat | null = null;
  private readonly logKeyStats = new Map<number, KeyStat>();
  private readonly logKeyCacheHashes = new Int32Array(LOG_KEY_CACHE);
  private readonly logKeyCache: (KeyStat | undefined)[] = new Array<KeyStat | undefined>(LOG_KEY_CACHE).fill(
    undefined,
  );
  private logKeyStat: KeyStat | null = null;
  private logValueStart = -1;

  constructor(
    config: ScannerConfig,
    private readonly sink: FindingSink,
    private readonly hasher: KeyedHasher,
  ) {
    this.mode = modeOf(config.format);
    this.separator = config.separator;
    this.columns = config.columns;
    for (let c = 0; c < 256; c++) {
      this.cls[c] = CLS[c] !== 0 ? CLS[c]! : K_DELIM;
    }
    const structural = [CH_NL];
    if (this.mode === MODE_CSV) {
      structural.push(this.separator, CH_QUOTE);
    } else if (this.mode === MODE_JSON || this.mode === MODE_JSONL) {
      structural.push(CH_QUOTE, 123, 125, 91, 93);
    } else if (this.mode === MODE_LOG) {
      structural.push(CH_EQUALS);
    }
    for (const c of structural) {
      this.cls[c] = K_DELIM | K_STRUCT;
    }
  }

  resetPosition(startAbs: number): void {
    this.lineStartAbs = startAbs;
    this.fieldStartAbs = startAbs;
    this.col = 0;
    this.isInQuote = false;
    this.isLineStartPending = true;
  }

  // Scans words that start in [from, cut); words and spaced values may run on up to `end`. Returns where the
  // next call must continue (≥ cut), so a value crossing a chunk border is seen exactly once.
  scan(buf: Uint8Array, from: number, cut: number, end: number, base: number, isFinal: boolean): number {
    this.buf = buf;
    this.base = base;
    this.end = end;
    this.cut = cut;
    let i = from;
    if (this.isSkippingWord) {
      i = this.skipLongWord(from, end);
      if (i >= end && !isFinal) {
        return end;
      }
    }
    if (this.isLineStartPending && i < end) {
      this.isLineStartPending = false;
      this.onLineStart(i);
    }
    i = this.scanWords(buf, i, cut);
    if (this.openFlags === 0) {
      return i;
    }
    return this.finishOpenWord(i, end, isFinal);
  }

  private skipLongWord(from: number, end: number): number {
    let i = from;
    while (i < end && CLS[this.buf[i]!] !== 0) {
      i++;
    }
    if (i < end) {
      this.isSkippingWord = false;
    }
    return i;
  }

  // The hot loop: one table lookup per byte; only words holding a digit, '@' or ':' are analysed. Kept small
  // and free of rare branches so V8 keeps it optimised.
  private scanWords(buf: Uint8Array, from: number, cut: number): number {
    const cls = this.cls;
    let i = from;
    let wordStart = from;
    let flags = 0;
    while (i < cut) {
      const k = cls[buf[i]!]!;
      if (k < K_DELIM) {
        flags |= k;
        i++;
        continue;
      }
      if ((flags & K_INTERESTING) !== 0 && !isPlainShortWord(buf, wordStart, i, flags)) {
        const next = this.analyzeWord(wordStart, i, flags);
        if (next > i) {
          i = next;
          wordStart = i;
          flags = 0;
          continue;
        }
      }
      flags = 0;
      i = k >= K_STRUCT ? this.onStructural(buf[i]!, i) : i + 1;
      wordStart = i;
    }
    this.openStart = wordStart;
    this.openFlags = flags;
    return i;
  }

  // A word still open at the cut is finished from the look-ahead bytes.
  private finishOpenWord(i: number, end: number, isFinal: boolean): number {
    const buf = this.buf;
    let flags = this.openFlags;
    this.openFlags = 0;
    let j = i;
    while (j < end && CLS[buf[j]!] !== 0) {
      flags |= CLS[buf[j]!]!;
      j++;
    }
    if (j < end || isFinal) {
      if ((flags & K_INTERESTING) !== 0) {
        return Math.max(this.analyzeWord(this.openStart, j, flags), j);
      }
      return j;
    }
    // A word longer than the look-ahead margin (base64, a 2 GB line without spaces) holds nothing we detect.
    this.isSkippingWord = true;
    return end;
  }

  // ---- structure: lines, CSV fields, JSON strings and records ----

  // Returns where the loop continues: the next byte, or the end of a CSV field that is hopped over.
  private onStructural(c: number, i: number): number {
    if (c === CH_NL) {
      this.onNewline(i);
      return this.hasSkippableColumns ? this.enterField(i + 1) : i + 1;
    }
    const mode = this.mode;
    if (mode === MODE_CSV) {
      if (c === this.separator && !this.isInQuote) {
        this.endField(i);
        this.col++;
        this.fieldStartAbs = this.base + i + 1;
        return this.hasSkippableColumns ? this.enterField(i + 1) : i + 1;
      }
      if (c === CH_QUOTE) {
        this.isInQuote = !this.isInQuote;
      }
    } else if (mode === MODE_LOG) {
      if (c === CH_EQUALS) {
        return this.onLogKey(i);
      }
    } else if (mode === MODE_JSON || mode === MODE_JSONL) {
      if (c === CH_QUOTE) {
        return this.onJsonQuote(i);
      }
      if (!this.isInString) {
        if (c === 123 || c === 91) {
          this.openContainer(c);
        } else if (c === 125 || c === 93) {
          this.closeContainer();
        }
      }
    }
    return i + 1;
  }

  private enterField(p: number): number {
    const col = this.col;
    if (this.isFullRecord || col >= MAX_COLUMNS || this.colSkip[col] === 0 || this.isInQuote) {
      return p;
    }
    const buf = this.buf;
    if (p >= this.cut || buf[p] === CH_QUOTE) {
      return p;
    }
    // The field ends at the next separator or line break; a byte loop, as fields are short and a
    // Buffer.indexOf call costs more than the bytes it would skip.
    const sep = this.separator;
    const cut = this.cut;
    for (let q = p; q < cut; q++) {
      const c = buf[q]!;
      if (c === sep || c === CH_NL) {
        return q;
      }
    }
    return p;
  }

  private decideSkippableColumns(): void {
    const count = Math.min(MAX_COLUMNS, Math.max(this.columns.length, 1));
    let isAny = false;
    for (let col = 0; col < count; col++) {
      const info = this.columns[col];
      const isNamedPii = info !== undefined && (info.promote !== 0 || info.isName);
      if (this.colFindings[col] === 0 && this.colIsText[col] === 0 && !isNamedPii) {
        this.colSkip[col] = 1;
        isAny = true;
      }
    }
    this.hasSkippableColumns = isAny;
  }

  private onNewline(i: number): void {
    const mode = this.mode;
    if (mode === MODE_CSV) {
      // A quoted field may hold a line break; keep the record open while the quote is, up to 64 KiB.
      if (this.isInQuote && this.base + i - this.fieldStartAbs < 65536) {
        return;
      }
      this.endField(i);
      this.isInQuote = false;
      this.col = 0;
      this.fieldStartAbs = this.base + i + 1;
      this.sink.startRecord();
      this.records++;
      if (this.records === SAMPLE_RECORDS) {
        this.decideSkippableColumns();
      }
      this.isFullRecord = this.records < SAMPLE_RECORDS || this.records % VERIFY_EVERY === 0;
    } else if (mode === MODE_JSONL) {
      this.isInString = false;
      this.keyStack.length = 0;
      this.containerStack.length = 0;
      this.lastKey = EMPTY_KEY_INFO;
      this.sink.startRecord();
    } else if (mode === MODE_LOG) {
      this.sink.startRecord();
    } else if (mode === MODE_TEXT) {
      this.onTextLine(Math.max(0, this.lineStartAbs - this.base), i);
    }
    this.lineStartAbs = this.base + i + 1;
    if (i + 8 < this.end) {
      this.onLineStart(i + 1);
    } else {
      this.isLineStartPending = true;
    }
  }

  private onLineStart(pos: number): void {
    if (this.mode !== MODE_TEXT) {
      return;
    }
    // A new message in an mbox or a mail export starts a new record.
    if (
      this.startsWith(pos, this.end, MBOX_FROM, false) ||
      this.startsWith(pos, this.end, HEADER_FROM, false)
    ) {
      this.sink.startRecord();
    }
  }

  private endField(i: number): void {
    const col = this.col;
    const info = this.columns[col];
    if (info?.isName) {
      this.emitNameSpan(Math.max(0, this.fieldStartAbs - this.base), i, C_HIGH);
    }
    if (this.records < SAMPLE_RECORDS && this.records > 0 && col < MAX_COLUMNS && this.colIsText[col] === 0) {
      // Free text (a space followed by a letter) is never skipped: a note column may hold anything.
      const buf = this.buf;
      for (let k = Math.max(0, this.fieldStartAbs - this.base); k + 1 < i; k++) {
        if (buf[k] === CH_SPACE && (CLS[buf[k + 1]!]! & (K_UPPER | K_LOWER | K_HIGH)) !== 0) {
          this.colIsText[col] = 1;
          break;
        }
      }
    }
  }

  private onJsonQuote(i: number): number {
    const buf = this.buf;
    if (!this.isInString) {
      this.isInString = true;
      this.stringStartAbs = this.base + i + 1;
      return i + 1;
    }
    let j = i - 1;
    while (j >= 0 && buf[j] === CH_BACKSLASH) {
      j--;
    }
    if ((i - 1 - j) % 2 === 1) {
      return i + 1;
    }
    this.isInString = false;
    const start = Math.max(0, this.stringStartAbs - this.base);
    let k = i + 1;
    while (k < this.end && (buf[k] === CH_SPACE || buf[k] === 9)) {
      k++;
    }
    if (k < this.end && buf[k] === CH_COLON) {
      const key = i - start <= 64 ? lookupKeyBytes(buf, start, i) : EMPTY_KEY_INFO;
      this.lastKey = key;
      return this.enterJsonValue(key, k + 1);
    }
    if (this.lastKey.isName) {
      this.emitNameSpan(start, i, C_HIGH);
    }
    const stat = this.jsonKeyStat;
    if (stat && !stat.isText && stat.seen < SAMPLE_KEY_VALUES && hasFreeText(buf, start, i)) {
      stat.isText = true;
    }
    return i + 1;
  }

  // After `"key":` — a scalar value of a key that never held PII in its sample is hopped over.
  private enterJsonValue(key: KeyInfo, p: number): number {
    let stat = this.jsonKeyStats.get(key);
    if (!stat) {
      if (this.jsonKeyStats.size > 10_000) {
        this.jsonKeyStats.clear();
      }
      stat = createKeyStat();
      this.jsonKeyStats.set(key, stat);
    }
    this.jsonKeyStat = stat;
    const buf = this.buf;
    const end = this.cut;
    let q = p;
    while (q < end && (buf[q] === CH_SPACE || buf[q] === 9)) {
      q++;
    }
    if (q >= end || key.promote !== 0 || key.isName) {
      return p;
    }
    const c = buf[q]!;
    if (c === 123 || c === 91) {
      return p;
    }
    if (!shouldSkipValue(stat)) {
      return p;
    }
    if (c === CH_QUOTE) {
      let r = buf.indexOf(CH_QUOTE, q + 1);
      while (r > 0 && r < end && buf[r - 1] === CH_BACKSLASH) {
        r = buf.indexOf(CH_QUOTE, r + 1);
      }
      return r > 0 && r < end && buf.lastIndexOf(CH_NL, r) < q ? r + 1 : p;
    }
    let r = q;
    while (r < end && buf[r] !== 44 && buf[r] !== 125 && buf[r] !== 93 && buf[r] !== CH_NL) {
      r++;
    }
    return r;
  }

  // Log "key=value": the value of a key that never held PII in its sample is hopped over.
  private onLogKey(i: number): number {
    const buf = this.buf;
    // The key is read backwards from the '=' and hashed on the way (FNV-1a over its bytes in reverse order).
    let s = i;
    let h = 0x811c9dc5;
    while (s > 0 && i - s < 32) {
      const c = buf[s - 1]!;
      if (CLS[c] === 0) {
        break;
      }
      h = Math.imul(h ^ c, 0x01000193);
      s--;
    }
    if (s === i) {
      return i + 1;
    }
    // A direct-mapped cache in front of the map: a log line repeats the same few keys.
    const slot = h & (LOG_KEY_CACHE - 1);
    let stat = this.logKeyCacheHashes[slot] === h ? this.logKeyCache[slot] : undefined;
    if (!stat) {
      stat = this.lookupLogKey(h, s, i);
      this.logKeyCacheHashes[slot] = h;
      this.logKeyCache[slot] = stat;
    }
    this.logKeyStat = stat;
    this.logValueStart = i + 1;
    const first = buf[i + 1];
    if (first === CH_QUOTE || first === undefined || !shouldSkipValue(stat)) {
      return i + 1;
    }
    // The value ends at the next space or line break (a byte loop, see enterField).
    const cut = this.cut;
    for (let q = i + 1; q < cut; q++) {
      const c = buf[q]!;
      if (c === CH_SPACE || c === CH_NL) {
        return q;
      }
    }
    return i + 1;
  }

  private lookupLogKey(h: number, s: number, i: number): KeyStat {
    let stat = this.logKeyStats.get(h);
    if (!stat) {
      if (this.logKeyStats.size > 10_000) {
        this.logKeyStats.clear();
        this.logKeyCacheHashes.fill(0);
        this.logKeyCache.fill(undefined);
      }
      stat = createKeyStat(lookupKeyBytes(this.buf, s, i));
      this.logKeyStats.set(h, stat);
    }
    return stat;
  }

  private openContainer(c: number): void {
    const depth = this.containerStack.length;
    if (
      this.mode === MODE_JSON &&
      c === 123 &&
      this.recordDepth < 0 &&
      this.containerStack[depth - 1] === 91
    ) {
      // The first object found inside an array sets the record level: each element is one record.
      this.recordDepth = depth;
    }
    if (depth < 256) {
      this.containerStack.push(c);
      this.keyStack.push(this.lastKey);
    }
  }

  private closeContainer(): void {
    if (this.containerStack.length === 0) {
      return;
    }
    this.containerStack.pop();
    this.lastKey = this.keyStack.pop() ?? EMPTY_KEY_INFO;
    if (this.mode === MODE_JSON && this.containerStack.length === this.recordDepth) {
      this.sink.startRecord();
    }
  }

  // ---- context ----

  private context(type: number, s: number): number {
    const mode = this.mode;
    let floor = Math.max(0, this.lineStartAbs - this.base);
    if (mode === MODE_LOG && s === this.logValueStart && this.logKeyStat) {
      // "src=203.0.113.5": the key right before the value decides, as a column name would.
      const ctx = readKeyContext(this.logKeyStat.info, type);
      if (ctx !== CTX_NONE) {
        return ctx;
      }
    }
    if (mode === MODE_CSV) {
      const info = this.columns[this.col];
      if (info) {
        const ctx = readKeyContext(info, type);
        if (ctx !== CTX_NONE) {
          return ctx;
        }
      }
      floor = Math.max(floor, this.fieldStartAbs - this.base);
    } else if (mode === MODE_JSON || mode === MODE_JSONL) {
      const ctx = readKeyContext(this.lastKey, type);
      if (ctx !== CTX_NONE) {
        return ctx;
      }
      // The key path: an enclosing key such as "bsn": {"value": …} still says what the value is. Enclosing
      // keys only promote: a collection called "customers" or "orders" says nothing about one field in it.
      const stack = this.keyStack;
      const bit = 1 << type;
      for (let d = stack.length - 1; d >= 0 && d >= stack.length - 3; d--) {
        if ((stack[d]!.promote & bit) !== 0) {
          return CTX_PROMOTE;
        }
      }
      if (this.isInString) {
        floor = Math.max(floor, this.stringStartAbs - this.base);
      }
    }
    return readWindowContext(this.buf, s, floor, type, WINDOW_BYTES);
  }

  // ---- emission ----

  private hashSpan(type: number, s: number, e: number, how: number): void {
    const h = this.hasher;
    const buf = this.buf;
    if (e - s <= HASH_BUFFER) {
      // Normalised bytes go straight into the hasher's buffer, hashed in one pass.
      const out = h.bytes;
      let n = 0;
      if (how === H_DIGITS) {
        for (let i = s; i < e; i++) {
          const c = buf[i]!;
          if (c >= 48 && c <= 57) {
            out[n++] = c;
          }
        }
      } else if (how === H_ALNUM_UPPER) {
        for (let i = s; i < e; i++) {
          const c = buf[i]!;
          if (c >= 97 && c <= 122) {
            out[n++] = c - 32;
          } else if (c !== CH_SPACE && c !== CH_DASH && c !== CH_DOT) {
            out[n++] = c;
          }
        }
      } else {
        for (let i = s; i < e; i++) {
          const c = buf[i]!;
          if (c !== CH_SPACE) {
            out[n++] = c >= 65 && c <= 90 ? c + 32 : c;
          }
        }
      }
      h.hashBuffer(type, n);
      return;
    }
    h.begin(type);
    if (how === H_DIGITS) {
      for (let i = s; i < e; i++) {
        const c = buf[i]!;
        if (c >= 48 && c <= 57) {
          h.add(c);
        }
      }
    } else if (how === H_ALNUM_UPPER) {
      for (let i = s; i < e; i++) {
        const c = buf[i]!;
        if (c >= 97 && c <= 122) {
          h.add(c - 32);
        } else if (c !== CH_SPACE && c !== CH_DASH && c !== CH_DOT) {
          h.add(c);
        }
      }
    } else {
      for (let i = s; i < e; i++) {
        const c = buf[i]!;
        if (c !== CH_SPACE) {
          h.add(c >= 65 && c <= 90 ? c + 32 : c);
        }
      }
    }
    h.finish();
  }

  private hashDigits(type: number, prefix: number, n: number): void {
    const h = this.hasher;
    if (prefix < 0) {
      const out = h.bytes;
      const d = this.digits;
      for (let i = 0; i < n; i++) {
        out[i] = 48 + d[i]!;
      }
      h.hashBuffer(type, n);
      return;
    }
    h.begin(type);
    addDecimal(h, prefix);
    for (let i = 0; i < n; i++) {
      h.add(48 + this.digits[i]!);
    }
    h.finish();
  }

  private emit(type: number, s: number, e: number, confidence: number, personKind: number): void {
    const mode = this.mode;
    if (mode === MODE_CSV) {
      if (this.col < MAX_COLUMNS) {
        this.colFindings[this.col]! += 1;
        this.colSkip[this.col] = 0;
      }
    } else if (mode === MODE_JSON || mode === MODE_JSONL) {
      const stat = this.jsonKeyStat;
      if (stat) {
        stat.findings++;
        stat.isSkipped = false;
      }
    } else if (
      mode === MODE_LOG &&
      this.logKeyStat &&
      s >= this.logValueStart &&
      s - this.logValueStart < 64 &&
      !this.hasSpaceBetween(this.logValueStart, s)
    ) {
      this.logKeyStat.findings++;
      this.logKeyStat.isSkipped = false;
    }
    this.sink.add(
      type,
      this.base + s,
      e - s,
      confidence,
      this.hasher.h1,
      this.hasher.h2,
      personKind,
      this.buf,
      s,
    );
  }

  private hasSpaceBetween(from: number, to: number): boolean {
    const buf = this.buf;
    for (let k = from; k <= to; k++) {
      if (buf[k] === CH_SPACE) {
        return true;
      }
    }
    return false;
  }

  private emitSpan(
    type: number,
    s: number,
    e: number,
    confidence: number,
    how: number,
    personKind: number,
  ): void {
    this.hashSpan(type, s, e, how);
    this.emit(type, s, e, confidence, personKind);
  }

  // ---- words ----

  private analyzeWord(s: number, e: number, flags: number): number {
    const buf = this.buf;
    // Sentence punctuation around a value is not part of it: "BSN 123456782." or "-0612345678-".
    while (e > s) {
      const c = buf[e - 1]!;
      if (c === CH_DOT || c === CH_COLON || c === CH_DASH || c === CH_SLASH || c === 95 || c === CH_PLUS) {
        e--;
      } else {
        break;
      }
    }
    while (s < e) {
      const c = buf[s]!;
      if (c === CH_DOT || c === CH_COLON || c === CH_DASH || c === CH_SLASH || c === 95) {
        s++;
      } else {
        break;
      }
    }
    const len = e - s;
    if (len < 2 && !(len === 1 && e < this.end && buf[e] === CH_SPACE && isDigit(buf[s]!))) {
      return 0;
    }
    if ((flags & K_AT) !== 0) {
      this.findEmails(s, e);
      return 0;
    }
    if (len > MAX_WORD) {
      return 0;
    }
    if ((flags & K_COLON) !== 0) {
      // "kernel:", "Subject:" — the only colon was trailing punctuation and nothing else is interesting.
      if ((flags & K_DIGIT) === 0 && buf.indexOf(CH_COLON, s) >= e) {
        return 0;
      }
      this.analyzeColonWord(s, e);
      return 0;
    }
    if ((flags & K_SLASH) !== 0) {
      this.analyzeSlashWord(s, e);
      return 0;
    }
    if ((flags & K_UNDER) !== 0) {
      let p = s;
      for (let i = s; i <= e; i++) {
        if (i === e || buf[i] === 95) {
          if (i - p >= 2) {
            this.analyzeSegment(p, i, false);
          }
          p = i + 1;
        }
      }
      return 0;
    }
    if (flags === K_DIGIT) {
      return this.analyzeDigits(s, e, true);
    }
    return this.analyzeSegment(s, e, true);
  }

  private analyzeColonWord(s: number, e: number): void {
    const buf = this.buf;
    // ISO timestamps ("2024-05-01T10:22:33Z") are the most common colon words in logs.
    if (
      e - s >= 13 &&
      buf[s + 4] === CH_DASH &&
      buf[s + 7] === CH_DASH &&
      (buf[s + 10] === 84 || buf[s + 10] === 116)
    ) {
      return;
    }
    let colons = 0;
    let isHexy = true;
    let maxGroup = 0;
    let group = 0;
    let hasDoubleColon = false;
    for (let i = s; i < e; i++) {
      const c = buf[i]!;
      if (c === CH_COLON) {
        colons++;
        if (i > s && buf[i - 1] === CH_COLON) {
          hasDoubleColon = true;
        }
        group = 0;
      } else {
        group++;
        if (group > maxGroup) {
          maxGroup = group;
        }
        if (!isHex(c) && c !== CH_DOT && c !== 37) {
          isHexy = false;
        }
      }
    }
    if (colons === 2 && maxGroup <= 2 && e - s <= 8) {
      return;
    }
    if (isHexy && colons >= 2 && (hasDoubleColon || colons === 7) && maxGroup <= 4 + 11) {
      this.tryIpv6(s, e);
      return;
    }
    // MAC inside a colon word: exactly six two-digit hex groups, bounded by the word or by a longer group
    // ("MAC:aa:bb:cc:dd:ee:ff"); seven or more groups are fingerprints, not MACs.
    let p = s;
    let runStart = -1;
    let run = 0;
    for (let i = s; i <= e; i++) {
      if (i === e || buf[i] === CH_COLON) {
        const isPair = i - p === 2 && isHex(buf[p]!) && isHex(buf[p + 1]!);
        if (isPair) {
          if (run === 0) {
            runStart = p;
          }
          run++;
        } else {
          if (run === 6) {
            this.tryMac(runStart, p - 1);
          }
          run = 0;
          if (i - p >= 2) {
            this.analyzeSegment(p, i, false);
          }
        }
        p = i + 1;
      }
    }
    if (run === 6) {
      this.tryMac(runStart, e);
    }
  }

  private analyzeSlashWord(s: number, e: number): void {
    const buf = this.buf;
    if (e - s <= 10 && this.tryDate(s, e)) {
      return;
    }
    let p = s;
    for (let i = s; i <= e; i++) {
      if (i === e || buf[i] === CH_SLASH) {
        if (i - p >= 2) {
          // A CIDR suffix after an IPv4 address: "10.0.0.0/8".
          this.analyzeSegment(p, i, false);
        }
        p = i + 1;
      }
    }
  }

  // A segment holds letters, digits and . - + (no ':' '/' '_' '@'). Returns the consumed end when a spaced
  // value was joined ("NL91 ABNA 0417 1643 00"), else 0.
  private analyzeSegment(s: number, e: number, isWholeWord: boolean): number {
    const buf = this.buf;
    const len = e - s;
    let nDigit = 0;
    let nUpper = 0;
    let nLower = 0;
    let nDot = 0;
    let nDash = 0;
    let nPlus = 0;
    let nOther = 0;
    for (let i = s; i < e; i++) {
      const k = CLS[buf[i]!]!;
      if (k === K_DIGIT) {
        nDigit++;
      } else if (k === K_UPPER) {
        nUpper++;
      } else if (k === K_LOWER) {
        nLower++;
      } else if (k === K_DOT) {
        nDot++;
      } else if (k === K_DASH) {
        nDash++;
      } else if (k === K_PLUS) {
        nPlus++;
      } else {
        nOther++;
      }
    }
    if (nDigit === 0 && nUpper + nLower !== 12) {
      return 0;
    }
    const first = buf[s]!;
    if (nDigit === len) {
      return this.analyzeDigits(s, e, isWholeWord);
    }
    if (nOther > 0) {
      return 0;
    }
    if (first === CH_PLUS && nUpper + nLower === 0) {
      return isWholeWord ? this.tryPhone(s, true) : 0;
    }
    if (nUpper + nLower === 0 && nPlus === 0) {
      if (nDash === 0) {
        this.analyzeDottedDigits(s, e, nDot);
        return 0;
      }
      if (nDot === 0) {
        return this.analyzeDashedDigits(s, e, nDash, isWholeWord);
      }
      return 0;
    }
    if (nPlus > 0) {
      return 0;
    }
    // Letters and digits.
    if (nDash === 0 && nDot === 0) {
      return this.analyzeAlnum(s, e, nDigit, nUpper, nLower, isWholeWord);
    }
    if (nDot === 0) {
      this.analyzeDashedAlnum(s, e, nDash);
    } else if (nDot === 2 && nDash === 0 && len === 14) {
      this.tryMac(s, e);
    }
    return 0;
  }

  private analyzeDigits(s: number, e: number, isWholeWord: boolean): number {
    const buf = this.buf;
    const len = e - s;
    const end = this.end;
    if (isWholeWord && e < end) {
      const next = buf[e]!;
      if (next === CH_SPACE && e + 1 < end) {
        const after = buf[e + 1]!;
        if (isDigit(after)) {
          const consumed = this.trySpacedDigits(s, e);
          if (consumed > 0) {
            return consumed;
          }
        } else if (after === CH_DASH && buf[s] === 48) {
          const consumed = this.tryPhone(s, false);
          if (consumed > 0) {
            return consumed;
          }
        } else if (len === 4 && isAlpha(after)) {
          if (this.trySpacedPostcode(s, e)) {
            return 0;
          }
        } else if (len <= 2 && (isLower(after) || isUpper(after))) {
          const consumed = this.tryMonthDate(s, e);
          if (consumed > 0) {
            return consumed;
          }
        }
      } else if ((next === CH_LPAREN || next === CH_RPAREN) && buf[s] === 48) {
        const consumed = this.tryPhone(s, false);
        if (consumed > 0) {
          return consumed;
        }
      }
    }
    if (len < 8) {
      return 0;
    }
    const d = this.digits;
    if (len > 40) {
      return 0;
    }
    for (let i = 0; i < len; i++) {
      d[i] = buf[s + i]! - 48;
    }
    if (d[0] === 0) {
      const consumed = this.tryPhone(s, false);
      if (consumed > 0) {
        return consumed;
      }
      // BSNs, IMEIs (TAC 01…) and KvK numbers may start with 0; phone numbers are tried first.
      if (len === 10 || len === 11 || len === 12 || len === 13) {
        return 0;
      }
    }
    switch (len) {
      case 8:
        this.tryEightDigits(s, e);
        return 0;
      case 9:
        this.tryNineDigits(s, e);
        return 0;
      case 10:
        return 0;
      case 11:
        this.tryE164WithoutPlus(s, e);
        return 0;
      case 12:
        this.tryE164WithoutPlus(s, e);
        this.tryCard(s, e, len);
        return 0;
      case 13:
      case 14:
        if (!this.tryImsi(s, e, len)) {
          this.tryCard(s, e, len);
        }
        return 0;
      case 15:
        if (!this.tryImsi(s, e, len) && !this.tryImei(s, e)) {
          this.tryCard(s, e, len);
        }
        return 0;
      case 16:
        if (!this.tryCard(s, e, len) && this.context(T_IMEI, s) === CTX_PROMOTE) {
          // IMEISV: 14 digits of IMEI + 2-digit software version, no check digit.
          this.hashSpan(T_IMEI, s, s + 14, H_DIGITS);
          this.emit(T_IMEI, s, e, C_HIGH, PERSON_STRICT);
        }
        return 0;
      case 17:
      case 18:
      case 19:
      case 20:
        if (!this.tryIccid(s, e, len)) {
          this.tryCard(s, e, len);
        }
        return 0;
      default:
        return 0;
    }
  }

  private tryEightDigits(s: number, e: number): void {
    const d = this.digits;
    if (this.context(T_KVK, s) === CTX_PROMOTE) {
      this.emitSpan(T_KVK, s, e, C_HIGH, H_DIGITS, PERSON_NONE);
      return;
    }
    if (passesElfproef(d, 8) && this.context(T_BSN, s) === CTX_PROMOTE) {
      this.hashDigits(T_BSN, 0, 8);
      this.emit(T_BSN, s, e, C_HIGH, PERSON_STRICT);
      return;
    }
    const year = d[0]! * 1000 + d[1]! * 100 + d[2]! * 10 + d[3]!;
    const month = d[4]! * 10 + d[5]!;
    const day = d[6]! * 10 + d[7]!;
    if (isPlausibleBirthYear(year) && isValidCalendarDate(year, month, day)) {
      if (this.context(T_DATE_OF_BIRTH, s) === CTX_PROMOTE) {
        this.emitSpan(T_DATE_OF_BIRTH, s, e, C_HIGH, H_DIGITS, PERSON_NONE);
      }
    }
  }

  private tryNineDigits(s: number, e: number): void {
    const d = this.digits;
    const phoneCtx = this.context(T_PHONE, s);
    if (phoneCtx === CTX_PROMOTE && d[0] !== 0) {
      const kind = classifyPhoneNsn(31, d, 0, 9);
      if (kind !== PHONE_INVALID) {
        this.hashDigits(T_PHONE, 31, 9);
        this.emit(T_PHONE, s, e, C_HIGH, phonePersonKind(kind));
        return;
      }
    }
    if (!passesElfproef(d, 9)) {
      return;
    }
    const ctx = this.context(T_BSN, s);
    if (ctx === CTX_DEMOTE) {
      return;
    }
    this.hashDigits(T_BSN, -1, 9);
    this.emit(T_BSN, s, e, ctx === CTX_PROMOTE ? C_HIGH : C_MEDIUM, PERSON_STRICT);
  }

  private tryE164WithoutPlus(s: number, e: number): void {
    const d = this.digits;
    const n = e - s;
    const ccLength = findCallingCodeLength(d, 0, n);
    if (ccLength === 0) {
      return;
    }
    const isNl = ccLength === 2 && d[0] === 3 && d[1] === 1;
    const ctx = this.context(T_PHONE, s);
    if (ctx === CTX_DEMOTE || (ctx === CTX_NONE && !isNl)) {
      return;
    }
    const kind = classifyPhoneNsn(readCallingCode(d, 0, ccLength), d, ccLength, n - ccLength);
    if (kind === PHONE_INVALID) {
      return;
    }
    const confidence = ctx === CTX_PROMOTE ? C_HIGH : kind === PHONE_MOBILE ? C_MEDIUM : C_LOW;
    this.hashSpan(T_PHONE, s, e, H_DIGITS);
    this.emit(T_PHONE, s, e, confidence, phonePersonKind(kind));
  }

  private tryImsi(s: number, e: number, n: number): boolean {
    const kind = classifyImsi(this.digits, n);
    if (kind === IMSI_NONE) {
      return false;
    }
    const ctx = this.context(T_IMSI, s);
    if (ctx === CTX_DEMOTE) {
      return true;
    }
    if (ctx === CTX_NONE && this.context(T_IMEI, s) === CTX_PROMOTE) {
      return false;
    }
    const confidence = ctx === CTX_PROMOTE ? C_HIGH : kind === IMSI_NL && n === 15 ? C_MEDIUM : C_LOW;
    this.emitSpan(T_IMSI, s, e, confidence, H_DIGITS, PERSON_STRICT);
    return true;
  }

  private tryImei(s: number, e: number): boolean {
    const d = this.digits;
    if (!passesLuhn(d, 15)) {
      return false;
    }
    const ctx = this.context(T_IMEI, s);
    if (ctx === CTX_DEMOTE) {
      return true;
    }
    if (ctx === CTX_PROMOTE) {
      this.emitSpan(T_IMEI, s, e, C_HIGH, H_DIGITS, PERSON_STRICT);
      return true;
    }
    if (!hasPlausibleImeiPrefix(d[0]!, d[1]!)) {
      return false;
    }
    if (this.context(T_CREDIT_CARD, s) === CTX_PROMOTE) {
      return false;
    }
    this.emitSpan(T_IMEI, s, e, C_MEDIUM, H_DIGITS, PERSON_STRICT);
    return true;
  }

  private tryIccid(s: number, e: number, n: number): boolean {
    const d = this.digits;
    if (d[0] !== 8 || d[1] !== 9) {
      return false;
    }
    const ctx = this.context(T_ICCID, s);
    if (ctx === CTX_DEMOTE) {
      return true;
    }
    const isLuhn = (n === 19 || n === 20) && passesLuhn(d, n);
    if (isLuhn || (ctx === CTX_PROMOTE && n >= 18)) {
      this.emitSpan(T_ICCID, s, e, C_HIGH, H_DIGITS, PERSON_STRICT);
      return true;
    }
    return false;
  }

  private tryCard(s: number, e: number, n: number): boolean {
    const d = this.digits;
    if (n < 12 || n > 19 || !passesLuhn(d, n) || classifyCardPrefix(d, n) !== CARD_BRAND) {
      return false;
    }
    const ctx = this.context(T_CREDIT_CARD, s);
    if (ctx === CTX_DEMOTE) {
      return true;
    }
    this.hashDigits(T_CREDIT_CARD, -1, n);
    this.emit(T_CREDIT_CARD, s, e, ctx === CTX_PROMOTE ? C_HIGH : C_MEDIUM, PERSON_STRICT);
    return true;
  }

  // Digit groups separated by single spaces: "123 456 782", "4111 1111 1111 1111", "020 123 4567".
  private trySpacedDigits(s: number, e: number): number {
    const buf = this.buf;
    const end = this.end;
    const ends = this.groupEnds;
    const counts = this.groupDigits;
    let groups = 1;
    ends[0] = e;
    counts[0] = e - s;
    let total = e - s;
    let p = e;
    while (groups < 6 && p + 1 < end && buf[p] === CH_SPACE && isDigit(buf[p + 1]!)) {
      let q = p + 1;
      while (q < end && isDigit(buf[q]!)) {
        q++;
      }
      if (q < end && CLS[buf[q]!] !== 0 && buf[q] !== CH_DOT && buf[q] !== CH_DASH) {
        break;
      }
      ends[groups] = q;
      counts[groups] = q - p - 1;
      total += q - p - 1;
      groups++;
      p = q;
      if (total > 20) {
        break;
      }
    }
    if (groups === 1) {
      return 0;
    }
    const d = this.digits;
    let k = 0;
    for (let i = s; i < ends[groups - 1]! && k < 40; i++) {
      const c = buf[i]!;
      if (isDigit(c)) {
        d[k++] = c - 48;
      }
    }
    if (d[0] === 0) {
      const consumed = this.tryPhone(s, false);
      if (consumed > 0) {
        return consumed;
      }
    }
    // Cards: 4-4-4-4(-3) or Amex 4-6-5.
    let digitsSoFar = 0;
    for (let g = 0; g < groups; g++) {
      digitsSoFar += counts[g]!;
      if (g >= 2 && digitsSoFar >= 13 && digitsSoFar <= 19 && counts[0] === 4) {
        if (passesLuhn(d, digitsSoFar) && classifyCardPrefix(d, digitsSoFar) === CARD_BRAND) {
          const ctx = this.context(T_CREDIT_CARD, s);
          if (ctx !== CTX_DEMOTE) {
            this.hashDigits(T_CREDIT_CARD, -1, digitsSoFar);
            this.emit(T_CREDIT_CARD, s, ends[g]!, ctx === CTX_PROMOTE ? C_HIGH : C_MEDIUM, PERSON_STRICT);
          }
          return ends[g]!;
        }
      }
    }
    // IMEI printed in its TAC/serial groups: "35 209900 176148 1".
    if (digitsSoFar === 15 && groups >= 3 && passesLuhn(d, 15)) {
      const ctx = this.context(T_IMEI, s);
      if (ctx === CTX_PROMOTE || (ctx === CTX_NONE && hasPlausibleImeiPrefix(d[0]!, d[1]!))) {
        this.hashDigits(T_IMEI, -1, 15);
        this.emit(T_IMEI, s, ends[groups - 1]!, ctx === CTX_PROMOTE ? C_HIGH : C_MEDIUM, PERSON_STRICT);
        return ends[groups - 1]!;
      }
    }
    // BSN written 123 456 782 or 1234 56 782.
    if (groups >= 3 && counts[0]! + counts[1]! + counts[2]! === 9 && counts[0]! >= 3) {
      if (passesElfproef(d, 9)) {
        const ctx = this.context(T_BSN, s);
        if (ctx !== CTX_DEMOTE) {
          this.hashDigits(T_BSN, -1, 9);
          this.emit(T_BSN, s, ends[2]!, ctx === CTX_PROMOTE ? C_HIGH : C_MEDIUM, PERSON_STRICT);
        }
        return ends[2]!;
      }
    }
    return 0;
  }

  private trySpacedPostcode(s: number, e: number): boolean {
    const buf = this.buf;
    if (buf[s] === 48 || e + 3 > this.end) {
      return false;
    }
    const a = buf[e + 1]!;
    const b = buf[e + 2]!;
    const after = e + 3 < this.end ? buf[e + 3]! : CH_SPACE;
    if (!isAlpha(a) || !isAlpha(b) || !isPostcodeLetters(a & 0xdf, b & 0xdf) || isAlnum(after)) {
      return false;
    }
    const isLowerCase = isLower(a) || isLower(b);
    const ctx = this.context(T_POSTCODE, s);
    if (
      ctx === CTX_DEMOTE ||
      (isLowerCase && ctx !== CTX_PROMOTE) ||
      (ctx === CTX_NONE && NOT_POSTCODE_LETTERS.has(String.fromCharCode(a, b)))
    ) {
      return false;
    }
    let confidence = C_LOW;
    if (ctx === CTX_PROMOTE) {
      confidence = C_HIGH;
    } else if (this.isFollowedByPlace(e + 3)) {
      confidence = C_MEDIUM;
    }
    this.emitSpan(T_POSTCODE, s, e + 3, confidence, H_ALNUM_UPPER, PERSON_NONE);
    return true;
  }

  // "1234 AB Amsterdam", "1234 AB  AMSTERDAM" or "1234AB, Utrecht": a capitalised word follows.
  private isFollowedByPlace(p: number): boolean {
    const buf = this.buf;
    const end = this.end;
    let q = p;
    if (q < end && buf[q] === 44) {
      q++;
    }
    let spaces = 0;
    while (q < end && buf[q] === CH_SPACE && spaces < 3) {
      q++;
      spaces++;
    }
    if (spaces === 0 || q + 2 >= end) {
      return false;
    }
    return isUpper(buf[q]!) && (isLower(buf[q + 1]!) || isUpper(buf[q + 1]!) || buf[q + 1] === 39);
  }

  private monthAt(p: number, q: number): number {
    const buf = this.buf;
    if (q - p < 3 || q - p > 9) {
      return 0;
    }
    let name = '';
    for (let i = p; i < q; i++) {
      const c = buf[i]!;
      if (!isLower(c) && !isUpper(c)) {
        return 0;
      }
      name += String.fromCharCode(c | 0x20);
    }
    return MONTHS.get(name) ?? 0;
  }

  // "14 maart 1985", "3 mrt. 1985", "14 March 1985".
  private tryMonthDate(s: number, e: number): number {
    const buf = this.buf;
    const end = this.end;
    let p = e + 1;
    let q = p;
    while (q < end && (isLower(buf[q]!) || isUpper(buf[q]!))) {
      q++;
    }
    const month = this.monthAt(p, q);
    if (month === 0) {
      return 0;
    }
    p = q;
    if (p < end && buf[p] === CH_DOT) {
      p++;
    }
    if (p >= end || buf[p] !== CH_SPACE) {
      return 0;
    }
    p++;
    let year = 0;
    let n = 0;
    while (p < end && isDigit(buf[p]!) && n < 5) {
      year = year * 10 + buf[p]! - 48;
      p++;
      n++;
    }
    if (n !== 4 || (p < end && isAlnum(buf[p]!))) {
      return 0;
    }
    const day = e - s === 1 ? buf[s]! - 48 : (buf[s]! - 48) * 10 + buf[s + 1]! - 48;
    if (!isPlausibleBirthYear(year) || !isValidCalendarDate(year, month, day)) {
      return 0;
    }
    if (this.context(T_DATE_OF_BIRTH, s) !== CTX_PROMOTE) {
      return p;
    }
    this.hashDate(year, month, day);
    this.emit(T_DATE_OF_BIRTH, s, p, C_HIGH, PERSON_NONE);
    return p;
  }

  private hashDate(year: number, month: number, day: number): void {
    const h = this.hasher;
    h.begin(T_DATE_OF_BIRTH);
    addDecimal(h, year * 10000 + month * 100 + day);
    h.finish();
  }

  // Dates: dd-mm-yyyy, d-m-yyyy, dd/mm/yyyy, dd.mm.yyyy, yyyy-mm-dd. Only a birth-date keyword or column makes
  // a date a DATE_OF_BIRTH; a date followed by a time is a timestamp.
  private tryDate(s: number, e: number): boolean {
    const buf = this.buf;
    const parts = [0, 0, 0];
    const sizes = [0, 0, 0];
    let part = 0;
    let sep = 0;
    for (let i = s; i < e; i++) {
      const c = buf[i]!;
      if (isDigit(c)) {
        parts[part] = parts[part]! * 10 + c - 48;
        sizes[part]!++;
      } else if (c === CH_DASH || c === CH_SLASH || c === CH_DOT) {
        if (sep === 0) {
          sep = c;
        } else if (c !== sep) {
          return false;
        }
        part++;
        if (part > 2) {
          return false;
        }
      } else {
        return false;
      }
    }
    if (part !== 2) {
      return false;
    }
    let year: number;
    let month: number;
    let day: number;
    if (sizes[0] === 4 && sizes[1]! <= 2 && sizes[2]! <= 2 && sizes[1]! > 0 && sizes[2]! > 0) {
      year = parts[0]!;
      month = parts[1]!;
      day = parts[2]!;
    } else if (sizes[2] === 4 && sizes[0]! <= 2 && sizes[1]! <= 2 && sizes[0]! > 0 && sizes[1]! > 0) {
      year = parts[2]!;
      month = parts[1]!;
      day = parts[0]!;
    } else {
      return false;
    }
    if (!isValidCalendarDate(year, month, day)) {
      return false;
    }
    if (!isPlausibleBirthYear(year)) {
      return true;
    }
    const end = this.end;
    if (e < end) {
      const next = buf[e]!;
      if (
        next === 84 ||
        (next === CH_SPACE && e + 3 < end && isDigit(buf[e + 1]!) && buf[e + 3] === CH_COLON)
      ) {
        return true;
      }
      if (next === CH_SPACE && e + 3 < end && isDigit(buf[e + 2]!) && buf[e + 3] === CH_COLON) {
        return true;
      }
    }
    if (this.context(T_DATE_OF_BIRTH, s) === CTX_PROMOTE) {
      this.hashDate(year, month, day);
      this.emit(T_DATE_OF_BIRTH, s, e, C_HIGH, PERSON_NONE);
    }
    return true;
  }

  private analyzeDottedDigits(s: number, e: number, nDot: number): void {
    if (nDot === 3) {
      this.tryIpv4(s, e);
      return;
    }
    if (nDot === 2 && this.tryDate(s, e)) {
      return;
    }
    if (nDot >= 2 && this.buf[s] === 48 && this.tryPhone(s, false) > 0) {
      // "06.12.34.56.78" and "020.123.4567"
      return;
    }
    if (nDot === 2) {
      if (e - s === 14) {
        this.tryMac(s, e);
        return;
      }
      this.trySeparatedBsn(s, e);
    }
  }

  private tryIpv4(s: number, e: number): void {
    if (!parseIpv4(this.buf, s, e)) {
      return;
    }
    const ctx = this.context(T_IP, s);
    if (ctx === CTX_DEMOTE) {
      return;
    }
    const confidence = ctx === CTX_PROMOTE || !isPrivateIpv4(this.buf, s, e) ? C_HIGH : C_MEDIUM;
    this.emitSpan(T_IP, s, e, confidence, H_LOWER, PERSON_NONE);
  }

  private tryIpv6(s: number, e: number): void {
    const buf = this.buf;
    const check = checkIpv6(buf, s, e);
    if (check === 0 || (check < 0 && !isIPv6(String.fromCharCode(...buf.subarray(s, e))))) {
      return;
    }
    const ctx = this.context(T_IP, s);
    if (ctx === CTX_DEMOTE) {
      return;
    }
    const len = e - s;
    const isLocal =
      (len === 2 && buf[s] === CH_COLON && buf[s + 1] === CH_COLON) ||
      (len === 3 && buf[s] === CH_COLON && buf[s + 1] === CH_COLON && buf[s + 2] === 49) ||
      (len >= 4 &&
        (buf[s]! | 0x20) === 102 &&
        (buf[s + 1]! | 0x20) === 101 &&
        buf[s + 2] === 56 &&
        buf[s + 3] === 48);
    this.emitSpan(T_IP, s, e, isLocal ? C_MEDIUM : C_HIGH, H_LOWER, PERSON_NONE);
  }

  private tryMac(s: number, e: number): void {
    if (!isMacAddress(this.buf, s, e)) {
      return;
    }
    if (this.context(T_MAC, s) === CTX_DEMOTE) {
      return;
    }
    this.hashMac(s, e);
    this.emit(T_MAC, s, e, C_HIGH, PERSON_NONE);
  }

  private hashMac(s: number, e: number): void {
    const h = this.hasher;
    const buf = this.buf;
    h.begin(T_MAC);
    for (let i = s; i < e; i++) {
      const c = buf[i]!;
      if (isHex(c)) {
        h.add(c | 0x20);
      }
    }
    h.finish();
  }

  private trySeparatedBsn(s: number, e: number): void {
    const buf = this.buf;
    const d = this.digits;
    let n = 0;
    for (let i = s; i < e && n < 10; i++) {
      const c = buf[i]!;
      if (isDigit(c)) {
        d[n++] = c - 48;
      }
    }
    if (n !== 9 || !passesElfproef(d, 9)) {
      return;
    }
    const ctx = this.context(T_BSN, s);
    if (ctx === CTX_DEMOTE) {
      return;
    }
    this.hashDigits(T_BSN, -1, 9);
    this.emit(T_BSN, s, e, ctx === CTX_PROMOTE ? C_HIGH : C_MEDIUM, PERSON_STRICT);
  }

  private analyzeDashedDigits(s: number, e: number, nDash: number, isWholeWord: boolean): number {
    const buf = this.buf;
    if (nDash === 2 && this.tryDate(s, e)) {
      return 0;
    }
    if (nDash === 5 && e - s === 17) {
      this.tryMac(s, e);
      return 0;
    }
    if (buf[s] === 48) {
      return isWholeWord ? this.tryPhone(s, false) : 0;
    }
    const d = this.digits;
    let n = 0;
    for (let i = s; i < e && n < 24; i++) {
      const c = buf[i]!;
      if (isDigit(c)) {
        d[n++] = c - 48;
      }
    }
    if (n === 15 && nDash === 3) {
      // IMEI printed as TAC-SNR-CD: 35-209900-176148-1.
      if (passesLuhn(d, 15) && this.context(T_IMEI, s) !== CTX_DEMOTE) {
        this.hashDigits(T_IMEI, -1, 15);
        this.emit(T_IMEI, s, e, C_HIGH, PERSON_STRICT);
      }
      return 0;
    }
    if (n >= 13 && n <= 19 && nDash >= 3) {
      if (passesLuhn(d, n) && classifyCardPrefix(d, n) === CARD_BRAND) {
        const ctx = this.context(T_CREDIT_CARD, s);
        if (ctx !== CTX_DEMOTE) {
          this.hashDigits(T_CREDIT_CARD, -1, n);
          this.emit(T_CREDIT_CARD, s, e, ctx === CTX_PROMOTE ? C_HIGH : C_MEDIUM, PERSON_STRICT);
        }
      }
      return 0;
    }
    if (n === 9 && nDash === 2) {
      this.trySeparatedBsn(s, e);
    }
    return 0;
  }

  private analyzeAlnum(
    s: number,
    e: number,
    nDigit: number,
    nUpper: number,
    nLower: number,
    isWholeWord: boolean,
  ): number {
    const buf = this.buf;
    const len = e - s;
    const c0 = buf[s]!;
    const c1 = buf[s + 1]!;
    // IBAN, compact or as the first group of a spaced IBAN; typed in lower case too ("nl91abna…").
    if (isAlpha(c0) && isAlpha(c1) && isDigit(buf[s + 2]!) && isDigit(buf[s + 3]!)) {
      const ibanLength = getIbanLength(c0 & 0xdf, c1 & 0xdf);
      if (ibanLength > 0) {
        if (len === ibanLength) {
          if (this.tryIban(s, e, e)) {
            return 0;
          }
        } else if (len === 4 && isWholeWord) {
          const consumed = this.trySpacedIban(s, e, ibanLength);
          if (consumed > 0) {
            return consumed;
          }
        }
      }
      if (len === 14 && c0 === 78 && c1 === 76 && buf[s + 11] === 66) {
        this.tryVat(s, e);
        return 0;
      }
    }
    if (len === 9 && nUpper + nDigit === 9) {
      this.tryPassport(s, e);
      return 0;
    }
    if (len === 6 && nDigit === 4 && isDigit(c0) && c0 !== 48) {
      const a = buf[s + 4]!;
      const b = buf[s + 5]!;
      if (isDigit(buf[s + 3]!) && isAlpha(a) && isAlpha(b) && isPostcodeLetters(a & 0xdf, b & 0xdf)) {
        this.tryCompactPostcode(s, e, isLower(a) || isLower(b));
      }
      return 0;
    }
    if (len === 12 && nDigit + nUpper + nLower === 12) {
      this.tryBareMac(s, e);
      return 0;
    }
    if ((len === 20 || len === 21) && (buf[e - 1] === 70 || buf[e - 1] === 102) && nDigit === len - 1) {
      // ICCID padded with a trailing F (E.118 BCD filler).
      const d = this.digits;
      for (let i = 0; i < len - 1; i++) {
        d[i] = buf[s + i]! - 48;
      }
      if (d[0] === 8 && d[1] === 9 && passesLuhn(d, len - 1)) {
        this.hashDigits(T_ICCID, -1, len - 1);
        this.emit(T_ICCID, s, e, C_HIGH, PERSON_STRICT);
      }
    }
    return 0;
  }

  private tryIban(s: number, e: number, spanEnd: number): boolean {
    const buf = this.buf;
    const chars = this.chars;
    let n = 0;
    for (let i = s; i < e && n < 40; i++) {
      const c = buf[i]!;
      if (c !== CH_SPACE) {
        chars[n++] = isLower(c) ? c - 32 : c;
      }
    }
    if (!passesIbanCheck(chars, n)) {
      return false;
    }
    this.emitSpan(T_IBAN, s, spanEnd, C_HIGH, H_ALNUM_UPPER, PERSON_STRICT);
    return true;
  }

  private trySpacedIban(s: number, e: number, ibanLength: number): number {
    const buf = this.buf;
    const end = this.end;
    let total = 4;
    let p = e;
    while (total < ibanLength && p + 1 < end && buf[p] === CH_SPACE) {
      let q = p + 1;
      while (q < end && q - p - 1 < 4 && (isDigit(buf[q]!) || isAlpha(buf[q]!))) {
        q++;
      }
      const size = q - p - 1;
      if (size === 0 || (q < end && isAlnum(buf[q]!))) {
        return 0;
      }
      total += size;
      p = q;
    }
    if (total !== ibanLength) {
      return 0;
    }
    return this.tryIban(s, p, p) ? p : 0;
  }

  private tryVat(s: number, e: number): void {
    const chars = this.chars;
    for (let i = 0; i < 14; i++) {
      chars[i] = this.buf[s + i]!;
    }
    if (!passesVatNlCheck(chars)) {
      return;
    }
    this.emitSpan(T_VAT_NL, s, e, C_HIGH, H_ALNUM_UPPER, PERSON_NONE);
  }

  private tryPassport(s: number, e: number): void {
    const buf = this.buf;
    const chars = this.chars;
    for (let i = 0; i < 9; i++) {
      chars[i] = buf[s + i]!;
    }
    if (!isPassportNlShape(chars, 9)) {
      return;
    }
    const ctx = this.context(T_PASSPORT_NL, s);
    if (ctx === CTX_DEMOTE) {
      return;
    }
    this.emitSpan(T_PASSPORT_NL, s, e, ctx === CTX_PROMOTE ? C_HIGH : C_LOW, H_ALNUM_UPPER, PERSON_STRICT);
  }

  // Lower-case letters ("1234ab") are common when people type, but only count next to an address keyword.
  private tryCompactPostcode(s: number, e: number, isLowerCase: boolean): void {
    const buf = this.buf;
    const ctx = this.context(T_POSTCODE, s);
    if (
      ctx === CTX_DEMOTE ||
      (isLowerCase && ctx !== CTX_PROMOTE) ||
      (ctx === CTX_NONE && NOT_POSTCODE_LETTERS.has(String.fromCharCode(buf[s + 4]!, buf[s + 5]!)))
    ) {
      return;
    }
    const confidence = ctx === CTX_PROMOTE ? C_HIGH : this.isFollowedByPlace(e) ? C_MEDIUM : C_LOW;
    this.emitSpan(T_POSTCODE, s, e, confidence, H_ALNUM_UPPER, PERSON_NONE);
  }

  private tryBareMac(s: number, e: number): void {
    if (!isMacAddress(this.buf, s, e) || this.context(T_MAC, s) !== CTX_PROMOTE) {
      return;
    }
    this.hashMac(s, e);
    this.emit(T_MAC, s, e, C_HIGH, PERSON_NONE);
  }

  private analyzeDashedAlnum(s: number, e: number, nDash: number): void {
    const buf = this.buf;
    const len = e - s;
    if (len === 17 && nDash === 5) {
      this.tryMac(s, e);
      return;
    }
    if (nDash === 2 && len >= 8 && len <= 11) {
      // "14-mrt-1985" before plates: a month name in the middle.
      const d1 = buf.indexOf(CH_DASH, s);
      const d2 = buf.indexOf(CH_DASH, d1 + 1);
      const month = this.monthAt(d1 + 1, d2);
      if (month > 0) {
        this.tryDashedMonthDate(s, e, d1, d2, month);
        return;
      }
    }
    if (nDash === 2 && len === 8) {
      let text = '';
      for (let i = s; i < e; i++) {
        text += String.fromCharCode(buf[i]!);
      }
      const kind = classifyLicensePlate(text);
      if (kind === PLATE_NONE) {
        return;
      }
      const ctx = this.context(T_LICENSE_PLATE, s);
      if (ctx === CTX_DEMOTE) {
        return;
      }
      const confidence = ctx === CTX_PROMOTE ? C_HIGH : kind === PLATE_MODERN ? C_MEDIUM : C_LOW;
      this.emitSpan(T_LICENSE_PLATE, s, e, confidence, H_ALNUM_UPPER, PERSON_NONE);
    }
  }

  private tryDashedMonthDate(s: number, e: number, d1: number, d2: number, month: number): void {
    const buf = this.buf;
    if (d1 - s < 1 || d1 - s > 2 || e - d2 - 1 !== 4) {
      return;
    }
    let day = 0;
    for (let i = s; i < d1; i++) {
      day = day * 10 + buf[i]! - 48;
    }
    let year = 0;
    for (let i = d2 + 1; i < e; i++) {
      if (!isDigit(buf[i]!)) {
        return;
      }
      year = year * 10 + buf[i]! - 48;
    }
    if (!isPlausibleBirthYear(year) || !isValidCalendarDate(year, month, day)) {
      return;
    }
    if (this.context(T_DATE_OF_BIRTH, s) === CTX_PROMOTE) {
      this.hashDate(year, month, day);
      this.emit(T_DATE_OF_BIRTH, s, e, C_HIGH, PERSON_NONE);
    }
  }

  // ---- phone numbers ----

  // Collects digits from `s` across single separators (space, '-', '.', '/', parentheses, "(0)") and keeps
  // the longest prefix that ends on a group border and is a valid number per libphonenumber metadata.
  private tryPhone(s: number, isPlus: boolean): number {
    const buf = this.buf;
    const end = this.end;
    const d = this.digits;
    const ends = this.phoneEnds;
    const counts = this.phoneCounts;
    let n = 0;
    let groups = 0;
    let i = s;
    if (isPlus) {
      i++;
    }
    let skipTrunkAt = -1;
    let lastWasDigit = false;
    let separators = 0;
    while (i < end && n < 17 && groups < 20) {
      const c = buf[i]!;
      if (isDigit(c)) {
        d[n++] = c - 48;
        lastWasDigit = true;
        separators = 0;
        i++;
        continue;
      }
      if (lastWasDigit) {
        ends[groups] = i;
        counts[groups] = n;
        groups++;
      }
      lastWasDigit = false;
      if (c === CH_LPAREN && buf[i + 1] === 48 && buf[i + 2] === CH_RPAREN && n > 0 && n <= 3) {
        skipTrunkAt = n;
        i += 3;
        separators = 0;
        continue;
      }
      if (
        c === CH_SPACE ||
        c === CH_DASH ||
        c === CH_DOT ||
        c === CH_SLASH ||
        c === CH_LPAREN ||
        c === CH_RPAREN
      ) {
        separators++;
        // One punctuation mark between digit groups, optionally with spaces around it: "06 - 12345678".
        const isSpacedDash =
          separators === 3 && c === CH_SPACE && buf[i - 2] === CH_SPACE && buf[i - 1] !== CH_SPACE;
        if (
          (separators > 2 && !isSpacedDash) ||
          (separators === 2 && c !== CH_SPACE && buf[i - 1] !== CH_RPAREN && buf[i - 1] !== CH_SPACE)
        ) {
          break;
        }
        i++;
        continue;
      }
      break;
    }
    if (lastWasDigit) {
      ends[groups] = i;
      counts[groups] = n;
      groups++;
    }
    if (groups === 0) {
      return 0;
    }
    // A digit glued to letters after the last group ("0612345678abc") is not a phone number.
    for (let g = groups - 1; g >= 0; g--) {
      const ge = ends[g]!;
      if (ge < end && (isAlnum(buf[ge]!) || buf[ge] === CH_AT)) {
        continue;
      }
      const total = counts[g]!;
      const kind = this.classifyCollected(total, isPlus, skipTrunkAt);
      if (kind === PHONE_INVALID) {
        continue;
      }
      let start = s;
      if (start > 0 && buf[start - 1] === CH_LPAREN && !isPlus) {
        start--;
      }
      const ctx = this.context(T_PHONE, s);
      if (ctx === CTX_DEMOTE) {
        return ge;
      }
      const isInternational = isPlus || (d[0] === 0 && d[1] === 0);
      const confidence = ctx === CTX_PROMOTE || isInternational ? C_HIGH : C_MEDIUM;
      this.hashPhone(total, isPlus, skipTrunkAt);
      this.emit(T_PHONE, start, ge, confidence, phonePersonKind(kind));
      return ge;
    }
    return 0;
  }

  private classifyCollected(n: number, isPlus: boolean, skipTrunkAt: number): number {
    const d = this.digits;
    let offset: number;
    if (isPlus) {
      offset = 0;
    } else if (d[0] === 0 && d[1] === 0) {
      offset = 2;
    } else if (d[0] === 0) {
      if (n < 5) {
        return PHONE_INVALID;
      }
      return classifyPhoneNsn(31, d, 1, n - 1);
    } else {
      return PHONE_INVALID;
    }
    const m = n - offset;
    const ccLength = findCallingCodeLength(d, offset, m);
    if (ccLength === 0) {
      return PHONE_INVALID;
    }
    const code = readCallingCode(d, offset, ccLength);
    let nsnStart = offset + ccLength;
    // "+31 (0)6 …" and "+31 06 …": the national trunk zero is not part of the number.
    if (d[nsnStart] === 0 && (skipTrunkAt >= 0 || code === 31)) {
      nsnStart++;
    }
    return classifyPhoneNsn(code, d, nsnStart, n - nsnStart);
  }

  private hashPhone(n: number, isPlus: boolean, skipTrunkAt: number): void {
    const d = this.digits;
    const h = this.hasher;
    h.begin(T_PHONE);
    let i = 0;
    if (isPlus) {
      i = 0;
    } else if (d[0] === 0 && d[1] === 0) {
      i = 2;
    } else {
      // National NL number: hash as E.164 so "06…" and "+316…" are one value.
      h.add(51);
      h.add(49);
      i = 1;
    }
    const ccLength = findCallingCodeLength(d, i, n - i);
    for (let k = i; k < n; k++) {
      if (
        k === i + ccLength &&
        d[k] === 0 &&
        (skipTrunkAt >= 0 || (d[i] === 3 && d[i + 1] === 1 && ccLength === 2))
      ) {
        continue;
      }
      h.add(48 + d[k]!);
    }
    h.finish();
  }

  // ---- e-mail ----

  private findEmails(s: number, e: number): void {
    const buf = this.buf;
    if (this.mode === MODE_TEXT && this.isMessageIdLine()) {
      return;
    }
    let a = s;
    while (a < e && buf[a] !== CH_AT) {
      a++;
    }
    while (a < e) {
      let l = a;
      while (l > s) {
        const c = buf[l - 1]!;
        if (isAlnum(c) || c === CH_DOT || c === 95 || c === 37 || c === CH_PLUS || c === CH_DASH) {
          l--;
        } else {
          break;
        }
      }
      while (l < a && (buf[l] === CH_DOT || buf[l] === CH_DASH)) {
        l++;
      }
      let r = a + 1;
      let lastDot = -1;
      while (r < e) {
        const c = buf[r]!;
        if (isAlnum(c) || c === CH_DASH) {
          r++;
        } else if (c === CH_DOT && r > a + 1 && buf[r - 1] !== CH_DOT) {
          lastDot = r;
          r++;
        } else {
          break;
        }
      }
      while (r > a + 1 && (buf[r - 1] === CH_DOT || buf[r - 1] === CH_DASH)) {
        r--;
      }
      if (lastDot >= r) {
        lastDot = -1;
        for (let k = r - 1; k > a; k--) {
          if (buf[k] === CH_DOT) {
            lastDot = k;
            break;
          }
        }
      }
      if (l < a && lastDot > a + 1 && r - lastDot - 1 >= 2 && buf[a - 1] !== CH_DOT) {
        let isTld = true;
        for (let k = lastDot + 1; k < r; k++) {
          const c = buf[k]!;
          if (!isLower(c) && !isUpper(c)) {
            isTld = false;
            break;
          }
        }
        if (isTld && !FILE_TLDS.has(hashLower(buf, lastDot + 1, r))) {
          const isRole = a - l <= 20 && ROLE_MAILBOXES.has(hashLower(buf, l, a));
          this.emitSpan(T_EMAIL, l, r, C_HIGH, H_LOWER, isRole ? PERSON_NONE : PERSON_STRICT);
        }
      }
      // The next '@' within this word (Buffer.indexOf would search on to the end of the buffer).
      a = Math.max(r, a + 1);
      while (a < e && buf[a] !== CH_AT) {
        a++;
      }
    }
  }

  // Message-ID, In-Reply-To and References headers hold "local@host" tokens that are not mailboxes.
  private isMessageIdLine(): boolean {
    const ls = this.lineStartAbs - this.base;
    if (ls < 0) {
      return false;
    }
    for (const header of ID_HEADERS) {
      if (this.startsWith(ls, this.end, header, true)) {
        return true;
      }
    }
    return false;
  }

  // ---- names ----

  private onTextLine(ls: number, le: number): void {
    const buf = this.buf;
    let e = le;
    if (e > ls && buf[e - 1] === CH_CR) {
      e--;
    }
    let s = ls;
    while (s < e && (buf[s] === CH_SPACE || buf[s] === 9 || buf[s] === 62)) {
      s++;
    }
    if (s >= e) {
      return;
    }
    if (this.expectNameLines > 0) {
      this.expectNameLines--;
      if (this.emitNameSpan(s, e, C_MEDIUM, 2)) {
        this.expectNameLines = 0;
        return;
      }
    }
    const c = buf[s]! | 0x20;
    if (c === 102 || c === 118 || c === 116 || c === 97 || c === 99) {
      for (const header of NAME_HEADERS) {
        if (this.startsWith(s, e, header, true)) {
          const lt = buf.indexOf(CH_LT, s + header.length);
          if (lt > 0 && lt < e && !this.isRoleMailboxAt(lt + 1, e)) {
            this.emitNameSpan(s + header.length, lt, C_MEDIUM, 1);
          }
          return;
        }
      }
    }
    if (c === 110 || c === 107) {
      for (const label of NAME_LABELS) {
        if (this.startsWith(s, e, label, true)) {
          this.emitNameSpan(s + label.length, e, C_HIGH, 1);
          return;
        }
      }
    }
    if (c === 98 || c === 103 || c === 100 || c === 104) {
      for (const greeting of GREETINGS) {
        if (this.startsWith(s, e, greeting, true)) {
          this.emitGreetingName(s + greeting.length, e);
          return;
        }
      }
    }
    if (e - s <= 26) {
      let text = '';
      for (let i = s; i < e; i++) {
        text += String.fromCharCode(buf[i]! | (isUpper(buf[i]!) ? 0x20 : 0));
      }
      text = text.replace(/[,!.]+$/, '').trim();
      if (SIGN_OFFS.has(text)) {
        this.expectNameLines = 2;
      }
    }
  }

  private isRoleMailboxAt(p: number, e: number): boolean {
    const buf = this.buf;
    const at = buf.indexOf(CH_AT, p);
    if (at < 0 || at >= e || at - p > 20) {
      return false;
    }
    return ROLE_MAILBOXES.has(hashLower(buf, p, at));
  }

  private emitGreetingName(p: number, e: number): void {
    const buf = this.buf;
    let s = p;
    for (;;) {
      while (s < e && buf[s] === CH_SPACE) {
        s++;
      }
      let q = s;
      while (q < e && buf[q] !== CH_SPACE && buf[q] !== 44) {
        q++;
      }
      let word = '';
      for (let i = s; i < q; i++) {
        word += String.fromCharCode(buf[i]! | (isUpper(buf[i]!) ? 0x20 : 0));
      }
      if (word.length > 0 && NAME_TITLES.has(word)) {
        s = q;
        continue;
      }
      break;
    }
    let stop = s;
    while (stop < e && buf[stop] !== 44 && buf[stop] !== 33 && buf[stop] !== 58) {
      stop++;
    }
    this.emitNameSpan(s, stop, C_MEDIUM, 1);
  }

  // Emits [s, e) as PERSON_NAME when it is shaped like one: 1–6 words, capitalised words or tussenvoegsels,
  // at least `minCapitals` capitalised, no digits.
  private emitNameSpan(s: number, e: number, confidence: number, minCapitals = 1): boolean {
    const buf = this.buf;
    while (s < e && (buf[s] === CH_SPACE || buf[s] === CH_QUOTE || buf[s] === 9)) {
      s++;
    }
    while (
      e > s &&
      (buf[e - 1] === CH_SPACE || buf[e - 1] === CH_QUOTE || buf[e - 1] === CH_CR || buf[e - 1] === 9)
    ) {
      e--;
    }
    const len = e - s;
    if (len < 2 || len > 64) {
      return false;
    }
    let words = 0;
    let capitals = 0;
    let p = s;
    while (p < e) {
      let q = p;
      while (q < e && buf[q] !== CH_SPACE) {
        q++;
      }
      if (q === p) {
        return false;
      }
      words++;
      const c = buf[p]!;
      if (isUpper(c) || c >= 0xc0) {
        for (let i = p + 1; i < q; i++) {
          const x = buf[i]!;
          if (!(isLower(x) || isUpper(x) || x >= 0x80 || x === CH_DASH || x === 39 || x === CH_DOT)) {
            return false;
          }
        }
        capitals++;
      } else {
        let word = '';
        for (let i = p; i < q; i++) {
          word += String.fromCharCode(buf[i]!);
        }
        if (!TUSSENVOEGSELS.has(word)) {
          return false;
        }
      }
      p = q + 1;
    }
    if (words > 6 || capitals < minCapitals) {
      return false;
    }
    this.emitSpan(T_PERSON_NAME, s, e, confidence, H_LOWER, PERSON_NONE);
    return true;
  }

  private startsWith(p: number, e: number, prefix: Uint8Array, isCaseInsensitive: boolean): boolean {
    if (p + prefix.length > e) {
      return false;
    }
    const buf = this.buf;
    for (let i = 0; i < prefix.length; i++) {
      const c = buf[p + i]!;
      if ((isCaseInsensitive && isUpper(c) ? c | 0x20 : c) !== prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
