import { EmptyState } from "@/app/_components/empty-state";
import { readAs } from "@/app/_components/access";
import type { Db } from "@/lib/db/types";
import { getTagsCompliance } from "@/lib/pages/tags";
import { formatDay, formatDayRange } from "@/lib/reports/periods";
import type { TagSettings } from "@/lib/settings/tags";
import type { TagsQuery } from "@/lib/tags/tags-query";
import { ComplianceStats } from "./compliance-stats";
import { ComplianceTrend } from "./compliance-trend";
import { DepartmentTable } from "./department-table";
import { TagBreakdownTable } from "./tag-breakdown";
import styles from "./tags.module.css";

/** Compliance in dollars for the range: the split, the trend, each tag, each department. */
export async function ComplianceOverview({ db, query, settings }: { db: Db; query: TagsQuery; settings: TagSettings }) {
  const report = await readAs("/tags", (access) => getTagsCompliance(db, access, query, settings));
  // The page shows this panel only once spend was synced: no day here means the range is outside the data.
  if (report.dayCount === 0) {
    return (
      <EmptyState title={`No spend between ${formatDayRange({ start: query.from, end: query.to })}`}>
        The synced data does not cover this range. Choose another range above.
      </EmptyState>
    );
  }
  return (
    <>
      <p className={`muted ${styles.rangeNote}`}>
        {formatDayRange({ start: query.from, end: query.to })} · {query.metric.replace("_", " ")} cost · data from{" "}
        {formatDay(report.firstDay ?? query.from)} to {formatDay(report.lastDay ?? query.to)}
      </p>
      <ComplianceStats report={report} />
      <ComplianceTrend report={report} />
      <TagBreakdownTable tags={report.tags} settings={settings} />
      <DepartmentTable report={report} allowedDepartments={settings.allowed.department} />
    </>
  );
}
