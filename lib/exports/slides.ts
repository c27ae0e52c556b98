import { getCachedDeckFile } from "@/lib/slides/deck-cache";
import type { ExportDefinition } from "./types";

/** The all-hands deck as PowerPoint with native charts: the initiatives and order saved on /slides. */
export const slidesExport: ExportDefinition = {
  name: "slides",
  summary: "the all-hands deck as .pptx (native, editable charts; initiatives and order as saved on /slides)",
  options: {},
  requiresOut: true,
  access: "read",
  async run(_options, { db, now, scope }) {
    // Built once per sync, save and day (lib/slides/deck-cache.ts), shared with /slides.
    const { deck, bytes } = await getCachedDeckFile(db, scope, now);
    return {
      filename: `costwise-all-hands-${deck.deck.asOf}.pptx`,
      contentType: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
      body: bytes,
    };
  },
};
