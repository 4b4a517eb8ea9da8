import { fileURLToPath } from 'node:url';

/** The repository root and its docs folder (the same from src/ under vitest and dist/ under node). */
export const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
export const docsDir = `${repoRoot}docs`;
