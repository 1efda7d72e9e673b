/** Row height of the positions list in px; fixed so the virtualiser never measures (also used by the bench). */
export const POSITION_ROW_PX = 26;
