import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { dataJsonSchemas } from '../domain/json-schema.ts';

const dir = path.join(process.argv[2] ?? 'data', 'schema');
await mkdir(dir, { recursive: true });
for (const [name, schema] of Object.entries(dataJsonSchemas())) {
  await writeFile(path.join(dir, name), `${JSON.stringify(schema, null, 2)}\n`);
  console.log(`wrote ${path.join(dir, name)}`);
}
