import metadata from 'libphonenumber-js/metadata.max.json';

// Validators work on digit values (0-9) or ASCII bytes so the hot path never builds strings. The string
// wrappers at the bottom exist for tests and callers outside the scan loop.

export function passesElfproef(d: ArrayLike<number>, n: number): boolean {
  // BSN/RSIN 11-proof: weights 9..2 and -1 on the last digit (identifiers.md §3, stdnum nl/bsn). 8-digit
  // BSNs are padded with a leading zero, which contributes nothing, so the weights shift by the length.
  if (n !== 9 && n !== 8) {
    return false;
  }
  let sum = 0;
  let isAllZero = true;
  for (let i = 0; i < n - 1; i++) {
    const v = d[i]!;
    if (v !== 0) {
      isAllZero = false;
    }
    sum += (n - i) * v;
  }
  const last = d[n - 1]!;
  if (isAllZero && last === 0) {
    return false;
  }
  sum -= last;
  return sum % 11 === 0;
}

export function passesLuhn(d: ArrayLike<number>, n: number): boolean {
  // ISO/IEC 7812 Annex B; the same rule checks IMEI (3GPP TS 23.003 Annex B), ICCID (ITU-T E.118) and cards.
  let sum = 0;
  let isDouble = false;
  for (let i = n - 1; i >= 0; i--) {
    let v = d[i]!;
    if (isDouble) {
      v *= 2;
      if (v > 9) {
        v -= 9;
      }
    }
    sum += v;
    isDouble = !isDouble;
  }
  return sum % 10 === 0;
}

// ISO 13616 lengths for SEPA countries; NL also gets its BBAN shape (4 letters, 10 digits) checked.
const IBAN_LENGTHS: Record<string, number> = {
  AD: 24,
  AT: 20,
  BE: 16,
  BG: 22,
  CH: 21,
  CY: 28,
  CZ: 24,
  DE: 22,
  DK: 18,
  EE: 20,
  ES: 24,
  FI: 18,
  FO: 18,
  FR: 27,
  GB: 22,
  GI: 23,
  GL: 18,
  GR: 27,
  HR: 21,
  HU: 28,
  IE: 22,
  IS: 26,
  IT: 27,
  LI: 21,
  LT: 20,
  LU: 20,
  LV: 21,
  MC: 27,
  MT: 31,
  NL: 18,
  NO: 15,
  PL: 28,
  PT: 25,
  RO: 24,
  SE: 24,
  SI: 19,
  SK: 24,
  SM: 27,
  VA: 22,
};

const IBAN_LENGTH_BY_CODE = new Int8Array(26 * 26);
for (const [country, length] of Object.entries(IBAN_LENGTHS)) {
  IBAN_LENGTH_BY_CODE[(country.charCodeAt(0) - 65) * 26 + country.charCodeAt(1) - 65] = length;
}

export function getIbanLength(c0: number, c1: number): number {
  const a = c0 - 65;
  const b = c1 - 65;
  if (a < 0 || a > 25 || b < 0 || b > 25) {
    return 0;
  }
  return IBAN_LENGTH_BY_CODE[a * 26 + b]!;
}

function isUpperByte(c: number): boolean {
  return c >= 65 && c <= 90;
}

function isDigitByte(c: number): boolean {
  return c >= 48 && c <= 57;
}

// `chars` holds the compact IBAN as upper-case ASCII bytes.
export function passesIbanCheck(chars: ArrayLike<number>, n: number): boolean {
  if (n < 15) {
    return false;
  }
  const c0 = chars[0]!;
  const c1 = chars[1]!;
  if (getIbanLength(c0, c1) !== n || !isDigitByte(chars[2]!) || !isDigitByte(chars[3]!)) {
    return false;
  }
  if (c0 === 78 && c1 === 76) {
    for (let i = 4; i < 8; i++) {
      if (!isUpperByte(chars[i]!)) {
        return false;
      }
    }
    for (let i = 8; i < 18; i++) {
      if (!isDigitByte(chars[i]!)) {
        return false;
      }
    }
  }
  // ISO 7064 MOD 97-10: move the first four characters to the end, letters count as 10..35.
  let rem = 0;
  for (let k = 0; k < n; k++) {
    const c = chars[(k + 4) % n]!;
    if (isDigitByte(c)) {
      rem = (rem * 10 + (c - 48)) % 97;
    } else if (isUpperByte(c)) {
      rem = (rem * 100 + (c - 55)) % 97;
    } else {
      return false;
    }
  }
  return rem === 1;
}

