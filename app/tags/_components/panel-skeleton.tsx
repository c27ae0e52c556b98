/** A panel-sized placeholder while a panel's data loads. */
export function PanelSkeleton({ label, height }: { label: string; height: number }) {
  return <div className="skeleton" role="status" aria-label={label} style={{ height, marginBottom: 18 }} />;
}
