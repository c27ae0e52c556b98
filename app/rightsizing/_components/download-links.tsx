import { toHref } from "./url";
import styles from "./rightsizing.module.css";

const FORMATS = [
  { format: "csv", label: "CSV" },
  { format: "md", label: "Markdown" },
  { format: "yaml", label: "YAML" },
  { format: "kubectl", label: "kubectl" },
  { format: "json", label: "JSON" },
] as const;

/**
 * Downloads of exactly the rows the page shows (its filters and sort, every page), from the same export
 * as `npm run -s export -- rightsizing …`.
 */
export function DownloadLinks({ filters }: { filters: Record<string, string | number | undefined> }) {
  const { page, size, ...rest } = filters;
  void page;
  void size;
  return (
    <div className={styles.downloads} aria-label="Downloads">
      <span className="muted">Download</span>
      {FORMATS.map((f) => (
        <a
          key={f.format}
          className="button secondary"
          href={toHref("/api/export/rightsizing", rest, { format: f.format })}
          download
        >
          {f.label}
        </a>
      ))}
    </div>
  );
}
