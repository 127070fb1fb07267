// Single iCalendar properties ⇄ EAS values, each as a read/write pair so the two directions
// cannot drift: CLASS ⇄ Sensitivity, TRANSP + X-MICROSOFT-CDO-BUSYSTATUS ⇄ BusyStatus, VALARM
// ⇄ Reminder, LOCATION + GEO ⇄ Location, DESCRIPTION + X-ALT-DESC ⇄ Body, CATEGORIES. Writers
// touch only their own properties; everything else on the component stays as it was.
import ICAL from 'ical.js';
import type { BodySource, ClientBody } from '../body/index.js';
import { htmlToText } from '../body/index.js';
import type { EasLocation } from './event-model.js';

const SENSITIVITY_BY_CLASS: Readonly<Record<string, number>> = { PUBLIC: 0, 'X-PERSONAL': 1, PRIVATE: 2, CONFIDENTIAL: 3 };
const CLASS_BY_SENSITIVITY = ['PUBLIC', 'X-PERSONAL', 'PRIVATE', 'CONFIDENTIAL'] as const;
const BUSY_BY_CDO: Readonly<Record<string, number>> = { FREE: 0, TENTATIVE: 1, BUSY: 2, OOF: 3, WORKINGELSEWHERE: 4 };
const CDO_BY_BUSY = ['FREE', 'TENTATIVE', 'BUSY', 'OOF', 'WORKINGELSEWHERE'] as const;

export function text(component: ICAL.Component, name: string): string | undefined {
  const value = component.getFirstPropertyValue(name);
  return typeof value === 'string' ? value : undefined;
}

export function setText(component: ICAL.Component, name: string, value: string | undefined): void {
  if (value === undefined || value === '') component.removeAllProperties(name);
  else component.updatePropertyWithValue(name, value);
}

export function readSensitivity(component: ICAL.Component): number | undefined {
  const value = text(component, 'class');
  return value === undefined ? undefined : SENSITIVITY_BY_CLASS[value.toUpperCase()] ?? 2;
}

export function writeSensitivity(component: ICAL.Component, sensitivity: number | undefined): void {
  setText(component, 'class', sensitivity === undefined ? undefined : CLASS_BY_SENSITIVITY[sensitivity]);
}

/** RFC 5545 makes OPAQUE the default, so an event that says nothing is busy (2). */
export function readBusyStatus(component: ICAL.Component): number {
  const cdo = text(component, 'x-microsoft-cdo-busystatus')?.toUpperCase();
  if (cdo !== undefined && BUSY_BY_CDO[cdo] !== undefined) return BUSY_BY_CDO[cdo];
  if (text(component, 'transp')?.toUpperCase() === 'TRANSPARENT') return 0;
  return text(component, 'status')?.toUpperCase() === 'TENTATIVE' ? 1 : 2;
}

export function writeBusyStatus(component: ICAL.Component, busy: number | undefined): void {
  if (busy === undefined) return;
  setText(component, 'transp', busy === 0 ? 'TRANSPARENT' : 'OPAQUE');
  // Only the states TRANSP cannot say need the Microsoft property.
  setText(component, 'x-microsoft-cdo-busystatus', busy === 0 || busy === 2 ? undefined : CDO_BY_BUSY[busy]);
}

/** Minutes before the start of the first alarm, or undefined when there is none. */
export function readReminder(component: ICAL.Component, startMs: number, endMs: number): number | undefined {
  for (const alarm of component.getAllSubcomponents('valarm')) {
    const trigger = alarm.getFirstProperty('trigger');
    const value = trigger?.getFirstValue();
    let at: number | undefined;
    if (value instanceof ICAL.Duration) {
      const related = String(trigger?.getFirstParameter('related') ?? 'START').toUpperCase();
      at = (related === 'END' ? endMs : startMs) + value.toSeconds() * 1000;
    } else if (value instanceof ICAL.Time) {
      at = value.toUnixTime() * 1000;
    }
    if (at !== undefined) return Math.max(0, Math.round((startMs - at) / 60_000));
  }
  return undefined;
}

