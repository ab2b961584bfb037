import { describe, expect, it } from 'vitest';
import { shiftDrawingAnchors } from '../../src/ports/xlsx/anchors.js';

const one = (col: number) => `<xdr:oneCellAnchor><xdr:from><xdr:col>${col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>1</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:ext cx="1" cy="1"/></xdr:oneCellAnchor>`;
const two = (from: number, to: number, editAs = '') =>
  `<twoCellAnchor${editAs ? ` editAs="${editAs}"` : ''}><from><col>${from}</col><row>0</row></from><to><col>${to}</col><row>9</row></to></twoCellAnchor>`;

describe('shiftDrawingAnchors', () => {
  it('moves anchors at or right of the first new column by the number of new columns, as Excel inserts', () => {
    const xml = `<xdr:wsDr>${one(15)}${one(3)}</xdr:wsDr>`;
    expect(shiftDrawingAnchors(xml, 13, 8)).toBe(`<xdr:wsDr>${one(23)}${one(3)}</xdr:wsDr>`);
    expect(shiftDrawingAnchors(`<wsDr>${two(15, 20)}</wsDr>`, 13, 8)).toBe(`<wsDr>${two(23, 28)}</wsDr>`);
  });

  it('stretches a two-cell anchor that only ends over the new columns, unless it moves as one cell', () => {
    expect(shiftDrawingAnchors(two(10, 15), 13, 8)).toBe(two(10, 23));
    expect(shiftDrawingAnchors(two(10, 15, 'oneCell'), 13, 8)).toBe(two(10, 15, 'oneCell'));
    expect(shiftDrawingAnchors(two(2, 8), 13, 8)).toBe(two(2, 8));
  });

  it('changes nothing when no column is new', () => {
    expect(shiftDrawingAnchors(one(15), 13, 0)).toBe(one(15));
  });
});
