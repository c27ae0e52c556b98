import Link from "next/link";
import { AllowedListsPanel } from "@/app/tags/_components/allowed-lists-panel";
import { CategoryEditor } from "@/app/tags/_components/category-editor";
import type { Db } from "@/lib/db/types";
import { getTagSettings } from "@/lib/settings/store";
import { listEnvironmentCategories } from "@/lib/tags/classify";

/** Tag rules (issue 5): allowed values, aliases and environment categories; applied when reports are read. */
export async function TagRulesSection({ db }: { db: Db }) {
  const settings = await getTagSettings(db);
  return (
    <AllowedListsPanel settings={settings} title="Tag rules">
      <div style={{ marginTop: 18 }}>
        <CategoryEditor
          categories={listEnvironmentCategories(settings)}
          untagged={settings.untaggedEnvironmentCategory}
        />
      </div>
      <p className="muted" style={{ marginBottom: 0 }}>
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
