// Saves a recharts chart as SVG or PNG, with its title and a legend drawn into the image, so it can go straight
// into a slide or a document.
export type LegendItem = { label: string; color: string };

const FONT = "ui-sans-serif, system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif";

function escapeXml(text: string): string {
  return text.replace(/[<>&"]/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;" })[c] ?? c);
}

/** The chart's SVG with a white background, a title above and the legend below; null when it is not drawn yet. */
export function toStandaloneSvg(
  container: HTMLElement,
  title: string,
  legend: LegendItem[],
): { svg: string; width: number; height: number } | null {
  // The chart itself, not the small legend icons (also recharts-surface).
  const source = container.querySelector<SVGSVGElement>(".recharts-wrapper > svg.recharts-surface");
  if (!source) return null;
  const width = Math.round(source.getBoundingClientRect().width);
  const chartHeight = Math.round(source.getBoundingClientRect().height);
  const perRow = Math.max(1, Math.floor((width - 32) / 200));
  const legendHeight = Math.ceil(legend.length / perRow) * 22 + 12;
  const top = 40;
  const height = top + chartHeight + legendHeight;
  const clone = source.cloneNode(true) as SVGSVGElement;
  clone.setAttribute("x", "0");
  clone.setAttribute("y", String(top));
  const items = legend
    .map((item, i) => {
      const x = 16 + (i % perRow) * 200;
      const y = top + chartHeight + 16 + Math.floor(i / perRow) * 22;
      return `<rect x="${x}" y="${y - 10}" width="12" height="12" rx="2" fill="${item.color}"/><text x="${x + 18}" y="${y}" font-size="13" fill="#14171f">${escapeXml(item.label)}</text>`;
    })
    .join("");
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FONT}">` +
    `<rect width="100%" height="100%" fill="#ffffff"/>` +
    `<text x="16" y="26" font-size="16" font-weight="700" fill="#14171f">${escapeXml(title)}</text>` +
    new XMLSerializer().serializeToString(clone) +
    items +
    `</svg>`;
  return { svg, width, height };
}

function download(blob: Blob, filename: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function saveSvg(image: { svg: string }, filename: string) {
  download(new Blob([image.svg], { type: "image/svg+xml" }), `${filename}.svg`);
}

/** Draws the SVG on a canvas at twice the size (sharp on slides and projectors) and downloads a PNG. */
export async function savePng(image: { svg: string; width: number; height: number }, filename: string) {
  const url = URL.createObjectURL(new Blob([image.svg], { type: "image/svg+xml" }));
  try {
    const img = new Image();
    await new Promise<void>((resolve, reject) => {
      img.onload = () => resolve();
      img.onerror = () => reject(new Error("The chart could not be drawn as an image."));
      img.src = url;
    });
    const canvas = document.createElement("canvas");
    canvas.width = image.width * 2;
    canvas.height = image.height * 2;
    const ctx = canvas.getContext("2d");
    if (!ctx) throw new Error("This browser cannot draw images.");
    ctx.scale(2, 2);
    ctx.drawImage(img, 0, 0);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, "image/png"));
    if (!blob) throw new Error("The chart could not be saved as PNG.");
    download(blob, `${filename}.png`);
  } finally {
    URL.revokeObjectURL(url);
  }
}
