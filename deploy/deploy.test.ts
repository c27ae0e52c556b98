// The deploy files are code: every Kubernetes manifest parses and passes the API schema, and the links between
// them and the app hold — probe paths are routes of the app, the CronJob runs a real command of the image,
// every environment variable set is one something reads, the IAM policy allows exactly what the code calls.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseAllDocuments } from "yaml";
import { describe, expect, it } from "vitest";
import { ConfigMap, Namespace, Secret, Service, ServiceAccount } from "kubernetes-models/v1";
import { Deployment } from "kubernetes-models/apps/v1";
import { CronJob } from "kubernetes-models/batch/v1";
import { PodDisruptionBudget } from "kubernetes-models/policy/v1";
import { ServiceMonitor } from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1";
import { CONFIG_VARIABLES } from "@/lib/config";
import { readImageStage, readWritablePaths } from "@/testing/image";
import { SHUTDOWN_IN_FLIGHT_MS } from "@/scripts/serve";

const ROOT = path.resolve(import.meta.dirname, "..");
const K8S = path.join(ROOT, "deploy/kubernetes");

/** Read by something other than lib/config.ts, and why that is fine. */
const READ_ELSEWHERE: Record<string, string> = {
  NODE_ENV: "Next.js picks its production server by it",
  NEXT_TELEMETRY_DISABLED: "Next.js reads it: no usage reports from a server",
  POSTGRES_DB: "the postgres image (compose.yaml)",
  POSTGRES_USER: "the postgres image (compose.yaml)",
  POSTGRES_PASSWORD: "the postgres image (compose.yaml)",
};

type K8sObject = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels: Record<string, string>; annotations: Record<string, string> };
  [k: string]: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- manifests are read as plain data
};

const MODELS: Record<string, new (o: never) => { validate(): void }> = {
  "v1/Namespace": Namespace,
  "v1/ServiceAccount": ServiceAccount,
  "v1/ConfigMap": ConfigMap,
  "v1/Secret": Secret,
  "v1/Service": Service,
  "apps/v1/Deployment": Deployment,
  "batch/v1/CronJob": CronJob,
  "policy/v1/PodDisruptionBudget": PodDisruptionBudget,
  "monitoring.coreos.com/v1/ServiceMonitor": ServiceMonitor,
};

function readManifests(): { file: string; object: K8sObject }[] {
  return readdirSync(K8S)
    .filter((f) => f.endsWith(".yaml") && f !== "kustomization.yaml")
    .flatMap((file) =>
      parseAllDocuments(readFileSync(path.join(K8S, file), "utf8")).map((doc) => {
        if (doc.errors.length) throw new Error(`${file}: ${doc.errors[0]!.message}`);
        return { file, object: doc.toJS() as K8sObject };
      }),
    );
}

const manifests = readManifests();
const kustomization = parseAllDocuments(readFileSync(path.join(K8S, "kustomization.yaml"), "utf8"))[0]!.toJS() as {
  resources: string[];
  images: { name: string }[];
};
const one = (kind: string, name?: string) => {
  const found = manifests.filter((m) => m.object.kind === kind && (!name || m.object.metadata.name === name));
  expect(found, `${kind} ${name ?? ""}`).toHaveLength(1);
  return found[0]!.object;
};
const deployment = one("Deployment");
const cronJob = one("CronJob");
const service = one("Service");
const configMap = one("ConfigMap");
const secret = one("Secret");
const webPod = deployment.spec.template.spec;
const syncPod = cronJob.spec.jobTemplate.spec.template.spec;
const pods = [
  ["Deployment", webPod],
  ["CronJob", syncPod],
] as const;
const image = readImageStage(path.join(ROOT, "Dockerfile"));

/**
 * Every word the API schemas know, to catch a misspelt field: the schemas themselves accept unknown fields (as
 * the API server does unless told to be strict), so `periodSecond: 5` would pass validate() and be ignored.
 */
let words: Set<string> | undefined;
function schemaWords(): Set<string> {
  if (words) return words;
  words = new Set<string>();
  const dirs = ["kubernetes-models", "@kubernetes-models/apimachinery", "@kubernetes-models/prometheus-operator"];
  for (const d of dirs) {
    const dir = path.join(ROOT, "node_modules", d);
    for (const f of readdirSync(dir, { recursive: true }).map(String)) {
      if (!f.endsWith(".js") || !f.includes("_schemas")) continue;
      for (const w of readFileSync(path.join(dir, f), "utf8").match(/[A-Za-z][A-Za-z0-9]*/g) ?? []) words!.add(w);
    }
  }
  return words;
}

