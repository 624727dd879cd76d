// wtr server commands for picking a file the way a person does: the system's file dialog.
//   "file-chooser-expect": from now on, the next file dialog the test page opens is caught
//   (puppeteer's page.waitForFileChooser), so the test can open it with a key press;
//   "file-chooser-accept" { name, content }: answers that dialog with a file of that name and text.
// The file is written to a temporary folder, as the dialog can only name files on disk.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function fileChooser() {
  const waiting = new Map();
  return {
    name: 'file-chooser',
    async executeCommand({ command, payload, session }) {
      if (command === 'file-chooser-expect') {
        const chooser = session.browser.getPage(session.id).waitForFileChooser({ timeout: 15_000 });
        chooser.catch(() => {}); // a test that never opens it fails on its own terms
        waiting.set(session.id, chooser);
        return true;
      }
      if (command === 'file-chooser-accept') {
        const chooser = waiting.get(session.id);
        if (!chooser) throw new Error('file-chooser-accept without file-chooser-expect');
        waiting.delete(session.id);
        const dir = await mkdtemp(join(tmpdir(), 'case-portal-upload-'));
        const file = join(dir, payload.name);
        await writeFile(file, payload.content);
        await (await chooser).accept([file]);
        return true;
      }
      return undefined;
    },
  };
}
