// Types of scripts/jest-summary.mjs.
export function summary(files: string[]): string;
