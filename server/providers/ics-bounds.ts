// What one calendar file may cost before it is parsed: invitations are a few kilobytes with a handful of
// components, so anything far beyond that is refused whole (a reason instead of events) rather than parsed.

export const ICS_LIMITS = {
  /** Characters of one text/calendar part. */
  maxChars: 1_000_000,
  /** BEGIN lines (components) in one file: a VCALENDAR, its VTIMEZONEs with their rules, VEVENTs, VALARMs. */
  maxComponents: 1_000,
  /** Component nesting (VCALENDAR › VEVENT › VALARM is 3). */
  maxDepth: 4,
  /** VEVENTs read from one file; the rest are left out. */
  maxVevents: 100,
  /** Occurrences of one series within the window (the latest are kept). */
  maxOccurrences: 200,
  /** Steps of one series' recurrence iterator (a daily series started years ago walks to the window). */
  maxIterations: 10_000,
  /**
   * Candidate dates the recurrence iterators of one file may try, its VTIMEZONEs' included (ics-recurrence-guard.ts):
   * an Outlook zone from 1601 takes about 1,000, a daily series started years ago a few thousand; a file that
   * spends all of them costs a few seconds at worst.
   */
  maxCandidates: 50_000,
  /** Events from one message, all files together. */
  maxEventsPerMessage: 500,
  /** Calendar parts read from one message. */
  maxParts: 4,
  /** Attendees kept per event. */
  maxAttendees: 500,
  /** Characters kept of a description. */
  maxDescription: 32_000,
} as const;

/** Why the file is refused, or undefined when it is within bounds. */
export function outOfBounds(text: string): string | undefined {
  if (text.length > ICS_LIMITS.maxChars) return `calendar file larger than ${ICS_LIMITS.maxChars} characters`;
  let depth = 0;
  let components = 0;
  // Folded lines (CRLF then a space or tab) are unfolded first, so a BEGIN split across lines still counts.
  for (const line of text.replace(/\r?\n[ \t]/g, '').split(/\r?\n/)) {
    const upper = line.slice(0, 6).toUpperCase();
    if (upper === 'BEGIN:') {
      components++;
      depth++;
      if (components > ICS_LIMITS.maxComponents) return `more than ${ICS_LIMITS.maxComponents} components`;
      if (depth > ICS_LIMITS.maxDepth) return `components nested deeper than ${ICS_LIMITS.maxDepth}`;
    } else if (upper.startsWith('END:')) {
      depth = Math.max(0, depth - 1);
    }
  }
  return undefined;
}
