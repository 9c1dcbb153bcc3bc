// Types of scripts/docs.js (for the tests).
export declare const DEFAULT_OUT: string;
export declare function buildDocs(out?: string): string;
