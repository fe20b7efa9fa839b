/** Content fingerprint of an input file: the same bytes are the same import. */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

export async function fingerprintFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 4 << 20 })) {
    hash.update(chunk as Buffer);
  }
  return hash.digest('hex');
}
