import EmailReplyParser from 'email-reply-parser';

// Where a sender's signature is: the sender's own words first (quoted replies and forwarded emails cut with
// email-reply-parser, plus the Outlook header blocks it does not know), then the lines after the sign-off or the
// `-- ` delimiter, up to the first disclaimer or company imprint.

/** Outlook's and Gmail's headers of a quoted or forwarded email, in English and German. */
const QUOTED_HEADER = [
  /^-{2,}\s*(original message|ursprüngliche nachricht|forwarded message|weitergeleitete nachricht)\s*-{2,}$/i,
  /^(from|von):\s.+$/i,
  /^_{10,}$/,
];
/** A `From:` line starts a header block only with a `Sent:`/`Date:` line close below it. */
const HEADER_FOLLOWER = /^(sent|date|gesendet|datum|to|an):\s/i;

/** The closing words before a signature (English and German), alone on their line. */
const SIGN_OFF =
  /^(best|best regards|kind regards|warm regards|warmest regards|regards|many thanks|thanks|thank you|thanks again|cheers|sincerely|yours sincerely|yours truly|all the best|best wishes|with best regards|mit freundlichen gr(ü|ue)(ß|ss)en|mit freundlichem gru(ß|ss)|mit besten gr(ü|ue)(ß|ss)en|(freundliche|viele|beste|liebe|herzliche|schöne|sonnige) gr(ü|ue)(ß|ss)e|gr(ü|ue)(ß|ss)e|gru(ß|ss)|danke|vielen dank|mfg|lg|vg|bg)\s*[,.!]?$/i;

/** Lines that end the signature: legal notices and imprints, which name other people and numbers. */
const DISCLAIMER =
  /^(this (e-?mail|message|communication)|the information (contained|in this)|confidential|confidentiality|disclaimer|privileged|if you (are not|have received)|please consider the environment|diese (e-?mail|nachricht)|vertraulich|hinweis:|bitte denken sie|registergericht|amtsgericht|handelsregister|sitz der gesellschaft|geschäftsführer(in)?:|geschäftsführung:|vorstand:|aufsichtsrat|ust-?id|steuer-?nr|registered (office|in)|company (registration|number))/i;

/** What mobile mail apps add: not the sender's signature. */
const DEVICE_LINE =
  /^(sent from (my )?(iphone|ipad|android|mobile|samsung|galaxy|outlook for (ios|android))|get outlook for (ios|android)|von meinem (iphone|ipad|smartphone|mobiltelefon|samsung)( gesendet)?|gesendet von (meinem )?(iphone|ipad|mobilgerät))/i;

const MAX_SIGNATURE_LINES = 14;

/** The sender's own text: before the first quoted part or forwarded email. */
export function ownText(body: string): string {
  const text = body.replace(/\r\n?/g, '\n');
  let visible = '';
  for (const fragment of new EmailReplyParser().read(text).getFragments()) {
    if (fragment.isQuoted()) break;
    visible += `${fragment.getContent()}\n`;
  }
  const lines = visible.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] as string).trim();
    const header = QUOTED_HEADER.some((p) => p.test(line));
    if (!header) continue;
    const isFrom = /^(from|von):/i.test(line);
    if (isFrom && !lines.slice(i + 1, i + 4).some((l) => HEADER_FOLLOWER.test(l.trim()))) continue;
    return lines.slice(0, i).join('\n');
  }
  return visible;
}

export interface SignatureBlock {
  /** The signature's lines, trimmed, without empty lines, device lines or disclaimers. */
  lines: string[];
  /** Whether a sign-off or `-- ` marked where it starts (else the last lines were taken). */
  marked: boolean;
}

/** The signature of an email body, or no lines when there is none to read. */
export function signatureBlock(body: string): SignatureBlock {
  const lines = ownText(body)
    .split('\n')
    .map((l) => l.trim());
  let start = -1;
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i] as string;
    if (line === '--' || line === '-- ' || SIGN_OFF.test(line)) {
      start = i + 1;
      break;
    }
  }
  const marked = start >= 0;
  // No sign-off: the last paragraph, when it is short lines (a signature) rather than prose.
  if (!marked) {
    let end = lines.length;
    while (end > 0 && (lines[end - 1] === '' || DEVICE_LINE.test(lines[end - 1] as string))) end--;
    let first = end;
    while (first > 0 && lines[first - 1] !== '') first--;
    start = first;
    const paragraph = lines.slice(first, end);
    // One line can be a whole signature when it is fields between bars: "Alex Kim | CTO | Brightlane".
    const oneLiner = paragraph.length === 1 && (paragraph[0] as string).split('|').length >= 3;
    if ((paragraph.length < 2 && !oneLiner) || paragraph.some((l) => l.length > 80 && !oneLiner))
      return { lines: [], marked };
  }
  const block: string[] = [];
  for (const line of lines.slice(start)) {
    if (DISCLAIMER.test(line)) break;
    if (line === '' || DEVICE_LINE.test(line)) continue;
    block.push(line);
    if (block.length === MAX_SIGNATURE_LINES) break;
  }
  return { lines: block, marked };
}
