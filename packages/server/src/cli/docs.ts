/** `npm run docs`: writes docs/config.md and docs/errors.md from their catalogs. */
import { writeFile } from 'node:fs/promises';
import { renderConfigDoc } from '../config.js';
import { renderErrorDoc } from '../errors.js';
import { docsDir } from '../platform/paths.js';

await writeFile(`${docsDir}/config.md`, renderConfigDoc());
await writeFile(`${docsDir}/errors.md`, renderErrorDoc());
console.log(`wrote ${docsDir}/config.md and ${docsDir}/errors.md`);
