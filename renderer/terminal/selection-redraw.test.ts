import { describe, expect, it } from 'vitest';
import { skipEmptySelectionRedraws, type SelectionRedrawTarget } from './selection-redraw.js';

type Call = Parameters<SelectionRedrawTarget['handleSelectionChanged']>;

function fakeTerminal() {
  const calls: Call[] = [];
  const renderService: SelectionRedrawTarget = { handleSelectionChanged: (...args: Call) => void calls.push(args) };
  return { terminal: { _core: { _renderService: renderService } }, renderService, calls };
}

describe('selection redraws with nothing selected', () => {
  it('drops a redraw from nothing selected to nothing selected, as after every scroll of a flood', () => {
    const { terminal, renderService, calls } = fakeTerminal();
    expect(skipEmptySelectionRedraws(terminal)).toBe(true);
    for (let i = 0; i < 100; i++) renderService.handleSelectionChanged(undefined, undefined, false);
    // A click without a drag has a start and no end: xterm.js draws nothing for it either.
    renderService.handleSelectionChanged([3, 0], undefined, false);
    expect(calls).toEqual([]);
  });

  it('passes on a selection drawn, moved and cleared, then drops again once nothing is shown', () => {
    const { terminal, renderService, calls } = fakeTerminal();
    skipEmptySelectionRedraws(terminal);
    renderService.handleSelectionChanged([0, 1], [5, 1], false);
    renderService.handleSelectionChanged([0, 0], [5, 0], false);
    renderService.handleSelectionChanged(undefined, undefined, false);
    renderService.handleSelectionChanged(undefined, undefined, false);
    expect(calls).toEqual([
      [[0, 1], [5, 1], false],
      [[0, 0], [5, 0], false],
      [undefined, undefined, false],
    ]);
  });

  it('leaves a terminal of another shape alone', () => {
    const other = { _core: {} };
    expect(skipEmptySelectionRedraws(other)).toBe(false);
    expect(other).toEqual({ _core: {} });
    expect(skipEmptySelectionRedraws({})).toBe(false);
  });
});
