// Liaison's mark: two linked rings (a person and a record, kept together) on the brand blue. One string serves as
// the dashboard header's mark and as the favicon the server sends at /favicon.svg, so the two never drift apart.

export const LIAISON_MARK_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32" width="32" height="32">' +
  '<rect width="32" height="32" rx="7" fill="#0F6CBD"/>' +
  '<circle cx="12.5" cy="16" r="6" fill="none" stroke="#FFFFFF" stroke-width="3"/>' +
  '<circle cx="19.5" cy="16" r="6" fill="none" stroke="#FFFFFF" stroke-width="3"/>' +
  '</svg>';

/** Where the server serves the mark as an icon (the dashboard's `<link rel="icon">` names it). */
export const FAVICON_PATH = '/favicon.svg';
