// Copying a message to paste into WeChat or an SMS: the system clipboard through the Rust
// side (the clipboard plugin) first; where that is not there (a browser preview), the
// webview's own clipboard, then the older copy command on the selected text; where all fail,
// the text is left selected for Ctrl+C.
import { api } from '../../lib/api';

/** Copies `text`; `box` (the composer's text area) is selected for the fallbacks. */
export async function copyText(text: string, box?: HTMLTextAreaElement | null): Promise<boolean> {
  try {
    await api.copyText(text);
    return true;
  } catch {
    // no desktop shell: the webview's clipboard below
  }
  try {
    if (navigator.clipboard?.writeText) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // refused: try the copy command below
  }
  if (!box) return false;
  box.focus();
  box.select();
  try {
    return document.execCommand('copy');
  } catch {
    return false;
  }
}
