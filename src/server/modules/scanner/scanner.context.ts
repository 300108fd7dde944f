import {
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
  T_PHONE,
  T_POSTCODE,
  T_VAT_NL,
} from './scanner.types.ts';

// Context rules follow Macie and Google DLP hotwords (identifiers.md §2): a keyword near the value, the CSV
// column name or a JSON key promotes a type that has no checksum, and a keyword of another kind (order number,
// call start time, version) demotes a look-alike. Keywords are matched on tokens of the key or of the words
// before the value: short keywords must equal a token, longer ones may be part of a compound
// ("telefoonnummer", "geboortedatum").

export interface KeyInfo {
  promote: number;
  demote: number;
  isName: boolean;
}

const PROMOTE: [number, string[]][] = [
  [T_EMAIL, ['email', 'mail', 'mailadres', 'emailadres']],
  [
    T_PHONE,
    [
      'telefoon',
      'phone',
      'mobiel',
      'mobile',
      'gsm',
      'msisdn',
      'caller',
      'callee',
      'calling',
      'called',
      'anumber',
      'bnumber',
      'tel',
      'telnr',
      'fax',
      'bellen',
      'belnummer',
      'cli',
      'ani',
      'dnis',
    ],
  ],
  [T_IBAN, ['iban', 'rekening', 'bank', 'bankrekening']],
  [T_BSN, ['bsn', 'burgerservice', 'sofinummer', 'sofi', 'sofinr', 'citizenservice', 'persoonsnummer']],
  [T_IMEI, ['imei', 'imeisv', 'toestel', 'handset']],
  [T_ICCID, ['iccid', 'simkaart', 'simcard', 'sim', 'simnummer', 'simnr']],
  [T_IMSI, ['imsi']],
  [
    T_MAC,
    ['mac', 'macaddress', 'macadres', 'hwaddr', 'bssid', 'ether', 'hardwareaddress', 'chaddr', 'station'],
  ],
  [
    T_IP,
    [
      'ip',
      'ipaddress',
      'ipadres',
      'ipv4',
      'ipv6',
      'src',
      'dst',
      'srcip',
      'dstip',
      'sourceip',
      'clientip',
      'client',
      'remote',
      'addr',
      'peer',
      'nat',
      'gateway',
    ],
  ],
  [
    T_POSTCODE,
    ['postcode', 'postal', 'zipcode', 'zip', 'adres', 'address', 'woonplaats', 'straat', 'street'],
  ],
  [T_KVK, ['kvk', 'kamervankoophandel', 'handelsregister', 'chamberofcommerce', 'coc', 'kvknr', 'kvknummer']],
  [T_VAT_NL, ['btw', 'vat', 'btwnummer', 'btwid', 'vatnumber', 'omzetbelasting']],
  [
    T_LICENSE_PLATE,
    ['kenteken', 'licenseplate', 'plate', 'nummerbord', 'numberplate', 'voertuig', 'vehicle'],
  ],
  [
    T_PASSPORT_NL,
    [
      'paspoort',
      'passport',
      'documentnummer',
      'documentnumber',
      'docnr',
      'identiteitskaart',
      'idkaart',
      'idcard',
      'identiteitsbewijs',
      'reisdocument',
      'legitimatie',
      'iddocument',
    ],
  ],
  [
    T_DATE_OF_BIRTH,
    [
      'geboortedatum',
      'geboren',
      'geb',
      'dob',
      'birth',
      'birthdate',
      'birthday',
      'dateofbirth',
      'verjaardag',
      'gebdatum',
      'geboorte',
      'bday',
    ],
  ],
  [
    T_CREDIT_CARD,
    ['creditcard', 'card', 'cardnumber', 'visa', 'mastercard', 'amex', 'pan', 'betaalkaart', 'kaartnummer'],
  ],
];