/** Replaces the alarms unless the first one already says the same; a reminder of null/undefined removes them. */
export function writeReminder(component: ICAL.Component, minutes: number | null | undefined, startMs: number, endMs: number): void {
  const current = readReminder(component, startMs, endMs);
  if ((minutes ?? undefined) === current) return;
  component.removeAllSubcomponents('valarm');
  if (minutes === undefined || minutes === null) return;
  const alarm = new ICAL.Component('valarm');
  alarm.addPropertyWithValue('action', 'DISPLAY');
  alarm.addPropertyWithValue('description', 'Reminder');
  alarm.addPropertyWithValue('trigger', ICAL.Duration.fromSeconds(-minutes * 60));
  component.addSubcomponent(alarm);
}

export function readLocation(component: ICAL.Component): EasLocation | undefined {
  const name = text(component, 'location');
  if (name === undefined) return undefined;
  const geo = component.getFirstPropertyValue('geo');
  if (Array.isArray(geo) && geo.length === 2) return { displayName: name, latitude: Number(geo[0]), longitude: Number(geo[1]) };
  return { displayName: name };
}

export function writeLocation(component: ICAL.Component, location: EasLocation | undefined): void {
  setText(component, 'location', location?.displayName);
  if (location?.latitude !== undefined && location.longitude !== undefined) {
    component.updatePropertyWithValue('geo', [location.latitude, location.longitude]);
  } else if (location === undefined || location.displayName === '') {
    component.removeAllProperties('geo');
  }
}

export function readBodySource(component: ICAL.Component): BodySource | undefined {
  const plain = text(component, 'description');
  const alt = component.getAllProperties('x-alt-desc')
    .find((p) => String(p.getFirstParameter('fmttype') ?? '').toLowerCase() === 'text/html');
  const html = alt === undefined ? undefined : String(alt.getFirstValue() ?? '');
  if (plain === undefined && html === undefined) return undefined;
  return { ...(plain === undefined ? {} : { plain }), ...(html === undefined ? {} : { html }) };
}

/** Applies a client body: plain text to DESCRIPTION, HTML to X-ALT-DESC plus its text. RTF and
 *  MIME have no iCalendar home, so they leave the stored body alone. */
export function writeClientBody(component: ICAL.Component, body: ClientBody | undefined): void {
  if (body === undefined || body.type === 3 || body.type === 4) return;
  component.removeAllProperties('x-alt-desc');
  if (body.type === 2) {
    setText(component, 'description', htmlToText(body.data));
    if (body.data !== '') component.addPropertyWithValue('x-alt-desc', body.data).setParameter('fmttype', 'text/html');
    return;
  }
  setText(component, 'description', body.data);
}

export function readCategories(component: ICAL.Component): string[] {
  return component.getAllProperties('categories').flatMap((p) => p.getValues().map(String)).filter((c) => c !== '');
}

export function writeCategories(component: ICAL.Component, categories: readonly string[] | undefined): void {
  if (categories === undefined) return;
  component.removeAllProperties('categories');
  if (categories.length === 0) return;
  const prop = new ICAL.Property('categories', component);
  prop.setValues([...categories]);
  component.addProperty(prop);
}

/** Our own record of EAS state iCalendar has no property for (X-PUSHBRIDGE-*). */
export function readXNumber(component: ICAL.Component, name: string): number | undefined {
  const value = text(component, name);
  return value === undefined || !/^\d+$/.test(value.trim()) ? undefined : Number(value);
}

export function writeX(component: ICAL.Component, name: string, value: string | number | boolean | undefined): void {
  setText(component, name, value === undefined ? undefined : typeof value === 'boolean' ? (value ? 'TRUE' : 'FALSE') : String(value));
}
