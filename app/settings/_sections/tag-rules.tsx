import Link from "next/link";
import { AllowedListsPanel } from "@/app/tags/_components/allowed-lists-panel";
import { CategoryEditor } from "@/app/tags/_components/category-editor";
import { listEnvironmentCategories } from "@/lib/tags/classify";
import type { TagSettings } from "@/lib/settings/tags";
import styles from "./settings.module.css";

/** Tag rules: allowed values, aliases and environment categories; applied when reports are read. */
export function TagRulesSection({ settings }: { settings: TagSettings }) {
  return (
    <AllowedListsPanel settings={settings} title="Tag rules">
      <div className={styles.categories}>
        <CategoryEditor
          categories={listEnvironmentCategories(settings)}
          untagged={settings.untaggedEnvironmentCategory}
        />
      </div>
      <p className={`muted ${styles.footnote}`}>
        Changes apply to every page at once, without a sync. See what they mean in dollars, and turn suggestions into
        aliases, on <Link href="/tags">Tags</Link>; download the lists as an{" "}
        <a href="/api/export/tag-policy?format=json" download>
          AWS tag policy
        </a>{" "}
        or a{" "}
        <a href="/api/export/tag-policy?format=terraform" download>
          Terraform variable
        </a>
        .
      </p>
    </AllowedListsPanel>
  );
}
