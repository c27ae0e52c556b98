import type { ReactNode } from "react";
import { CONSTRAINED_TAG_KEYS, type TagSettings } from "@/lib/settings/tags";
import { AllowedListEditor } from "./allowed-list-editor";
import styles from "./tags.module.css";

/** Both allowed lists with their aliases, editable by who may edit settings (shared by /tags and /settings). */
export function AllowedListsPanel({
  settings,
  title = "Allowed values",
  canEdit = true,
  children,
}: {
  settings: TagSettings;
  title?: string;
  /** false: the lists without their edit controls (the save would be refused). */
  canEdit?: boolean;
  children?: ReactNode;
}) {
  return (
    <section className="panel" aria-label={title}>
      <h2>{title}</h2>
      <p className={`muted ${styles.lead}`}>
        <span className="mono">department</span> and <span className="mono">environment</span> must come from these
        lists; <span className="mono">project</span> is free text. Aliases (in amber) map a value found in the data to
        an allowed one for reports.
      </p>
      <div className={styles.editorGrid}>
        {CONSTRAINED_TAG_KEYS.map((key) => (
          <AllowedListEditor
            key={key}
            tagKey={key}
            values={settings.allowed[key]}
            aliases={settings.aliases[key]}
            canEdit={canEdit}
          />
        ))}
      </div>
      {children}
    </section>
  );
}
