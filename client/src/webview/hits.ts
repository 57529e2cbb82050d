/** What was drawn where in the last frame, so the mouse finds what it is over. */

export type HitKind = 'session' | 'mark' | 'finding';

export interface Hit {
  kind: HitKind;
  index: number;
  x: number;
  y: number;
  w: number;
  h: number;
}

export class HitList {
  private items: Hit[] = [];

  clear(): void {
    this.items = [];
  }

  add(kind: HitKind, index: number, x: number, y: number, w: number, h: number): void {
    this.items.push({ kind, index, x, y, w, h });
  }

  /** The item under the point: the last drawn wins (marks and findings are drawn over bars); a few pixels of slack. */
  at(px: number, py: number, slack = 2): Hit | undefined {
    for (let i = this.items.length - 1; i >= 0; i--) {
      const h = this.items[i];
      if (px >= h.x - slack && px <= h.x + h.w + slack && py >= h.y - slack && py <= h.y + h.h + slack) {
        return h;
      }
    }
    return undefined;
  }

  /** Where an item was drawn, if it was. */
  find(kind: HitKind, index: number): Hit | undefined {
    return this.items.find((h) => h.kind === kind && h.index === index);
  }

  count(kind: HitKind): number {
    let n = 0;
    for (const h of this.items) {
      if (h.kind === kind) {
        n++;
      }
    }
    return n;
  }
}
