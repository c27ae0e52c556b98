import { getConfig } from "@/lib/config";
import { badInput } from "@/lib/errors";
import { getTagSettings } from "@/lib/settings/store";
import { toAwsTagPolicyJson, toTerraformDefaultTagsVariable } from "@/lib/tags/policy";
import type { ExportDefinition } from "./types";

/** The allowed tag lists as code: an AWS Organizations tag policy or a Terraform variable. */
export const tagPolicyExport: ExportDefinition = {
  name: "tag-policy",
  summary: "the allowed tag values as an AWS Organizations tag policy or a Terraform default_tags variable",
  // No spend in it: the allowed lists /tags shows, which a department's engineers tag their resources by.
  access: "spend",
  options: {
    format: "json (AWS Organizations tag policy, default) | terraform (default_tags variable with validations)",
  },
  async run(options, { db }) {
    const format = options.format ?? "json";
    const settings = await getTagSettings(db);
    // The keys as named on AWS: COSTWISE_TAG_* may rename department, project and environment.
    const tagNames = getConfig().aws.tagKeys;
    if (format === "json") {
      return {
        filename: "costwise-tag-policy.json",
        contentType: "application/json",
        body: toAwsTagPolicyJson(settings, { tagNames }),
      };
    }
    if (format === "terraform") {
      return {
        filename: "costwise-default-tags.tf",
        contentType: "text/plain; charset=utf-8",
        body: toTerraformDefaultTagsVariable(settings, { tagNames }),
      };
    }
    throw badInput(`format must be json or terraform (got "${format}").`);
  },
};
