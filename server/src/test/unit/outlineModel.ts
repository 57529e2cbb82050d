/**
 * What VS Code does with document symbols, ported from its outline model (VS Code 1.100,
 * src/vs/editor/contrib/documentSymbols/browser/outlineModel.ts) so that tests can ask what a
 * reader would see: which symbol the breadcrumbs, sticky scroll and "follow cursor" pick for a
 * position, and on which symbol the Outline counts each problem.
 */
import { DocumentSymbol } from 'vscode-languageserver-types';
import { Position } from '../../service/text';

export interface SimpleRange {
  start: Position;
  end: Position;
}

export interface OutlineNode {
  symbol: DocumentSymbol;
  parent: OutlineNode | undefined;
  children: OutlineNode[];
  /** After placeMarkers: the problems counted on this node itself (VS Code's `marker.count`). */
  markers: Marker[];
}

export interface Marker {
  range: SimpleRange;
  severity: number;
  /** Whatever the caller wants to recognise the marker by. */
  tag: unknown;
}

export function buildOutline(symbols: DocumentSymbol[]): OutlineNode[] {
  const make = (symbol: DocumentSymbol, parent: OutlineNode | undefined): OutlineNode => {
    const node: OutlineNode = { symbol, parent, children: [], markers: [] };
    node.children = (symbol.children ?? []).map((child) => make(child, node));
    return node;
  };
  return symbols.map((s) => make(s, undefined));
}

export function comparePositions(a: Position, b: Position): number {
  return a.line !== b.line ? a.line - b.line : a.character - b.character;
}

/** Range.containsPosition: both ends inclusive. */
export function containsPosition(range: SimpleRange, position: Position): boolean {
  return comparePositions(range.start, position) <= 0 && comparePositions(position, range.end) <= 0;
}

/** Range.areIntersecting: ranges that only touch do not intersect. */
export function areIntersecting(a: SimpleRange, b: SimpleRange): boolean {
  if (a.end.line < b.start.line || (a.end.line === b.start.line && a.end.character <= b.start.character)) {
    return false;
  }
  if (b.end.line < a.start.line || (b.end.line === a.start.line && b.end.character <= a.start.character)) {
    return false;
  }
  return true;
}

/** Range.compareRangesUsingStarts. */
function compareRangesUsingStarts(a: SimpleRange, b: SimpleRange): number {
  return comparePositions(a.start, b.start) || comparePositions(a.end, b.end);
}

/** OutlineGroup.getItemEnclosingPosition: the first symbol holding the position, then its first child holding it, … */
export function itemEnclosingPosition(nodes: OutlineNode[], position: Position): OutlineNode | undefined {
  for (const node of nodes) {
    if (!containsPosition(node.symbol.range, position)) {
      continue;
    }
    return itemEnclosingPosition(node.children, position) ?? node;
  }
  return undefined;
}

/** The breadcrumbs at a position: the enclosing symbol and its ancestors, outermost first. */
export function breadcrumbs(nodes: OutlineNode[], position: Position): OutlineNode[] {
  const chain: OutlineNode[] = [];
  for (let node = itemEnclosingPosition(nodes, position); node; node = node.parent) {
    chain.unshift(node);
  }
  return chain;
}

function binarySearch(markers: Marker[], key: SimpleRange): number {
  let low = 0;
  let high = markers.length - 1;
  while (low <= high) {
    const mid = ((low + high) / 2) | 0;
    const comp = compareRangesUsingStarts(markers[mid].range, key);
    if (comp < 0) {
      low = mid + 1;
    } else if (comp > 0) {
      high = mid - 1;
    } else {
      return mid;
    }
  }
  return -(low + 1);
}

/** OutlineGroup.updateMarker: distributes the markers over the nodes the way the Outline counts them. */
export function placeMarkers(nodes: OutlineNode[], markers: Marker[]): void {
  const sorted = [...markers].sort((a, b) => compareRangesUsingStarts(a.range, b.range));
  for (const node of nodes) {
    updateMarker(sorted, node);
  }
}

function updateMarker(markers: (Marker | undefined)[], node: OutlineNode): void {
  node.markers = [];
  const list = markers as Marker[];
  const idx = binarySearch(list, node.symbol.range);
  let start: number;
  if (idx < 0) {
    start = ~idx;
    if (start > 0 && areIntersecting(list[start - 1].range, node.symbol.range)) {
      start -= 1;
    }
  } else {
    start = idx;
  }
  const mine: (Marker | undefined)[] = [];
  for (; start < list.length && areIntersecting(node.symbol.range, list[start].range); start++) {
    mine.push(list[start]);
    markers[start] = undefined;
  }
  for (const child of node.children) {
    updateMarker(mine, child);
  }
  node.markers = mine as Marker[];
  coalesceInPlace(markers);
}

function coalesceInPlace<T>(array: (T | undefined)[]): void {
  let to = 0;
  for (let i = 0; i < array.length; i++) {
    if (array[i] !== undefined) {
      array[to++] = array[i];
    }
  }
  array.length = to;
}

export function allNodes(nodes: OutlineNode[]): OutlineNode[] {
  const out: OutlineNode[] = [];
  const visit = (node: OutlineNode): void => {
    out.push(node);
    node.children.forEach(visit);
  };
  nodes.forEach(visit);
  return out;
}

export function isAncestor(a: OutlineNode, b: OutlineNode): boolean {
  for (let p = b.parent; p; p = p.parent) {
    if (p === a) {
      return true;
    }
  }
  return false;
}
