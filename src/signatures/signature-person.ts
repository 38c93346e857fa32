// Name, title and company from a display name and a signature's lines. A signature is a few short lines in a
// loose order: the name, then the title and the company (often on one line, "Title | Company" or "Title, Company"),
// then contact lines. A value is given only when a line clearly is one; a wrong prefill costs the rep more than an
// empty field.

const HONORIFIC = /^(dr|prof|mr|mrs|ms|miss|herr|frau|dipl\.?-?\w*|ing|mag|sir)\.?$/i;
const WORD = /^[\p{Lu}][\p{L}'’.-]*$/u;
/** Words that make a line a team or a shop rather than a person. */
const NOT_NAME =
  /^(ihre?|your|the|team|sales|support|service|services|office|info|customer|kundenservice|vertrieb|buchhaltung|accounts|billing|admin|noreply|no-reply)$/i;
const PARTICLE = /^(van|von|de|der|den|del|della|di|da|du|la|le|zu|ten|ter|vom|zum|bin|al)$/i;

export interface PersonName {
  firstName: string;
  lastName: string;
}

/** "Walsh, Jennifer", "Dr. Anna van der Berg", "JENNIFER WALSH (Northwind)": a person's name, or undefined. */
export function parsePersonName(text: string): PersonName | undefined {
  let s = text
    .replace(/<[^>]*>|\([^)]*\)|\[[^\]]*\]|"|'/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (s === '' || s.includes('@') || /\d/.test(s)) return undefined;
  let words: string[];
  const comma = s.split(',');
  if (comma.length === 2 && comma[0]!.trim().split(' ').length <= 2 && comma[1]!.trim() !== '') {
    s = `${comma[1]!.trim()} ${comma[0]!.trim()}`;
  } else if (comma.length > 1) return undefined;
  words = s.split(' ').filter((w) => !HONORIFIC.test(w));
  if (words.length < 2 || words.length > 5) return undefined;
  words = words.map((w) => (w === w.toUpperCase() && w.length > 1 ? w[0] + w.slice(1).toLowerCase() : w));
  if (!words.every((w) => WORD.test(w) || PARTICLE.test(w))) return undefined;
  if (words.some((w) => NOT_NAME.test(w))) return undefined;
  if (!WORD.test(words[0]!) || !WORD.test(words[words.length - 1]!)) return undefined;
  // Particles belong to the last name: "Anna van der Berg" is Anna / van der Berg.
  let split = words.length - 1;
  while (split > 1 && PARTICLE.test(words[split - 1]!)) split--;
  return { firstName: words.slice(0, split).join(' '), lastName: words.slice(split).join(' ') };
}

const TITLE_WORDS =
  /\b(manager|director|head|vp|svp|evp|vice president|president|chief|ceo|cto|cfo|coo|cio|cmo|founder|co-founder|owner|partner|principal|engineer|consultant|advisor|adviser|specialist|analyst|officer|lead|buyer|purchasing|procurement|sales|account executive|representative|coordinator|assistant|associate|administrator|architect|developer|designer|counsel|attorney|accountant|controller|treasurer|executive|supervisor|team lead|leiter|leiterin|leitung|geschäftsführer|geschäftsführerin|prokurist|prokuristin|vertrieb|einkauf|einkäufer|einkäuferin|referent|referentin|sachbearbeiter|sachbearbeiterin|berater|beraterin|projektleiter|projektleiterin|abteilungsleiter|abteilungsleiterin|vorstand|inhaber|inhaberin|assistenz|kaufmann|kauffrau|ingenieur|ingenieurin|entwickler|entwicklerin|key account)\b/i;

const COMPANY_SUFFIX =
  /(\b(GmbH|mbH|AG|SE|KG|KGaA|OHG|UG|Inc|LLC|Ltd|Limited|Corp|Corporation|PLC|LLP|S\.A|B\.V|N\.V|S\.p\.A|AB|Oy|Group|Holding|Holdings|Partners|Technologies|Systems|Solutions)\b\.?|&\s?Co\b\.?|e\.\s?K\.)/;

/** A line that holds contact details rather than words: numbers, addresses, links, labels. */
export function isContactLine(line: string): boolean {
  return (
    /@|https?:\/\/|www\./i.test(line) ||
    /\d[\d\s()/.-]{5,}\d/.test(line) ||
    /^(t|m|f|p|e|w|tel|fon|phone|mobile|mobil|cell|fax|telefax|email|e-mail|web|direct|office|handy)\b\.?\s*[:.]/i.test(
      line,
    ) ||
    /\b(street|st\.|str\.|straße|strasse|avenue|ave\.?|road|rd\.|suite|floor|platz|weg|allee|ring|gasse)\b/i.test(
      line,
    ) ||
    /\b\d{4,5}\s+\p{Lu}\p{Ll}+/u.test(line)
  );
}

