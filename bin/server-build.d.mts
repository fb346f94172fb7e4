// Types of bin/server-build.mjs for the tests and scripts written in TypeScript.
export declare const ROOT: string;
export declare const BUILD_DIR: string;
export declare const ENTRY: string;
export declare function sourceStamp(files?: string[]): string;
export declare function buildIsCurrent(): boolean;
export declare function buildServer(): Promise<{ files: number; stamp: string }>;
