/**
 * The page's terminal output, all sessions together, as xterm.js parses
 * it: whether a terminal is flooding now (src/core/terminal/output-rate.ts),
 * which the live view reads to hold its routine updates back meanwhile.
 */
import { OutputRate } from '../../src/core/terminal/output-rate.js';

export const terminalOutput = new OutputRate();

export const terminalFlooding = (): boolean => terminalOutput.flooding(performance.now());
