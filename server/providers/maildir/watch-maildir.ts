import { watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';

// Push for a local Maildir: new files in a readable folder's new/ or cur/ call `onChange`, batched over a few
// milliseconds since one delivery is a create and a rename. Folders created later are covered by the regular sync.

const SETTLE_MS = 20;

export async function watchMaildir(
  folderDirs: string[],
  onChange: () => void,
): Promise<{ stop(): Promise<void> }> {
  const watchers: FSWatcher[] = [];
  let timer: NodeJS.Timeout | undefined;
  const changed = () => {
    if (timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      onChange();
    }, SETTLE_MS);
  };
  for (const dir of folderDirs) {
    for (const sub of ['new', 'cur']) {
      try {
        const watcher = watch(join(dir, sub), changed);
        watcher.on('error', () => watcher.close()); // the folder went away; polling still covers it
        watchers.push(watcher);
      } catch {
        // not there (yet): the regular sync reads it
      }
    }
  }
  return {
    stop: async () => {
      if (timer) clearTimeout(timer);
      timer = undefined;
      for (const watcher of watchers) watcher.close();
    },
  };
}
