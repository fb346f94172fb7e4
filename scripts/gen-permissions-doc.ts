import { writeFileSync } from 'node:fs';
import { permissionMatrixMarkdown } from '../src/domain/auth/permissions.js';

writeFileSync('docs/permissions.md', permissionMatrixMarkdown());