// `chars` is "NL" + 9 digits + "B" + 2 digits as bytes.
export function passesVatNlCheck(chars: ArrayLike<number>): boolean {
  if (chars[0] !== 78 || chars[1] !== 76 || chars[11] !== 66) {
    return false;
  }
  const d: number[] = [];
  for (let i = 2; i < 11; i++) {
    const c = chars[i]!;
    if (!isDigitByte(c)) {
      return false;
    }
    d.push(c - 48);
  }
  if (!isDigitByte(chars[12]!) || !isDigitByte(chars[13]!)) {
    return false;
  }
  // Two rules (stdnum nl/btw): RSIN-based numbers pass the 11-proof, sole-trader numbers since 2020 pass
  // MOD 97-10 over the whole "NL…B.." string.
  if (passesElfproef(d, 9)) {
    return true;
  }
  let rem = 0;
  for (let i = 0; i < 14; i++) {
    const c = chars[i]!;
    rem = isDigitByte(c) ? (rem * 10 + (c - 48)) % 97 : (rem * 100 + (c - 55)) % 97;
  }
  return rem === 1;
}

// Reporting-body identifiers that start real TACs (GSMA); anything else is a 15-digit number that happens
// to pass Luhn.
const IMEI_RBI = new Set([1, 10, 30, 33, 35, 44, 45, 49, 50, 51, 52, 53, 54, 86, 91, 98, 99]);

export function hasPlausibleImeiPrefix(d0: number, d1: number): boolean {
  return IMEI_RBI.has(d0 * 10 + d1);
}

// MCCs of EU/EEA countries, CH and GB (ITU-T E.212); 204 is the Netherlands.
const EU_MCC = new Set([
  204, 206, 208, 212, 213, 214, 216, 218, 219, 220, 222, 226, 228, 230, 231, 232, 234, 235, 238, 240, 242,
  244, 246, 247, 248, 260, 262, 266, 268, 270, 272, 274, 278, 280, 284, 292, 293, 294, 295,
]);
// Dutch MNCs in the ACM numbering register (204-xx).
const NL_MNC = new Set([
  1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29,
  60, 61, 62, 64, 65, 66, 67, 68, 69,
]);

export const IMSI_NONE = 0;
export const IMSI_EU = 1;
export const IMSI_NL = 2;

export function classifyImsi(d: ArrayLike<number>, n: number): number {
  if (n < 14 || n > 15) {
    return IMSI_NONE;
  }
  const mcc = d[0]! * 100 + d[1]! * 10 + d[2]!;
  if (!EU_MCC.has(mcc)) {
    return IMSI_NONE;
  }
  if (mcc === 204) {
    return NL_MNC.has(d[3]! * 10 + d[4]!) ? IMSI_NL : IMSI_NONE;
  }
  return IMSI_EU;
}

export const CARD_NONE = 0;
export const CARD_BRAND = 1;

// Issuer ranges and lengths of the big schemes; a Luhn-valid number outside them is not treated as a card.
export function classifyCardPrefix(d: ArrayLike<number>, n: number): number {
  const p2 = d[0]! * 10 + d[1]!;
  const p4 = p2 * 100 + d[2]! * 10 + d[3]!;
  if (d[0] === 4) {
    return n === 13 || n === 16 || n === 19 ? CARD_BRAND : CARD_NONE;
  }
  if ((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720)) {
    return n === 16 ? CARD_BRAND : CARD_NONE;
  }
  if (p2 === 34 || p2 === 37) {
    return n === 15 ? CARD_BRAND : CARD_NONE;
  }
  if (p4 === 6011 || p2 === 65 || (p4 >= 6440 && p4 <= 6499)) {
    return n >= 16 && n <= 19 ? CARD_BRAND : CARD_NONE;
  }
  if (p4 >= 3528 && p4 <= 3589) {
    return n >= 16 && n <= 19 ? CARD_BRAND : CARD_NONE;
  }
  if (p2 === 36 || p2 === 38 || p2 === 39 || (p4 >= 3000 && p4 <= 3059)) {
    return n >= 14 && n <= 19 ? CARD_BRAND : CARD_NONE;
  }
  if (p2 === 50 || (p2 >= 56 && p2 <= 69)) {
    return n >= 12 && n <= 19 ? CARD_BRAND : CARD_NONE;
  }
  return CARD_NONE;
}

