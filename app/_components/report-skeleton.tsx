/** Placeholder shapes of a report page while its data loads (figures, a chart, a table). */
export function ReportSkeleton({ figures = 0, label }: { figures?: number; label: string }) {
  return (
    <div aria-busy="true" aria-label={label} role="status">
      {figures > 0 ? (
        <div className="grid grid-4">
          {Array.from({ length: figures }, (_, i) => (
            <div className="panel" key={i}>
              <div className="skeleton" style={{ height: 14, width: "55%" }} />
              <div className="skeleton" style={{ height: 30, width: "80%", marginTop: 10 }} />
              <div className="skeleton" style={{ height: 12, width: "65%", marginTop: 10 }} />
            </div>
          ))}
        </div>
      ) : (
        <div className="panel">
          <div className="skeleton" style={{ height: 88 }} />
        </div>
      )}
      <div className="panel">
        <div className="skeleton" style={{ height: 300 }} />
      </div>
      <div className="panel">
        {Array.from({ length: 6 }, (_, i) => (
          <div className="skeleton" key={i} style={{ height: 18, marginBottom: 12 }} />
        ))}
      </div>
    </div>
  );
}
