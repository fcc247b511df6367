/**
 * The server names a refused field by its path (`newPerson.nik`, `roles.0.role`); an officer
 * knows it by the label on the screen. These put the label in the path's place.
 */

/** A label as the subject of a sentence: "NIK (bila ada)" reads "NIK". */
export function subjectOf(label: string): string {
  return label.replace(/\s*\([^)]*\)\s*$/, '').trim() || label;
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The server's message for `path` with the screen's label instead of the path. */
export function relabel(message: string, path: string, label: string): string {
  return capitalised(message.split(path).join(subjectOf(label)));
}