export function isValidCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) {
    return false;
  }
  const days = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
  const isLeap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return day <= (month === 2 && isLeap ? 29 : days);
}

const CURRENT_YEAR = new Date().getUTCFullYear();

export function isPlausibleBirthYear(year: number): boolean {
  return year >= 1900 && year <= CURRENT_YEAR;
}

// Dutch postcodes never use the letter pairs SA, SD and SS (identifiers.md §3).
export function isPostcodeLetters(a: number, b: number): boolean {
  if (!isUpperByte(a) || !isUpperByte(b)) {
    return false;
  }
  return !(a === 83 && (b === 65 || b === 68 || b === 83));
}

// Sidecodes 1-14 (RDW, RAI Vereniging 2014): 'X' letter group, '9' digit group, read as group lengths.
const PLATE_SIDECODES = [
  'XX-99-99',
  '99-99-XX',
  '99-XX-99',
  'XX-99-XX',
  'XX-XX-99',
  '99-XX-XX',
  '99-XXX-9',
  '9-XXX-99',
  'XX-999-X',
  'X-999-XX',
  'XXX-99-X',
  'X-99-XXX',
  '9-XX-999',
  '999-XX-9',
];
const PLATE_SHAPES = new Set(PLATE_SIDECODES);
// From sidecode 4 on, plates use consonants only (no vowels, no C, Q, W, Y); combinations below are never issued.
const PLATE_LETTERS = new Set('BDFGHJKLMNPRSTVXZ');
const PLATE_BANNED = ['SS', 'SD', 'SA', 'GVD', 'KKK', 'NSB', 'PKK', 'PSV', 'PVV', 'TBS'];

export const PLATE_NONE = 0;
export const PLATE_OLD = 1;
export const PLATE_MODERN = 2;

export function classifyLicensePlate(text: string): number {
  const upper = text.toUpperCase();
  let shape = '';
  let letters = '';
  for (const ch of upper) {
    if (ch >= '0' && ch <= '9') {
      shape += '9';
    } else if (ch >= 'A' && ch <= 'Z') {
      shape += 'X';
      letters += ch;
    } else if (ch === '-') {
      shape += '-';
    } else {
      return PLATE_NONE;
    }
  }
  const index = PLATE_SIDECODES.indexOf(shape);
  if (index < 0 || !PLATE_SHAPES.has(shape)) {
    return PLATE_NONE;
  }
  for (const banned of PLATE_BANNED) {
    if (upper.includes(banned)) {
      return PLATE_NONE;
    }
  }
  for (const ch of letters) {
    if (!PLATE_LETTERS.has(ch)) {
      return index < 3 ? PLATE_OLD : PLATE_NONE;
    }
  }
  return PLATE_MODERN;
}

// Dutch passport / ID-card document numbers: 2 letters, 6 letters or digits, 1 digit; the letter O is never used.
export function isPassportNlShape(chars: ArrayLike<number>, n: number): boolean {
  if (n !== 9) {
    return false;
  }
  let digits = 0;
  for (let i = 0; i < 9; i++) {
    const c = chars[i]!;
    if (c === 79) {
      return false;
    }
    const isUpper = isUpperByte(c);
    const isDigit = isDigitByte(c);
    if (i < 2 && !isUpper) {
      return false;
    }
    if (i === 8 && !isDigit) {
      return false;
    }
    if (!isUpper && !isDigit) {
      return false;
    }
    if (isDigit) {
      digits++;
    }
  }
  return digits >= 2;
}

export function parseIpv4(bytes: ArrayLike<number>, start: number, end: number): boolean {
  let parts = 0;
  let value = 0;
  let digits = 0;
  for (let i = start; i < end; i++) {
    const c = bytes[i]!;
    if (isDigitByte(c)) {
      // A leading zero makes "010.1.2.3" ambiguous (octal in some parsers); Node's net.isIPv4 rejects it too.
      if (digits === 1 && value === 0) {
        return false;
      }
      value = value * 10 + (c - 48);
      digits++;
      if (digits > 3 || value > 255) {
        return false;
      }
    } else if (c === 46) {
      if (digits === 0) {
        return false;
      }
      parts++;
      value = 0;
      digits = 0;
    } else {
      return false;
    }
  }
  return digits > 0 && parts === 3;
}

