"use client";

/** The browser's print dialog: with the deck's print styles, "Save as PDF" gives one slide per page. */
export function PrintButton() {
  return (
    <button type="button" className="button secondary" onClick={() => window.print()}>
      Print / save as PDF
    </button>
  );
}
