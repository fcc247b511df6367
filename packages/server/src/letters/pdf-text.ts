import { extractText, getDocumentProxy } from 'unpdf';

/**
 * The text of a PDF as a reader's viewer would copy it, read with Mozilla's pdf.js (through
 * `unpdf`): an independent reader, so a test proves that the embedded fonts map every glyph
 * back to its characters. For tests (here and in the browser tests).
 */
export async function pdfText(pdf: Uint8Array): Promise<string> {
  const { text } = await extractText(await getDocumentProxy(new Uint8Array(pdf)), { mergePages: true });
  return text;
}
