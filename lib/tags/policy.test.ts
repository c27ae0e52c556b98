import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_ENFORCED_FOR, toAwsTagPolicy, toAwsTagPolicyJson, toTerraformDefaultTagsVariable } from "./policy";
import { DEFAULT_TAG_SETTINGS } from "@/lib/settings/tags";
import { DEMO_DEPARTMENTS, DEMO_ENVIRONMENTS, toDemoTagSettings } from "@/testing/tag-settings";

const demo = toDemoTagSettings();

describe("toAwsTagPolicyJson", () => {
  const policy = JSON.parse(toAwsTagPolicyJson(demo));

  it.each<[string, string[] | undefined]>([
    ["department", DEMO_DEPARTMENTS],
    ["environment", DEMO_ENVIRONMENTS],
    // Free text: a policy without tag_value accepts any value, so only the key's spelling is fixed.
    ["project", undefined],
  ])("%s: lower-case key and exactly the allowed values", (key, values) => {
    expect(policy.tags[key]).toEqual({
      tag_key: { "@@assign": key },
      ...(values ? { tag_value: { "@@assign": values } } : {}),
      enforced_for: { "@@assign": [...DEFAULT_ENFORCED_FOR] },
    });
  });

  it("leaves aliases out: they fix reports, not resources", () => {
    expect(JSON.stringify(policy)).not.toContain('Prod"');
  });

  it("checks only the key of a department list left empty (presence only)", () => {
    expect(toAwsTagPolicy(DEFAULT_TAG_SETTINGS).tags.department).not.toHaveProperty("tag_value");
  });

  it.each<[readonly string[], boolean]>([
    [["ec2:instance"], true],
    [[], false],
  ])("enforced_for %j is kept, or left out when empty", (enforcedFor, present) => {
    const statement = toAwsTagPolicy(demo, { enforcedFor }).tags.environment;
    expect(statement?.enforced_for).toEqual(present ? { "@@assign": enforcedFor } : undefined);
  });
});

describe("toTerraformDefaultTagsVariable", () => {
  const text = toTerraformDefaultTagsVariable(demo);

  it.each([...DEMO_DEPARTMENTS, ...DEMO_ENVIRONMENTS])("lists %j as a quoted value", (value) => {
    expect(text).toContain(`"${value}"`);
  });

  it.each<[string, string]>([
    [
      "department values",
      `contains(${JSON.stringify(DEMO_DEPARTMENTS).replaceAll(",", ", ")}, lookup(var.default_tags, "department", ""))`,
    ],
    [
      "environment values",
      `contains(${JSON.stringify(DEMO_ENVIRONMENTS).replaceAll(",", ", ")}, lookup(var.default_tags, "environment", ""))`,
    ],
    ["project presence", `length(trimspace(lookup(var.default_tags, "project", ""))) > 0`],
    ["the variable", `variable "default_tags" {`],
    ["how to use it", `tags = var.default_tags`],
  ])("checks %s", (_label, fragment) => {
    expect(text).toContain(fragment);
  });

  it("checks only presence of a department list left empty", () => {
    expect(toTerraformDefaultTagsVariable(DEFAULT_TAG_SETTINGS)).toContain(
      `length(trimspace(lookup(var.default_tags, "department", ""))) > 0`,
    );
  });
});

// Runs the generated variable through a real `terraform plan` (no provider needed) where Terraform is installed.
const terraform = findTerraform();
describe.skipIf(terraform === null)("the Terraform variable in terraform plan", () => {
  let dir = "";
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "costwise-tags-tf-"));
    writeFileSync(join(dir, "variables.tf"), toTerraformDefaultTagsVariable(demo));
    run(["init", "-input=false", "-no-color"]);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const run = (args: string[]) =>
    execFileSync(terraform ?? "terraform", args, {
      cwd: dir,
      encoding: "utf8",
      stdio: "pipe",
      env: { ...process.env, TF_IN_AUTOMATION: "1" },
    });

  it.each<[string, string, string[]]>([
    [
      "valid tags, plus a team's own",
      '{department="video",project="recordings",environment="production",owner="alice"}',
      [],
    ],
    [
      "wrong case",
      '{department="Video",project="recordings",environment="production"}',
      ['"department" tag must be one of'],
    ],
    [
      "blank project and an alias",
      '{department="video",project="  ",environment="Prod"}',
      ['non-empty "project" tag', '"environment" tag must be one of'],
    ],
    ["missing tags", '{department="video"}', ['non-empty "project" tag', '"environment" tag must be one of']],
  ])("%s", (_label, tags, errors) => {
    let output = "";
    try {
      output = run(["plan", "-input=false", "-no-color", "-var", `default_tags=${tags}`]);
    } catch (error) {
      output = String((error as { stderr?: string }).stderr ?? error);
    }
    const flat = output.replace(/\s+/g, " ");
    if (errors.length === 0) expect(flat).toContain("No changes");
    for (const message of errors) expect(flat).toContain(message);
  });
});

function findTerraform(): string | null {
  try {
    execFileSync("terraform", ["version"], { stdio: "ignore" });
    return "terraform";
  } catch {
    return null;
  }
}

describe("configured tag key names (COSTWISE_TAG_*)", () => {
  const tagNames = { department: "CostCenter", project: "app", environment: "env" };

  it("names the keys as configured in the AWS tag policy", () => {
    const policy = toAwsTagPolicy(demo, { tagNames });
    expect(Object.keys(policy.tags)).toEqual(["costcenter", "app", "env"]);
    expect(policy.tags.costcenter?.tag_key).toEqual({ "@@assign": "CostCenter" });
    expect(JSON.stringify(policy)).not.toMatch(/"department"|"environment"/);
  });

  it("names the keys as configured in the Terraform variable", () => {
    const text = toTerraformDefaultTagsVariable(demo, { tagNames });
    expect(text).toContain('lookup(var.default_tags, "CostCenter", "")');
    expect(text).toContain('lookup(var.default_tags, "env", "")');
    expect(text).not.toContain('"department"');
  });
});
