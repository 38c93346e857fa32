// Types of scripts/manifest-checks.js, for tests/manifest/.
export declare const MOBILE_ICON_SIZES: number[];
export declare const MOBILE_ICON_SCALES: number[];
export declare function xmlProblems(xml: string, origin: string): string[];
export declare function unifiedProblems(json: unknown, origin: string): Promise<string[]>;
export declare function pngSize(bytes: Buffer): { width: number; height: number } | undefined;