// IPv6 as Node's net.isIPv6 reads it (RFC 4291 §2.2: eight groups of 1–4 hex digits, one "::" for a run of
// zero groups, an optional dotted IPv4 tail counting as two groups), on bytes. Returns 1 valid, 0 invalid, -1
// when the text holds something this reader does not judge (a zone id "%eth0"), for the caller to check.
export function checkIpv6(bytes: ArrayLike<number>, start: number, end: number): number {
  let groups = 0;
  let digits = 0;
  let hasDouble = false;
  let groupStart = start;
  for (let i = start; i < end; i++) {
    const c = bytes[i]!;
    if (c === 58) {
      if (i + 1 < end && bytes[i + 1] === 58) {
        if (hasDouble) {
          return 0;
        }
        hasDouble = true;
        if (digits > 0) {
          groups++;
        } else if (i !== start) {
          return 0;
        }
        i++;
        digits = 0;
        groupStart = i + 1;
        if (i + 1 === end) {
          break;
        }
        continue;
      }
      if (digits === 0 || i + 1 === end) {
        return 0;
      }
      groups++;
      digits = 0;
      groupStart = i + 1;
      continue;
    }
    if (c === 46) {
      // Embedded IPv4 from the start of this group to the end.
      if (!parseIpv4(bytes, groupStart, end)) {
        return 0;
      }
      groups += 2;
      digits = 0;
      return (hasDouble ? groups <= 7 : groups === 8) ? 1 : 0;
    }
    const lower = c | 0x20;
    if ((c >= 48 && c <= 57) || (lower >= 97 && lower <= 102)) {
      digits++;
      if (digits > 4) {
        return 0;
      }
      continue;
    }
    return c === 37 ? -1 : 0;
  }
  if (digits > 0) {
    groups++;
  }
  return (hasDouble ? groups <= 7 : groups === 8) ? 1 : 0;
}

export function isPrivateIpv4(bytes: ArrayLike<number>, start: number, end: number): boolean {
  const octets: number[] = [0];
  for (let i = start; i < end; i++) {
    const c = bytes[i]!;
    if (c === 46) {
      octets.push(0);
    } else {
      octets[octets.length - 1] = octets[octets.length - 1]! * 10 + (c - 48);
    }
  }
  const [a = 0, b = 0] = octets;
  return a === 10 || a === 127 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || a === 0;
}

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) {
    return c - 48;
  }
  const l = c | 0x20;
  if (l >= 97 && l <= 102) {
    return l - 87;
  }
  return -1;
}

// EUI-48 in aa:bb:cc:dd:ee:ff, aa-bb-…, or Cisco aabb.ccdd.eeff; all-zero and broadcast are not devices.
export function isMacAddress(bytes: ArrayLike<number>, start: number, end: number): boolean {
  const n = end - start;
  let nibbles = 0;
  let isZero = true;
  let isOnes = true;
  if (n === 17) {
    const sep = bytes[start + 2]!;
    if (sep !== 58 && sep !== 45) {
      return false;
    }
    for (let i = 0; i < 17; i++) {
      const c = bytes[start + i]!;
      if (i % 3 === 2) {
        if (c !== sep) {
          return false;
        }
        continue;
      }
      const v = hexValue(c);
      if (v < 0) {
        return false;
      }
      nibbles++;
      isZero &&= v === 0;
      isOnes &&= v === 15;
    }
  } else if (n === 14) {
    for (let i = 0; i < 14; i++) {
      const c = bytes[start + i]!;
      if (i === 4 || i === 9) {
        if (c !== 46) {
          return false;
        }
        continue;
      }
      const v = hexValue(c);
      if (v < 0) {
        return false;
      }
      nibbles++;
      isZero &&= v === 0;
      isOnes &&= v === 15;
    }
  } else if (n === 12) {
    for (let i = 0; i < 12; i++) {
      const v = hexValue(bytes[start + i]!);
      if (v < 0) {
        return false;
      }
      nibbles++;
      isZero &&= v === 0;
      isOnes &&= v === 15;
    }
  } else {
    return false;
  }
  return nibbles === 12 && !isZero && !isOnes;
}

// Phone numbers: libphonenumber-js metadata (country → number types with regexes) compiled into lookup
// tables keyed by NSN length and first three digits; only prefixes whose validity depends on later digits
// fall back to the metadata regex. Calling codes are numbers, so the scan loop builds no strings.
export const PHONE_INVALID = 0;
export const PHONE_MOBILE = 1;
export const PHONE_FIXED = 2;
export const PHONE_SERVICE = 3;
const PHONE_REGEX = 255;

