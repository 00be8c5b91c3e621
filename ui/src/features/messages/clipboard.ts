// Copying a message to paste into WeChat or an SMS. Carnet has no clipboard plugin: the
// webview's own clipboard (navigator.clipboard) first; where WebKitGTK refuses it, the older
// copy command on the selected text; where that fails too, the text is left selected for
// Ctrl+C.

/** Copies `text`; `box` (the composer's text area) is selected for the fallbacks. */
export async function copyText(text: string, box?: HTMLTextAreaElement | null): Promise<boolean> {
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
