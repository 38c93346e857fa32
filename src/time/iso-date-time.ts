// Rule 0's date check, without the clock: an ISO 8601 date-time with a time zone naming a real calendar date.
// `Date.parse` is too forgiving (it rolls 2026-02-30 over to March), so the fields are read and checked one by
// one. Hand-written rather than a regular expression because every decision reads at least one date.

function digits(s: string, at: number, count: number): number {
  let n = 0;
  for (let i = at; i < at + count; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(y: number, m: number, d: number): number {
  const year = m <= 2 ? y - 1 : y;
  const era = Math.floor(year / 400);
  const yoe = year - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/**
 * Milliseconds since the epoch, or null unless the value is `YYYY-MM-DDTHH:MM[:SS[.fff…]]` followed by `Z` or an
 * offset `±HH[:MM]` / `±HHMM`, naming a real date and time.
 */
export function parseIsoDateTime(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  const s = value.trim();
  if (s.length < 17 || s[4] !== '-' || s[7] !== '-' || (s[10] !== 'T' && s[10] !== 't') || s[13] !== ':')
    return null;
  const year = digits(s, 0, 4);
  const month = digits(s, 5, 2);
  const day = digits(s, 8, 2);
  const hour = digits(s, 11, 2);
  const minute = digits(s, 14, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59) return null;
  let at = 16;
  let second = 0;
  let millis = 0;
  if (s[at] === ':') {
    second = digits(s, at + 1, 2);
    if (second < 0 || second > 59) return null;
    at += 3;
    if (s[at] === '.' || s[at] === ',') {
      const start = ++at;
      while (at < s.length && at - start < 9 && s.charCodeAt(at) >= 48 && s.charCodeAt(at) <= 57) at++;
      if (at === start) return null;
      millis = digits(`${s.slice(start, Math.min(at, start + 3))}00`, 0, 3);
    }
  }
  let offsetMinutes: number;
  const zone = s[at];
  if ((zone === 'Z' || zone === 'z') && at + 1 === s.length) offsetMinutes = 0;
  else if (zone === '+' || zone === '-') {
    const rest = s.length - at - 1;
    const oh = digits(s, at + 1, 2);
    let om = 0;
    if (rest === 5 && s[at + 3] === ':') om = digits(s, at + 4, 2);
    else if (rest === 4) om = digits(s, at + 3, 2);
    else if (rest !== 2) return null;
    if (oh < 0 || oh > 23 || om < 0 || om > 59) return null;
    offsetMinutes = (zone === '-' ? -1 : 1) * (oh * 60 + om);
  } else return null;
  const days = daysFromCivil(year, month, day);
  return ((days * 24 + hour) * 60 + minute - offsetMinutes) * 60_000 + second * 1000 + millis;
}