const NUMBER_TYPES = [T_BSN, T_KVK, T_IMEI, T_IMSI, T_ICCID, T_CREDIT_CARD, T_PASSPORT_NL, T_POSTCODE];
const DEMOTE: [number[], string[]][] = [
  [[T_BSN], ['rsin']],
  [
    NUMBER_TYPES,
    [
      'order',
      'ordernummer',
      'ordernr',
      'bestel',
      'bestelling',
      'factuur',
      'invoice',
      'ticket',
      'referentie',
      'reference',
      'ref',
      'transactie',
      'transaction',
      'txn',
      'zaak',
      'dossier',
      'artikel',
      'article',
      'sku',
      'product',
      'klantnummer',
      'customer',
      'id',
      'uuid',
      'guid',
      'serial',
      'serienummer',
      'volgnummer',
      'batch',
      'bytes',
      'size',
      'duration',
      'duur',
      'port',
      'sport',
      'dport',
      'pid',
      'uid',
      'seq',
      'count',
      'aantal',
      'amount',
      'bedrag',
      'callid',
      'session',
      'sessie',
      'cell',
      'cellid',
      'lac',
      'rule',
      'tracking',
      'pakket',
      'zending',
      'track',
      'job',
      'request',
      'req',
      'trace',
      'span',
      'msgid',
      'messageid',
      'contract',
      'polis',
      'offerte',
      'quote',
    ],
  ],
  // Phone numbers are common in prose next to words like "klant" or "zaak"; only identifier-like keys and
  // order/ticket words demote them.
  [
    [T_PHONE],
    [
      'order',
      'ordernummer',
      'ordernr',
      'factuur',
      'invoice',
      'ticket',
      'referentie',
      'reference',
      'ref',
      'transactie',
      'transaction',
      'id',
      'uuid',
      'klantnummer',
      'serial',
      'serienummer',
      'tracking',
      'bytes',
      'size',
      'duration',
      'port',
      'sport',
      'dport',
      'pid',
      'seq',
      'amount',
      'bedrag',
      'callid',
      'session',
      'cellid',
    ],
  ],
  [
    [T_DATE_OF_BIRTH],
    [
      'start',
      'end',
      'eind',
      'begin',
      'stop',
      'time',
      'tijd',
      'timestamp',
      'created',
      'updated',
      'modified',
      'aangemaakt',
      'gewijzigd',
      'datum',
      'date',
      'call',
      'gesprek',
      'login',
      'logout',
      'expires',
      'expiry',
      'verloopt',
      'geldig',
      'valid',
      'issued',
      'uitgifte',
      'afgifte',
      'order',
      'levering',
      'delivery',
      'sent',
      'verzonden',
      'received',
      'ontvangen',
      'last',
      'seen',
      'factuur',
      'invoice',
      'betaling',
      'payment',
      'contract',
      'ingang',
      'opzeg',
    ],
  ],
  [
    [T_IP],
    [
      'version',
      'versie',
      'ver',
      'v',
      'release',
      'build',
      'firmware',
      'fw',
      'revision',
      'rev',
      'oid',
      'snmp',
      'sw',
    ],
  ],
  [
    [T_MAC, T_CREDIT_CARD, T_IMEI, T_BSN, T_PHONE],
    [
      'hash',
      'sha',
      'sha1',
      'sha256',
      'md5',
      'checksum',
      'fingerprint',
      'digest',
      'commit',
      'token',
      'nonce',
      'signature',
    ],
  ],
];

const NAME_KEYS = [
  'naam',
  'name',
  'voornaam',
  'achternaam',
  'firstname',
  'lastname',
  'fullname',
  'surname',
  'givenname',
  'familyname',
  'contactpersoon',
  'klantnaam',
  'displayname',
  'roepnaam',
  'voorletters',
  'initials',
  'tussenvoegsel',
];
const NOT_NAME_KEYS = [
  'username',
  'hostname',
  'filename',
  'domainname',
  'servername',
  'bedrijfsnaam',
  'companyname',
  'productname',
  'devicename',
  'appname',
  'pathname',
  'accountname',
  'gebruikersnaam',
  'organisatienaam',
  'straatnaam',
  'streetname',
  'plaatsnaam',
  'bestandsnaam',
  'cellname',
  'sitename',
  'printername',
  'typename',
  'loginname',
  'queuename',
  'rulename',
  'profilename',
  'planname',
  'tariefnaam',
];

const SHORT_KEYWORD = 3;
const exactKeywords = new Map<string, KeyInfo>();
const compoundKeywords: [string, KeyInfo][] = [];

function addKeyword(word: string, promote: number, demote: number): void {
  const target =
    word.length <= SHORT_KEYWORD ? exactKeywords.get(word) : compoundKeywords.find(([w]) => w === word)?.[1];
  if (target) {
    target.promote |= promote;
    target.demote |= demote;
    return;
  }
  const info: KeyInfo = { promote, demote, isName: false };
  if (word.length <= SHORT_KEYWORD) {
    exactKeywords.set(word, info);
  } else {
    compoundKeywords.push([word, info]);
    // A compound keyword also matches as a whole token.
    exactKeywords.set(word, info);
  }
}

for (const [type, words] of PROMOTE) {
  for (const word of words) {
    addKeyword(word, 1 << type, 0);
  }
}
for (const [types, words] of DEMOTE) {
  const mask = types.reduce((m, t) => m | (1 << t), 0);
  for (const word of words) {
    addKeyword(word, 0, mask);
  }
}

export const EMPTY_KEY_INFO: KeyInfo = Object.freeze({ promote: 0, demote: 0, isName: false });

export function splitKeyTokens(name: string): string[] {
  // camelCase, snake_case, kebab-case and spaces all separate tokens: "callerMsisdn" → caller, msisdn.
  return name
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((t) => t.length > 0);
}