/** Field names used in a manifest, skipping maps whose keys are free (labels, data, selectors…). */
function fieldNames(value: unknown, into: Set<string>, parentKey = ""): Set<string> {
  const FREE = new Set([
    "labels",
    "annotations",
    "data",
    "stringData",
    "matchLabels",
    "selector",
    "requests",
    "limits",
  ]);
  if (Array.isArray(value)) value.forEach((v) => fieldNames(v, into, parentKey));
  else if (value && typeof value === "object")
    for (const [k, v] of Object.entries(value)) {
      into.add(k);
      if (!FREE.has(k) || (k === "selector" && v && typeof v === "object" && "matchLabels" in v))
        fieldNames(v, into, k);
    }
  return into;
}

describe("Kubernetes manifests", () => {
  it.each(manifests.map((m) => [`${m.file}: ${m.object.kind} ${m.object.metadata.name}`, m.object]))(
    "%s passes the Kubernetes API schema, with no misspelt field",
    (_name, object) => {
      const model = MODELS[`${object.apiVersion}/${object.kind}`];
      expect(model, `a schema for ${object.apiVersion} ${object.kind}`).toBeDefined();
      expect(() => new model!(object as never).validate()).not.toThrow();
      const known = schemaWords();
      const unknown = [...fieldNames(object, new Set())].filter(
        (k) => !known.has(k) && !["apiVersion", "kind"].includes(k),
      );
      expect(unknown).toEqual([]);
    },
  );

  it("the schema check catches a broken manifest (so the test above can fail)", () => {
    const broken = structuredClone(deployment);
    broken.spec.template.spec.containers[0].ports[0].containerPort = "3000";
    expect(() => new Deployment(broken).validate()).toThrow(/containerPort must be integer/);
    const misspelt = fieldNames({ spec: { periodSecond: 5 } }, new Set());
    expect([...misspelt].filter((k) => !schemaWords().has(k))).toEqual(["periodSecond"]);
  });

  it("kustomization lists every manifest but the optional ServiceMonitor, and only files that exist", () => {
    for (const r of kustomization.resources) expect(existsSync(path.join(K8S, r)), r).toBe(true);
    const files = [...new Set(manifests.map((m) => m.file))];
    expect(files.filter((f) => !kustomization.resources.includes(f))).toEqual(["servicemonitor.yaml"]);
    expect(kustomization.images.map((i) => i.name)).toEqual([...new Set(pods.map(([, p]) => p.containers[0].image))]);
  });

  it("selectors find the pods: Deployment, Service, PodDisruptionBudget, ServiceMonitor", () => {
    const labels = deployment.spec.template.metadata.labels;
    const matches = (selector: Record<string, string>) =>
      Object.entries(selector).every(([k, v]) => labels[k] === v) && Object.keys(selector).length > 0;
    expect(matches(deployment.spec.selector.matchLabels)).toBe(true);
    expect(matches(service.spec.selector)).toBe(true);
    expect(matches(one("PodDisruptionBudget").spec.selector.matchLabels)).toBe(true);
    const monitor = one("ServiceMonitor");
    expect(Object.entries(monitor.spec.selector.matchLabels).every(([k, v]) => service.metadata.labels[k] === v)).toBe(
      true,
    );
    expect(service.spec.ports.map((p: { name: string }) => p.name)).toContain(monitor.spec.endpoints[0].port);
    expect(Object.keys(secret.stringData)).toContain(monitor.spec.endpoints[0].authorization.credentials.key);
  });

  it("the pods' grace period covers the pause before stopping and the time requests in flight may take", () => {
    const preStop = webPod.containers[0].lifecycle.preStop.sleep.seconds as number;
    expect(webPod.terminationGracePeriodSeconds).toBeGreaterThanOrEqual(preStop + SHUTDOWN_IN_FLIGHT_MS / 1000 + 10);
  });

  it("two replicas, rolled one at a time without losing capacity, and a drain keeps one serving", () => {
    expect(deployment.spec.replicas).toBe(2);
    expect(deployment.spec.strategy).toMatchObject({ type: "RollingUpdate", rollingUpdate: { maxUnavailable: 0 } });
    expect(one("PodDisruptionBudget").spec.minAvailable).toBe(1);
  });

  it("probes ask routes the app has, on the port the server listens on", () => {
    const container = webPod.containers[0];
    const portByName = Object.fromEntries(
      container.ports.map((p: { name: string; containerPort: number }) => [p.name, p.containerPort]),
    );
    expect(portByName.http).toBe(Number(configMap.data.PORT));
    expect(portByName.http).toBe(Number(image.env.PORT));
    const probes = {
      startupProbe: "/api/health/live",
      livenessProbe: "/api/health/live",
      readinessProbe: "/api/health",
    };
    for (const [probe, route] of Object.entries(probes)) {
      const { path: p, port } = container[probe].httpGet;
      expect(p, probe).toBe(route);
      expect(portByName[port], `${probe} port`).toBeDefined();
      const file = path.join(ROOT, "app", p, "route.ts");
      expect(readFileSync(file, "utf8"), file).toMatch(/export (async )?function GET\b/);
    }
    expect(service.spec.ports[0].targetPort).toBe("http");
    expect(deployment.spec.template.metadata.annotations["prometheus.io/port"]).toBe(String(portByName.http));
    expect(
      existsSync(
        path.join(ROOT, "app", deployment.spec.template.metadata.annotations["prometheus.io/path"], "route.ts"),
      ),
    ).toBe(true);
  });

  it("both pods run the image's entry point non-root, read-only, without capabilities, writing only where the image allows", () => {
    const uid = Number(image.user!.split(":")[0]);
    const imageWritable = readWritablePaths(path.join(ROOT, "Dockerfile"));
    expect(imageWritable).toEqual(["/tmp", "/app/.next/cache", "/app/.next/server/route-cache", "/data"]);
    for (const [what, pod] of pods) {
      expect(pod.securityContext, what).toMatchObject({ runAsNonRoot: true, runAsUser: uid });
      const c = pod.containers[0];
      expect(c.command, `${what}: keeps the image's ENTRYPOINT`).toBeUndefined();
      expect(c.securityContext, what).toEqual({
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
        capabilities: { drop: ["ALL"] },
      });
      expect(c.resources.requests.cpu, what).toBeDefined();
      expect(c.resources.requests.memory, what).toBeDefined();
      expect(c.resources.limits.memory, what).toBeDefined();
      const writable = c.volumeMounts
        .filter((m: { readOnly?: boolean }) => !m.readOnly)
        .map((m: { mountPath: string }) => m.mountPath);
      for (const w of writable) expect(imageWritable, `${what} writes ${w}`).toContain(w);
      // The server writes Next's caches: without a volume there, the read-only root filesystem refuses it.
      if (what === "Deployment") expect(writable.sort()).toEqual(imageWritable.filter((w) => w !== "/data").sort());
      expect(pod.serviceAccountName, what).toBe(one("ServiceAccount").metadata.name);
    }
  });

  it("the roles file the config names is mounted from the ConfigMap in both pods", () => {
    const file = configMap.data.COSTWISE_ROLES_FILE as string;
    for (const [what, pod] of pods) {
      const mount = pod.containers[0].volumeMounts.find((m: { mountPath: string }) =>
        file.startsWith(`${m.mountPath}/`),
      );
      expect(mount, what).toBeDefined();
      const volume = pod.volumes.find((v: { name: string }) => v.name === mount.name);
      const item = volume.configMap.items.find((i: { path: string }) => `${mount.mountPath}/${i.path}` === file);
      expect(configMap.data[item.key], what).toMatch(/=/);
    }
  });

  it("the sync CronJob runs a real command of the image, never twice at once, bounded, with the servers' schedule off", () => {
    expect(cronJob.spec).toMatchObject({
      concurrencyPolicy: "Forbid",
      startingDeadlineSeconds: expect.any(Number),
      successfulJobsHistoryLimit: expect.any(Number),
      failedJobsHistoryLimit: expect.any(Number),
    });
    expect(cronJob.spec.jobTemplate.spec).toMatchObject({
      backoffLimit: expect.any(Number),
      activeDeadlineSeconds: expect.any(Number),
    });
    expect(configMap.data.SYNC_SCHEDULE).toBe("off");
    const args = syncPod.containers[0].args as string[];
    expect(args[0]).toBe("sync");
    // The image's entry point with the CronJob's arguments: it knows the command and its options.
    const res = spawnSync(
      process.execPath,
      ["node_modules/tsx/dist/cli.mjs", "scripts/costwise.ts", ...args, "--help"],
      {
        cwd: ROOT,
        encoding: "utf8",
        env: { PATH: process.env.PATH, HOME: process.env.HOME } as unknown as NodeJS.ProcessEnv,
        timeout: 60_000,
      },
    );
    expect(res.stderr).toBe("");
    expect(res.status).toBe(0);
    expect(res.stdout).toMatch(/^Usage: .*sync/);
    const notACommand = spawnSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/costwise.ts", "synk"], {
      cwd: ROOT,
      encoding: "utf8",
    });
    expect(notACommand.status).toBe(2);
  });

  it("every environment variable the deploy files set is one the config (or Next.js, or Postgres) reads", () => {
    const envName = /^[A-Z_][A-Z0-9_]*$/; // ConfigMap keys that are not names (roles.txt) are files, not variables
    const set = new Map<string, string>();
    for (const k of Object.keys(configMap.data).filter((k) => envName.test(k))) set.set(k, "configmap.yaml");
    for (const k of Object.keys(secret.stringData)) set.set(k, "secret.example.yaml");
    for (const [what, pod] of pods) for (const e of pod.containers[0].env ?? []) set.set(e.name, what);
    for (const k of Object.keys(image.env)) set.set(k, "Dockerfile");
    const compose = path.join(ROOT, "compose.yaml");
    if (existsSync(compose)) {
      const services = (
        parseAllDocuments(readFileSync(compose, "utf8"))[0]!.toJS() as {
          services: Record<string, { environment?: Record<string, string> }>;
        }
      ).services;
      for (const s of Object.values(services))
        for (const k of Object.keys(s.environment ?? {})) set.set(k, "compose.yaml");
    }
    const readers = new Set([...CONFIG_VARIABLES, ...Object.keys(READ_ELSEWHERE)]);
    expect([...set].filter(([k]) => !readers.has(k)).map(([k, where]) => `${k} (${where})`)).toEqual([]);
  });

  it("compose runs the image as Kubernetes does: read-only, no capabilities, the image's writable paths in memory", () => {
    const compose = parseAllDocuments(readFileSync(path.join(ROOT, "compose.yaml"), "utf8"))[0]!.toJS() as {
      services: Record<
        string,
        { read_only?: boolean; cap_drop?: string[]; tmpfs?: string[]; environment?: Record<string, string> }
      >;
    };
    const app = compose.services.costwise!;
    expect(app.read_only).toBe(true);
    expect(app.cap_drop).toEqual(["ALL"]);
    expect(app.tmpfs?.sort()).toEqual(
      readWritablePaths(path.join(ROOT, "Dockerfile"))
        .filter((p) => p !== "/data")
        .sort(),
    );
    // One server and no CronJob: its own schedule syncs.
    expect(app.environment?.SYNC_SCHEDULE).toBe("daily");
  });

  it("the example secrets are plainly fake", () => {
    for (const [k, v] of Object.entries(secret.stringData as Record<string, string>)) expect(v, k).toMatch(/FAKE/);
  });
});

