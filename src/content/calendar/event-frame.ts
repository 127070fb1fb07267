// How one event's times map between iCalendar and the wire. EAS sends UTC instants, except that
// an all-day event's bounds are midnights: in the event's Timezone before 16.0, and floating
// ("20240315T000000Z" meaning the date) from 16.0 on, when all-day events carry no Timezone.
// The frame fixes the event's zone, whether it is all-day and which of the two conventions
// applies, and converts property values, EXDATEs, RECURRENCE-IDs and UNTIL with it.
import ICAL from 'ical.js';
import { versionAtLeast } from '../../eas/protocol-version.js';
import type { ConversionContext } from '../conversion-context.js';
import { utcToWall, wallToUtc, type ZoneOffsets } from '../timezone/index.js';
import { icalDate, icalDateTime, instantOf, nearestMidnight, type PropertyTime, type TimeTarget } from './ical-time.js';
import type { UntilConversion } from './recurrence.js';

/** The converter context plus what calendars need beyond it. */
export interface CalendarContext extends ConversionContext {
  /**
   * The user's own addresses. With them MeetingStatus and ResponseType follow from ORGANIZER and
   * the user's ATTENDEE; without them, from what the device last said (X-PUSHBRIDGE-*).
   */
  readonly userAddresses?: readonly string[];
}

export class EventFrame {
  readonly zone: ZoneOffsets;
  readonly allDay: boolean;
  /** 16.x all-day: dates travel as floating midnights and no Timezone is sent. */
  readonly floatingDates: boolean;
  /** How timed values are written: UTC or wall time under the event's TZID. */
  readonly timed: Exclude<TimeTarget, { kind: 'date' }>;

  constructor(zone: ZoneOffsets, allDay: boolean, ctx: ConversionContext, timed: Exclude<TimeTarget, { kind: 'date' }>) {
    this.zone = zone;
    this.allDay = allDay;
    this.floatingDates = allDay && versionAtLeast(ctx.protocolVersion, '16.0');
    this.timed = timed;
  }

  /** iCalendar → wire: the instant EAS uses for a property value. */
  toEas(value: PropertyTime): Date {
    if (value.anchor.kind === 'date') {
      return new Date(this.floatingDates ? value.wall : wallToUtc(this.zone, value.wall));
    }
    return new Date(instantOf(value, this.zone));
  }

  /** Wire → iCalendar: an ICAL.Time for an EAS instant under this frame. */
  fromEas(instant: Date, allDay: boolean = this.allDay): ICAL.Time {
    const ms = instant.getTime();
    if (allDay) return icalDate(this.dateWall(ms));
    if (this.timed.kind === 'zoned') {
      const wall = utcToWall(this.timed.zone, ms);
      // The second pass through an autumn hour has no wall-time spelling of its own (RFC 5545
      // 3.3.5 reads a repeated time as the first); such an instant is written in UTC instead.
      if (wallToUtc(this.timed.zone, wall) === Math.floor(ms / 1000) * 1000) return icalDateTime(wall, false);
    }
    return icalDateTime(ms, true);
  }

  /** The wall midnight an all-day bound names, forgiving a client that is a zone-hour off. */
  dateWall(instantMs: number): number {
    return nearestMidnight(this.floatingDates ? instantMs : utcToWall(this.zone, instantMs));
  }

  /** Target for a value written under this frame (dates for all-day values). */
  targetFor(allDay: boolean = this.allDay): TimeTarget {
    return allDay ? { kind: 'date' } : this.timed;
  }

  /** UNTIL both ways: a DATE for all-day series (RFC 5545 3.3.10), UTC otherwise. */
  until(): UntilConversion {
    return {
      toEas: (until: ICAL.Time): Date => {
        if (until.isDate) {
          const wall = Date.UTC(until.year, until.month - 1, until.day);
          if (this.allDay) return new Date(this.floatingDates ? wall : wallToUtc(this.zone, wall));
          // A DATE UNTIL on a timed series (not RFC-conformant, common): the end of that day.
          return new Date(wallToUtc(this.zone, wall + 86_399_000));
        }
        const wall = Date.UTC(until.year, until.month - 1, until.day, until.hour, until.minute, until.second);
        return new Date(until.zone === ICAL.Timezone.utcTimezone ? wall : wallToUtc(this.zone, wall));
      },
      fromEas: (until: Date): ICAL.Time => (this.allDay ? icalDate(this.dateWall(until.getTime())) : icalDateTime(until.getTime(), true)),
    };
  }
}
