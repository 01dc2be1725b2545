import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fitWithin, MAX_SIDE } from '../../../web/lib/image-resize';

describe('fitWithin (the size a picture is drawn at before upload)', () => {
  it('scales a 4000×3000 camera photo to 1600×1200 and a portrait one to 1200×1600', () => {
    expect(fitWithin(4000, 3000)).toEqual({ width: 1600, height: 1200 });
    expect(fitWithin(3000, 4000)).toEqual({ width: 1200, height: 1600 });
  });
  it('leaves a picture that already fits as it is', () => {
    expect(fitWithin(1600, 900)).toEqual({ width: 1600, height: 900 });
    expect(fitWithin(640, 480)).toEqual({ width: 640, height: 480 });
  });
  it('never exceeds the limit, keeps the shape and never reaches 0 px', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20000 }),
        fc.integer({ min: 1, max: 20000 }),
        (w, h) => {
          const out = fitWithin(w, h);
          expect(Math.max(out.width, out.height)).toBeLessThanOrEqual(Math.max(MAX_SIDE, 0));
          expect(out.width).toBeGreaterThanOrEqual(1);
          expect(out.height).toBeGreaterThanOrEqual(1);
          if (Math.max(w, h) > MAX_SIDE) expect(Math.max(out.width, out.height)).toBe(MAX_SIDE);
          else expect(out).toEqual({ width: w, height: h });
        },
      ),
    );
  });
});
