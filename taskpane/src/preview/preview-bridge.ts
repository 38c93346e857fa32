import type { OfficeLike } from '../office/office-like';

// How the preview page (preview.tsx) hands the pane in its frame a stand-in for Office and a token: a same-origin
// parent sets `window.liaisonPreview` before the frame loads.

export interface PreviewBridge {
  office: OfficeLike;
  token(fresh?: boolean): Promise<string>;
}

declare global {
  interface Window {
    liaisonPreview?: PreviewBridge;
  }
}

/** The bridge of the parent page, when this pane runs inside the preview. */
export function previewBridge(): PreviewBridge | undefined {
  try {
    return window.parent !== window ? window.parent.liaisonPreview : undefined;
  } catch {
    return undefined; // a cross-origin parent (Outlook on the web) is not the preview
  }
}