interface PhonePlan {
  regexes: { kind: number; regex: RegExp }[];
  tables: (Uint8Array | undefined)[];
  lengths: Uint8Array;
}

type PlanTuple = readonly unknown[];

function readPlanTypes(plan: PlanTuple): { kind: number; regex: RegExp }[] {
  const types = plan[11];
  const out: { kind: number; regex: RegExp }[] = [];
  if (!Array.isArray(types)) {
    return out;
  }
  // Metadata order: fixed line, mobile, toll free, premium, personal, voicemail, UAN, pager, VoIP, shared cost.
  // Mobile is tried first: where fixed and mobile patterns overlap (e.g. +1) the number counts as mobile.
  const order = [1, 0, 2, 3, 4, 5, 6, 7, 8, 9];
  for (const index of order) {
    const entry: unknown = types[index];
    if (!Array.isArray(entry) || typeof entry[0] !== 'string') {
      continue;
    }
    const kind = index === 0 ? PHONE_FIXED : index === 1 ? PHONE_MOBILE : PHONE_SERVICE;
    out.push({ kind, regex: new RegExp(`^(?:${entry[0]})$`) });
  }
  return out;
}

const countryPlans: Record<string, PlanTuple> = metadata.countries as unknown as Record<string, PlanTuple>;
const callingCodes: Record<string, string[]> = metadata.country_calling_codes as unknown as Record<
  string,
  string[]
>;
const IS_CALLING_CODE = new Uint8Array(1000);
for (const code of Object.keys(callingCodes)) {
  IS_CALLING_CODE[Number(code)] = 1;
}
const phonePlans: (PhonePlan | null | undefined)[] = new Array(1000);

function getPhonePlan(callingCode: number): PhonePlan | null {
  const cached = phonePlans[callingCode];
  if (cached !== undefined) {
    return cached;
  }
  const countries = IS_CALLING_CODE[callingCode] ? callingCodes[String(callingCode)] : undefined;
  let plan: PhonePlan | null = null;
  if (countries) {
    const regexes: { kind: number; regex: RegExp }[] = [];
    // Possible NSN lengths (metadata field 3): any other length is invalid without looking further.
    const lengths = new Uint8Array(20);
    for (const country of countries) {
      const tuple = countryPlans[country];
      if (tuple) {
        regexes.push(...readPlanTypes(tuple));
        const possible = tuple[3];
        if (Array.isArray(possible)) {
          for (const length of possible) {
            if (typeof length === 'number' && length < 20) {
              lengths[length] = 1;
            }
          }
        } else {
          lengths.fill(1);
        }
      }
    }
    plan = { regexes, tables: [], lengths };
  }
  phonePlans[callingCode] = plan;
  return plan;
}

function classifyWithRegex(plan: PhonePlan, nsn: string): number {
  for (const { kind, regex } of plan.regexes) {
    if (regex.test(nsn)) {
      return kind;
    }
  }
  return PHONE_INVALID;
}

const PROBE_SUFFIXES = ['0000000000000', '9999999999999', '5555555555555', '1357924680135', '8642097531864'];

function buildPrefixTable(plan: PhonePlan, length: number): Uint8Array {
  const table = new Uint8Array(1000);
  for (let p = 0; p < 1000; p++) {
    const prefix = String(p).padStart(3, '0');
    let kind = -1;
    for (const suffix of PROBE_SUFFIXES) {
      const probe = (prefix + suffix).slice(0, length);
      const k = classifyWithRegex(plan, probe);
      if (kind === -1) {
        kind = k;
      } else if (kind !== k) {
        kind = PHONE_REGEX;
        break;
      }
    }
    table[p] = kind;
  }
  return table;
}

// `d[offset … offset + n)` holds the national significant number's digit values.
export function classifyPhoneNsn(
  callingCode: number,
  d: ArrayLike<number>,
  offset: number,
  n: number,
): number {
  if (n < 4 || n > 14) {
    return PHONE_INVALID;
  }
  const plan = getPhonePlan(callingCode);
  if (!plan || plan.lengths[n] === 0) {
    return PHONE_INVALID;
  }
  let table = plan.tables[n];
  if (!table) {
    table = buildPrefixTable(plan, n);
    plan.tables[n] = table;
  }
  const kind = table[d[offset]! * 100 + d[offset + 1]! * 10 + d[offset + 2]!]!;
  if (kind !== PHONE_REGEX) {
    return kind;
  }
  let nsn = '';
  for (let i = 0; i < n; i++) {
    nsn += String.fromCharCode(48 + d[offset + i]!);
  }
  return classifyWithRegex(plan, nsn);
}

