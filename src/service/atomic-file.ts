/**
 * Replacing a file so that a crash at any moment leaves either the old file or the new one,
 * never half of one: the text goes to a temporary file beside it, is flushed to the disk
 * (fsync), then renamed over the old name (atomic on one file system), and the folder is
 * flushed so the rename itself survives a power cut. The file keeps its permissions.
 */
import { randomBytes } from 'node:crypto';
import { chmod, open, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export async function writeFileAtomic(path: string, text: string): Promise<void> {
  const folder = dirname(path);
  const temp = join(folder, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const mode = await stat(path).then(
    (s) => s.mode & 0o777,
    () => undefined,
  );
  const handle = await open(temp, 'wx');
  try {
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (mode !== undefined) await chmod(temp, mode);
    await rename(temp, path);
  } catch (e) {
    await unlink(temp).catch(() => undefined);
    throw e;
  }
  // Flushing a folder is a POSIX matter; where it cannot be opened (Windows) the rename stands.
  const dir = await open(folder, 'r').catch(() => undefined);
  if (dir !== undefined) {
    try {
      await dir.sync();
    } catch {
      // Some file systems refuse fsync on a folder; the rename is done all the same.
    } finally {
      await dir.close();
    }
  }
}
