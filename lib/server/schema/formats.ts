// The OpenAPI string and number formats the API server validates in custom resources.

const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
const HOSTNAME = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
const UUID = /^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/;
const GO_DURATION = /^[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|μs|ms|s|m|h)(?:(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))*$|^0$/;
const ISO_DURATION = /^P(?!$)(?:\d+Y)?(?:\d+M)?(?:\d+W)?(?:\d+D)?(?:T(?=\d)(?:\d+H)?(?:\d+M)?(?:\d+(?:\.\d+)?S)?)?$/;

function validDate(text: string): boolean {
  const match = DATE.exec(text);
  if (match === null) return false;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return m >= 1 && m <= 12 && d >= 1 && d <= days;
}

function validIpv6(text: string): boolean {
  if (!/^[0-9a-fA-F:.]+$/.test(text) || !text.includes(':')) return false;
  try {
    return new URL(`http://[${text}]/`).hostname.length > 0;
  } catch {
    return false;
  }
}

/**
 * Validators of the formats apiextensions-apiserver checks (kube-openapi `strfmt`): `date`,
 * `date-time`, `duration` (Go or ISO 8601), `byte` (base64), `uri`, `email`, `hostname`, `ipv4`,
 * `ipv6`, `cidr`, `mac`, `uuid`/`uuid3`/`uuid4`/`uuid5`, `bsonobjectid`, `password` (anything) for
 * strings, and `int32`/`int64` ranges for integers. Unknown formats are not validated.
 */
export const STRING_FORMATS: Readonly<Record<string, (text: string) => boolean>> = {
  date: validDate,
  'date-time': (text) => {
    const match = DATE_TIME.exec(text);
    return match !== null && validDate(match[1] ?? '') && Number(match[2]) < 24 && Number(match[3]) < 60 && Number(match[4]) < 61;
  },
  duration: (text) => GO_DURATION.test(text) || ISO_DURATION.test(text),
  byte: (text) => /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(text),
  uri: (text) => {
    try {
      return new URL(text).protocol.length > 1;
    } catch {
      return false;
    }
  },
  email: (text) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text),
  hostname: (text) => HOSTNAME.test(text),
  ipv4: (text) => IPV4.test(text),
  ipv6: validIpv6,
  cidr: (text) => {
    const [ip, bits, extra] = text.split('/');
    if (ip === undefined || bits === undefined || extra !== undefined || !/^\d{1,3}$/.test(bits)) return false;
    if (IPV4.test(ip)) return Number(bits) <= 32;
    return validIpv6(ip) && Number(bits) <= 128;
  },
  mac: (text) => /^(?:[0-9a-fA-F]{2}[:-]){5}[0-9a-fA-F]{2}$/.test(text),
  uuid: (text) => UUID.test(text),
  uuid3: (text) => UUID.test(text) && text.replace(/-/g, '')[12] === '3',
  uuid4: (text) => UUID.test(text) && text.replace(/-/g, '')[12] === '4',
  uuid5: (text) => UUID.test(text) && text.replace(/-/g, '')[12] === '5',
  bsonobjectid: (text) => /^[0-9a-fA-F]{24}$/.test(text),
  password: () => true,
};

/** Integer formats with the range they allow. */
export const NUMBER_FORMATS: Readonly<Record<string, (value: number) => boolean>> = {
  int32: (value) => Number.isInteger(value) && value >= -2147483648 && value <= 2147483647,
  int64: (value) => Number.isInteger(value),
};