/** Splits "Title | Company", "Title, Company", "Title at Company", "Title – Company". */
function splitTitleCompany(line: string): [string, string] | undefined {
  const parts = line.split(/\s+[|·•–—]\s+|\s+-\s+|\s+at\s+|\s+bei\s+/i);
  if (parts.length === 2) return [parts[0]!.trim(), parts[1]!.trim()];
  const comma = line.lastIndexOf(',');
  if (comma > 0) {
    const [title, company] = [line.slice(0, comma).trim(), line.slice(comma + 1).trim()];
    if (TITLE_WORDS.test(title) && !TITLE_WORDS.test(company)) return [title, company];
  }
  return undefined;
}

export interface PersonDetails {
  /** The signature's name line, when one was recognised (its index in the lines). */
  nameLine?: number;
  name?: PersonName;
  title?: string;
  company?: string;
}

/** "Quantum Parts Sales Team", "Ihr Vertriebsteam": a team signing, not a person's title. */
const TEAM = /\bteam$|^(ihr|ihre|your|the)\b/i;
const isTitle = (s: string): boolean =>
  TITLE_WORDS.test(s) && s.length <= 80 && !isContactLine(s) && !TEAM.test(s);
const isCompany = (s: string): boolean =>
  COMPANY_SUFFIX.test(s) && s.length <= 80 && !isContactLine(s) && !TITLE_WORDS.test(s);

/** "Alex Kim | CTO | Brightlane Inc. | +1 212…": the fields of a signature written on one line, one per line. */
function unfoldBars(lines: readonly string[]): string[] {
  const first = lines[0];
  if (lines.length !== 1 || first === undefined) return [...lines];
  const parts = first.split('|').map((p) => p.trim());
  return parts.length >= 3 ? parts.filter((p) => p !== '') : [...lines];
}

/** Name, title and company read from a signature's lines, knowing the display name's name when there is one. */
export function signaturePerson(signature: readonly string[], known?: PersonName): PersonDetails {
  const details: PersonDetails = {};
  const lines = unfoldBars(signature);
  // The name line: the display name's last name on a line of its own, else the first line that is a name.
  let at = -1;
  for (let i = 0; i < Math.min(lines.length, 4) && at < 0; i++) {
    const line = lines[i]!;
    if (isContactLine(line)) continue;
    const name = parsePersonName(line.split(/\s+[|,–-]\s+/)[0]!);
    if (!name) continue;
    if (known && name.lastName.toLowerCase() !== known.lastName.toLowerCase()) continue;
    at = i;
    details.nameLine = i;
    details.name = name;
  }
  // Title and company: the lines after the name (or the first lines, with no name line), before contact lines.
  const from = at + 1;
  for (let i = from; i < Math.min(lines.length, from + 3); i++) {
    const line = lines[i]!;
    if (isContactLine(line)) break;
    const pair = splitTitleCompany(line);
    const next = lines[i + 1];
    // "Vice President, Treasury Services" over "Meridian Bank": the comma is inside the title.
    const commaInTitle =
      pair !== undefined &&
      line.includes(',') &&
      !/\s(\||·|•|–|—|-|at|bei)\s/i.test(line) &&
      !COMPANY_SUFFIX.test(pair[1]) &&
      next !== undefined &&
      !isContactLine(next) &&
      /^\p{Lu}/u.test(next) &&
      next.length <= 60 &&
      !isTitle(next);
    if (pair && !commaInTitle && !details.title && isTitle(pair[0])) {
      details.title = pair[0];
      if (!details.company && pair[1] !== '' && !TITLE_WORDS.test(pair[1])) details.company = pair[1];
      continue;
    }
    if (!details.title && isTitle(line)) details.title = line;
    else if (!details.company && isCompany(line)) details.company = line;
    else if (
      details.title &&
      !details.company &&
      i === from + 1 &&
      /^\p{Lu}/u.test(line) &&
      line.length <= 60
    )
      // The line after the title, capitalised and short: the company, as signatures put it.
      details.company = line;
  }
  if (!details.company) {
    const line = lines.find((l, i) => i > at && isCompany(l));
    if (line) details.company = line;
  }
  return details;
}
