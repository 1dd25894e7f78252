// Types for bench/lib/precache.mjs.
export function gzipBytes(file: string): number;
export function sentBytes(file: string): number;
export function precacheUrls(swSource: string): string[];
export function precacheBytes(dist: string): { files: number; bytes: number };
