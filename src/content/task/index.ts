// Task ⇄ VTODO converters (MS-ASTASK), with the intermediate EasTask for commands that need it.
export { decodeTaskApplicationData, encodeTaskApplicationData } from './task-converter.js';
export { easTaskFromIcal, icalFromEasTask } from './task-ical.js';
export { encodeTaskElements, parseTaskElements } from './task-elements.js';
export type { EasTask } from './task-model.js';