// Length of the calling code at the start of E.164 digits d[offset …], or 0.
export function findCallingCodeLength(d: ArrayLike<number>, offset: number, n: number): number {
  let code = 0;
  for (let len = 1; len <= 3 && len < n; len++) {
    code = code * 10 + d[offset + len - 1]!;
    if (IS_CALLING_CODE[code]) {
      return len;
    }
  }
  return 0;
}

export function readCallingCode(d: ArrayLike<number>, offset: number, length: number): number {
  let code = 0;
  for (let i = 0; i < length; i++) {
    code = code * 10 + d[offset + i]!;
  }
  return code;
}

export function classifyE164(d: ArrayLike<number>, n: number): number {
  const ccLength = findCallingCodeLength(d, 0, n);
  if (ccLength === 0) {
    return PHONE_INVALID;
  }
  return classifyPhoneNsn(readCallingCode(d, 0, ccLength), d, ccLength, n - ccLength);
}

function toDigits(text: string): number[] | null {
  const out: number[] = [];
  for (const ch of text) {
    if (ch >= '0' && ch <= '9') {
      out.push(ch.charCodeAt(0) - 48);
    } else if (ch !== ' ' && ch !== '.' && ch !== '-') {
      return null;
    }
  }
  return out;
}

function toBytes(text: string): number[] {
  return Array.from(text, (ch) => ch.charCodeAt(0));
}

export function isValidBsn(text: string): boolean {
  const d = toDigits(text);
  return d !== null && passesElfproef(d, d.length);
}

export function isValidLuhn(text: string): boolean {
  const d = toDigits(text);
  return d !== null && d.length > 1 && passesLuhn(d, d.length);
}

export function isValidIban(text: string): boolean {
  const bytes = toBytes(text.replace(/ /g, '').toUpperCase());
  return passesIbanCheck(bytes, bytes.length);
}

export function isValidVatNl(text: string): boolean {
  const bytes = toBytes(text.replace(/[ .]/g, '').toUpperCase());
  return bytes.length === 14 && passesVatNlCheck(bytes);
}

export function isValidImei(text: string): boolean {
  const d = toDigits(text);
  return d !== null && d.length === 15 && passesLuhn(d, 15) && hasPlausibleImeiPrefix(d[0]!, d[1]!);
}

export function isValidIccid(text: string): boolean {
  const d = toDigits(text);
  return (
    d !== null && (d.length === 19 || d.length === 20) && d[0] === 8 && d[1] === 9 && passesLuhn(d, d.length)
  );
}

export function isValidCreditCard(text: string): boolean {
  const d = toDigits(text);
  return (
    d !== null && d.length >= 12 && passesLuhn(d, d.length) && classifyCardPrefix(d, d.length) === CARD_BRAND
  );
}

export function isValidPostcode(text: string): boolean {
  const m = /^([1-9]\d{3}) ?([A-Z]{2})$/.exec(text);
  return m !== null && isPostcodeLetters(m[2]!.charCodeAt(0), m[2]!.charCodeAt(1));
}

export function isValidMac(text: string): boolean {
  const bytes = toBytes(text);
  return isMacAddress(bytes, 0, bytes.length);
}

export function isValidIpv4(text: string): boolean {
  const bytes = toBytes(text);
  return parseIpv4(bytes, 0, bytes.length);
}

export function isValidPassportNl(text: string): boolean {
  const bytes = toBytes(text.toUpperCase());
  return isPassportNlShape(bytes, bytes.length);
}

export function classifyPhone(text: string): number {
  const trimmed = text.replace(/[\s\-.()/]/g, '');
  if (trimmed.startsWith('+') || trimmed.startsWith('00')) {
    const d = toDigits(trimmed.replace(/^\+|^00/, ''));
    return d ? classifyE164(d, d.length) : PHONE_INVALID;
  }
  if (trimmed.startsWith('0')) {
    const d = toDigits(trimmed.slice(1));
    return d ? classifyPhoneNsn(31, d, 0, d.length) : PHONE_INVALID;
  }
  return PHONE_INVALID;
}