describe("IAM policy for the ServiceAccount's role", () => {
  it("allows exactly the Cost Explorer and Price List calls the code makes, and nothing else", () => {
    const policy = JSON.parse(readFileSync(path.join(K8S, "iam-policy.json"), "utf8")) as {
      Statement: { Effect: string; Action: string[]; Resource: string }[];
    };
    const allowed = policy.Statement.flatMap((s) => (s.Effect === "Allow" ? s.Action : [])).sort();
    const called = new Set<string>();
    for (const f of readdirSync(path.join(ROOT, "lib"), { recursive: true }).map(String)) {
      if (!f.endsWith(".ts") || f.endsWith(".test.ts")) continue;
      const text = readFileSync(path.join(ROOT, "lib", f), "utf8");
      const service = text.includes("@aws-sdk/client-cost-explorer")
        ? "ce"
        : text.includes("@aws-sdk/client-pricing")
          ? "pricing"
          : null;
      if (!service) continue;
      for (const m of text.matchAll(/\b([A-Z][A-Za-z]+)Command\b/g)) called.add(`${service}:${m[1]}`);
    }
    expect(called.size).toBeGreaterThan(0);
    expect(allowed).toEqual([...called].sort());
    expect(one("ServiceAccount").metadata.annotations["eks.amazonaws.com/role-arn"]).toMatch(
      /^arn:aws:iam::\d{12}:role\//,
    );
  });
});
