import type { TagSettings } from "@/lib/settings/tags";
import { toAwsTagPolicyJson } from "@/lib/tags/policy";
import styles from "./tags.module.css";

/** The allowed lists as code, so the same rules are enforced where resources are created. */
export function PolicyDownloads({ settings }: { settings: TagSettings }) {
  return (
    <section className="panel" aria-label="Policy as code">
      <h2>Policy as code</h2>
      <p className={`muted ${styles.lead}`}>
        Enforce the same lists where resources are created. A tag policy only checks resources that carry the tag, which
        is why this page reports untagged spend; the Terraform variable refuses a plan whose default tags are missing or
        not allowed.
      </p>
      <p>
        <a className="button secondary" href="/api/export/tag-policy?format=json" download>
          AWS Organizations tag policy (JSON)
        </a>{" "}
        <a className="button secondary" href="/api/export/tag-policy?format=terraform" download>
          Terraform default_tags variable
        </a>
      </p>
      <details>
        <summary className="muted">Preview the tag policy</summary>
        <pre className={styles.pre}>{toAwsTagPolicyJson(settings)}</pre>
      </details>
    </section>
  );
}
