import { getDeck } from "@/lib/slides/get-deck";
import { toPptx } from "@/lib/slides/pptx";
import type { ExportDefinition } from "./types";

/** The all-hands deck as PowerPoint with native charts: the initiatives and order saved on /slides. */
export const slidesExport: ExportDefinition = {
  name: "slides",
  summary: "the all-hands deck as .pptx (native, editable charts; initiatives and order as saved on /slides)",
  options: {},
  requiresOut: true,
  access: "read",
  async run(_options, { db, now }) {
    const { deck } = await getDeck(db, now);
    return {
      filename: `costwise-all-hands-${deck.asOf}.pptx`,
      contentType: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
      body: await toPptx(deck),
    };
  },
};
