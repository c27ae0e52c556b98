import styles from "./skeletons.module.css";

/** Placeholder shapes of a report page while its data loads (figures, a chart, a table). */
export function ReportSkeleton({ figures = 0, label }: { figures?: number; label: string }) {
  return (
    <div aria-busy="true" aria-label={label} role="status">
      {figures > 0 ? (
        <div className="grid grid-4">
          {Array.from({ length: figures }, (_, i) => (
            <div className="panel" key={i}>
              <div className={`skeleton ${styles.label}`} />
              <div className={`skeleton ${styles.value}`} />
              <div className={`skeleton ${styles.sub}`} />
            </div>
          ))}
        </div>
      ) : (
        <div className="panel">
          <div className={`skeleton ${styles.controls}`} />
        </div>
      )}
      <div className="panel">
        <div className={`skeleton ${styles.chart}`} />
      </div>
      <div className="panel">
        {Array.from({ length: 6 }, (_, i) => (
          <div className={`skeleton ${styles.row}`} key={i} />
        ))}
      </div>
    </div>
  );
}

const HEIGHTS = {
  totals: styles.totals,
  short: styles.short,
  medium: styles.medium,
  tall: styles.tall,
  tallest: styles.tallest,
};

/** A panel-sized placeholder while one panel's data loads; `size` is the panel it stands for. */
export function PanelSkeleton({ label, size }: { label: string; size: keyof typeof HEIGHTS }) {
  return <div className={`skeleton ${styles.panel} ${HEIGHTS[size]}`} role="status" aria-label={label} />;
}
