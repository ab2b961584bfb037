import { instantToWallClock } from '../../core/base/time.js';

const HOUR = 3_600_000;

/**
 * Offsets (wall clock − instant) of one time zone. instantToWallClock is
 * exact but builds an Intl formatter per call — slow for thousands of date
 * cells — and offsets only change at zone transitions, so cache them per
 * UTC hour, falling back to the exact call for an hour that holds a change.
 */
export class ZoneOffsets {
  private byHour = new Map<number, number>();

  constructor(private readonly tz: string) {}

  private exact(t: number): number {
    return instantToWallClock(new Date(t), this.tz).getTime() - t;
  }

  private at(t: number): number {
    const h = Math.floor(t / HOUR);
    let off = this.byHour.get(h);
    if (off === undefined) {
      const start = this.exact(h * HOUR);
      off = start === this.exact(h * HOUR + HOUR - 1000) ? start : NaN;
      this.byHour.set(h, off);
    }
    return Number.isNaN(off) ? this.exact(t) : off;
  }

  toWallClock(instant: Date): Date {
    return new Date(instant.getTime() + this.at(instant.getTime()));
  }

  /**
   * The inverse. Two passes settle the offset across DST changes; a wall
   * time that DST skips or repeats resolves to one of its neighbours.
   */
  toInstant(wall: Date): Date {
    const w = wall.getTime();
    return new Date(w - this.at(w - this.at(w)));
  }
}

/** The instant whose wall clock in `tz` is `wall`'s UTC fields. */
export function wallClockToInstant(wall: Date, tz: string): Date {
  return new ZoneOffsets(tz).toInstant(wall);
}
