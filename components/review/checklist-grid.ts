// The columns of a checklist row, shared by the rows and their header so they always line up.
// Phone: state beside the text, the rest full width below. md: four columns, controls on their own line.
// xl: controls in a fifth column of fixed width (an `auto` column would size differently in the header row).
export const ITEM_GRID =
  "grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-1.5 md:grid-cols-[6.5rem_minmax(0,1.6fr)_minmax(7rem,0.7fr)_minmax(0,1.3fr)] md:gap-x-4 xl:grid-cols-[6.5rem_minmax(0,1.6fr)_minmax(7rem,0.7fr)_minmax(0,1.2fr)_22rem] print:grid-cols-[6rem_minmax(0,1.6fr)_minmax(7rem,0.7fr)_minmax(0,1.3fr)]";

/** The element id a "show me" link scrolls to. */
export const itemAnchor = (itemId: string) => `checklist-item-${itemId}`;
