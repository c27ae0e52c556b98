// The colours of every chart, on the web pages and in the .pptx deck: one module, so a slide projected at the
// all-hands shows a department in the same colour as the overview, and both stay readable for the one reader in
// twelve who does not tell red from green, and on a greyscale printout.
//
// Series colours are Okabe & Ito's palette (designed to stay distinct under protanopia, deuteranopia and
// tritanopia) followed by Paul Tol's muted scheme (the same design goal) for the rarely needed 8th–16th colour.
// Where a colour carries meaning (cut vs raise, compliant vs missing, before vs after) the two sides also differ
// in lightness, so greyscale keeps them apart, and the pages print the meaning in words beside the chart.

/** Okabe & Ito's colour-vision-deficiency-safe colours (black left out: it vanishes on the dark theme). */
export const OKABE_ITO = {
  blue: "#0072B2",
  orange: "#E69F00",
  bluishGreen: "#009E73",
  reddishPurple: "#CC79A7",
  skyBlue: "#56B4E9",
  vermillion: "#D55E00",
  yellow: "#F0E442",
} as const;

/**
 * Series in order: the first colours go to the biggest groups (or the allowed departments, in list order).
 * Neighbours alternate dark and light so adjacent stacked segments stay apart in greyscale too.
 */
export const SERIES_COLORS = [
  OKABE_ITO.blue,
  OKABE_ITO.orange,
  OKABE_ITO.bluishGreen,
  OKABE_ITO.reddishPurple,
  OKABE_ITO.skyBlue,
  OKABE_ITO.vermillion,
  OKABE_ITO.yellow,
  "#332288", // Tol indigo
  "#88CCEE", // Tol cyan
  "#117733", // Tol green
  "#DDCC77", // Tol sand
  "#AA4499", // Tol purple
  "#44AA99", // Tol teal
  "#882255", // Tol wine
  "#999933", // Tol olive
  "#661100", // Tol brown
] as const;

/** Spend without the tag: a neutral mid grey, never a series colour. */
export const UNTAGGED_COLOR = "#7B8190";
/** The "Other" bucket of a chart: a light grey, quieter than any series. */
export const OTHER_COLOR = "#C5CAD3";

/**
 * Colours with a meaning. Pairs that are compared differ in hue for colour-vision deficiencies (blue vs orange,
 * never red vs green) and in lightness for greyscale (dark vs light).
 */
export const MEANING_COLORS = {
  /** Requests cut (money saved): dark blue. */
  cut: OKABE_ITO.blue,
  /** Requests raised (money spent to be safe): light orange. */
  raise: OKABE_ITO.orange,
  /** Net of the two: neutral grey between them. */
  net: "#6B7280",
  customerServing: OKABE_ITO.blue,
  rnd: OKABE_ITO.orange,
  /** Tag compliance, dark → light: compliant, not allowed, missing. */
  compliant: OKABE_ITO.blue,
  notAllowed: OKABE_ITO.orange,
  missing: OKABE_ITO.yellow,
  /** A saving measured on the bill: before (light grey), the change month (orange), after (dark blue). */
  before: "#A3AAB6",
  change: OKABE_ITO.orange,
  after: OKABE_ITO.blue,
  notCounted: "#E4E7EC",
  /** Usage over time: average, peak, the current request (dashed), the recommendation, the limit (dotted). */
  usageAverage: OKABE_ITO.blue,
  usagePeak: OKABE_ITO.orange,
  request: "#6B7280",
  recommended: OKABE_ITO.bluishGreen,
  limit: OKABE_ITO.vermillion,
} as const;

/** "#0072B2" → "0072B2": pptx colours have no #. */
export function toPptxColor(hex: string): string {
  return hex.replace(/^#/, "").toUpperCase();
}
