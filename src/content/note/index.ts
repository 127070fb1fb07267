// Public face of the note converter: Notes ApplicationData ⇄ NoteContent.

export { decodeNoteApplicationData, encodeNoteApplicationData, NOTE_MESSAGE_CLASS } from './note-converter.js';