function classifyToken(token: string, info: KeyInfo): void {
  const exact = exactKeywords.get(token);
  if (exact) {
    info.promote |= exact.promote;
    info.demote |= exact.demote;
    return;
  }
  for (const [word, keyword] of compoundKeywords) {
    if (token.includes(word)) {
      info.promote |= keyword.promote;
      info.demote |= keyword.demote;
    }
  }
}

export function classifyKey(name: string): KeyInfo {
  const info: KeyInfo = { promote: 0, demote: 0, isName: false };
  const tokens = splitKeyTokens(name);
  for (const token of tokens) {
    classifyToken(token, info);
  }
  const joined = tokens.join('');
  if (joined.length > 0) {
    classifyToken(joined, info);
  }
  // A promoted type wins over a demotion from the same key: "geboortedatum" promotes DATE_OF_BIRTH even
  // though "datum" alone would demote it.
  info.demote &= ~info.promote;
  const isExcluded = NOT_NAME_KEYS.some((k) => joined.includes(k));
  info.isName =
    !isExcluded && NAME_KEYS.some((k) => joined === k || joined.endsWith(k) || tokens.includes(k));
  return info;
}

const keyCache = new Map<string, KeyInfo>();

export function getKeyInfo(name: string): KeyInfo {
  let info = keyCache.get(name);
  if (!info) {
    if (keyCache.size > 50_000) {
      keyCache.clear();
    }
    info = classifyKey(name);
    keyCache.set(name, info);
  }
  return info;
}

// Window tokens are looked up by a hash of their lower-cased bytes so the scan loop builds no strings for
// words it has seen before.
const tokenCache = new Map<number, KeyInfo>();

function isAlnumByte(c: number): boolean {
  return (c >= 48 && c <= 57) || ((c | 0x20) >= 97 && (c | 0x20) <= 122);
}

// Window tokens keep '_' and '-' so "klant_bsn" and "ID-kaart" are read as one key.
function isTokenByte(c: number): boolean {
  return isAlnumByte(c) || c === 95 || c === 45;
}

export function lookupKeyBytes(buf: Uint8Array, start: number, end: number): KeyInfo {
  let h = 0x811c9dc5 ^ (end - start);
  for (let i = start; i < end; i++) {
    const c = buf[i]!;
    h = Math.imul(h ^ (c >= 65 && c <= 90 ? c | 0x20 : c), 0x01000193);
  }
  let info = tokenCache.get(h);
  if (!info) {
    if (tokenCache.size > 100_000) {
      tokenCache.clear();
    }
    let text = '';
    for (let i = start; i < end; i++) {
      text += String.fromCharCode(buf[i]!);
    }
    info = classifyKey(text);
    tokenCache.set(h, info);
  }
  return info;
}

export const CTX_NONE = 0;
export const CTX_PROMOTE = 1;
export const CTX_DEMOTE = -1;

// Looks at up to `maxWords` words before `start` (not before `floor`), nearest first; the first word that
// says something about `type` decides. Digits-only words are values, not keywords, and are skipped.
export function readWindowContext(
  buf: Uint8Array,
  start: number,
  floor: number,
  type: number,
  maxBytes: number,
): number {
  const bit = 1 << type;
  const limit = Math.max(floor, start - maxBytes);
  let i = start - 1;
  let words = 0;
  while (i >= limit && words < 6) {
    const c = buf[i]!;
    if (c === 10 || c === 13) {
      break;
    }
    // Keywords belong to their own sentence or clause: "… Utrecht. Het verbruik was 2548 MB" must not read
    // "Dorpsstraat" from the previous sentence.
    if (
      words > 0 &&
      (c === 46 || c === 33 || c === 63 || c === 59) &&
      (buf[i + 1] === 32 || buf[i + 1] === 9)
    ) {
      break;
    }
    if (!isTokenByte(c)) {
      i--;
      continue;
    }
    const end = i + 1;
    let hasLetter = false;
    let digits = 0;
    while (i >= limit && isTokenByte(buf[i]!)) {
      const b = buf[i]!;
      if (b > 64) {
        hasLetter = true;
      } else if (b >= 48 && b <= 57) {
        digits++;
      }
      i--;
    }
    // Keywords are words ("bsn", "ipv6"); session ids, hashes and message ids would only fill the cache.
    if (!hasLetter || digits > 1 || end - i - 1 > 32) {
      continue;
    }
    words++;
    const info = lookupKeyBytes(buf, i + 1, end);
    if (info.promote & bit) {
      return CTX_PROMOTE;
    }
    if (info.demote & bit) {
      return CTX_DEMOTE;
    }
  }
  return CTX_NONE;
}

export function readKeyContext(info: KeyInfo, type: number): number {
  const bit = 1 << type;
  if (info.promote & bit) {
    return CTX_PROMOTE;
  }
  if (info.demote & bit) {
    return CTX_DEMOTE;
  }
  return CTX_NONE;
}
