// Types of scripts/gmail-build.js, for the tests and the bench that build the add-on.
export declare const ENTRIES: Record<string, string>;
export declare const GLOBAL: string;
export declare function buildGmailAddon(options?: {
  serverUrl?: string;
  outDir?: string;
  minify?: boolean;
}): Promise<number>;
