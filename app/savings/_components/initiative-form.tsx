"use client";
import Link from "next/link";
import { useActionState, useState, type ReactNode } from "react";
import { saveInitiative, type InitiativeFormState } from "../actions";
import styles from "./savings.module.css";

export type FormOptions = {
  departments: string[];
  environments: string[];
  projects: string[];
  services: string[];
  accounts: { id: string; name: string }[];
  clusters: string[];
  rightsizingEnvironments: string[];
};

type Props = { id: number | null; initial: Record<string, string>; options: FormOptions };

/** Create or edit an initiative. The scope fields are the spend report's filters; errors show next to their field. */
export function InitiativeForm({ id, initial, options }: Props) {
  const [state, action, pending] = useActionState<InitiativeFormState, FormData>(saveInitiative, null);
  const values = state?.values ?? initial;
  const errors = state?.errors ?? {};
  const [kind, setKind] = useState(values.kind ?? "bill");
  const field = (name: string, label: string, input: ReactNode, hint?: string) => (
    <div className={styles.field}>
      <label htmlFor={`f-${name}`}>{label}</label>
      {input}
      {errors[name] ? (
        <span className={styles.fieldError} id={`f-${name}-error`}>
          {errors[name]}
        </span>
      ) : hint ? (
        <span className={styles.hint}>{hint}</span>
      ) : null}
    </div>
  );
  const a11y = (name: string) => ({
    id: `f-${name}`,
    name,
    "aria-invalid": errors[name] ? true : undefined,
    "aria-describedby": errors[name] ? `f-${name}-error` : undefined,
  });
  const select = (name: string, choices: { value: string; label: string }[]) => (
    <select {...a11y(name)} defaultValue={values[name] ?? ""}>
      <option value="">any</option>
      {choices.map((c) => (
        <option key={c.value} value={c.value}>
          {c.label}
        </option>
      ))}
    </select>
  );
  const plain = (list: string[]) => list.map((v) => ({ value: v, label: v }));
  return (
    <section className="panel" id="initiative-form" aria-label={id ? "Edit initiative" : "New initiative"}>
      <h2>{id ? `Edit initiative #${id}` : "New initiative"}</h2>
      <form action={action} key={JSON.stringify(values)} className={styles.form} noValidate>
        {id ? <input type="hidden" name="id" value={id} /> : null}
        {errors.form ? (
          <div className="notice error" role="alert">
            {errors.form}
          </div>
        ) : null}
        <div className={styles.formGrid}>
          {field(
            "name",
            "Name",
            <input
              {...a11y("name")}
              defaultValue={values.name ?? ""}
              placeholder="Recordings moved to Glacier Instant Retrieval"
            />,
          )}
          {field(
            "changeDate",
            "Change date",
            <input {...a11y("changeDate")} type="date" defaultValue={values.changeDate ?? ""} />,
          )}
          {field(
            "description",
            "How (one line)",
            <input
              {...a11y("description")}
              defaultValue={values.description ?? ""}
              placeholder="Lifecycle rule moves recordings older than 30 days"
            />,
          )}
          {field(
            "months",
            "Months compared each side",
            <input {...a11y("months")} type="number" min={1} max={12} defaultValue={values.months ?? "3"} />,
            "full months before and after the change month",
          )}
        </div>
        <fieldset className={styles.kind}>
          <legend>Kind</legend>
          <label>
            <input type="radio" name="kind" value="bill" checked={kind === "bill"} onChange={() => setKind("bill")} />{" "}
            Measured on the bill
          </label>
          <label>
            <input
              type="radio"
              name="kind"
              value="rightsizing"
              checked={kind === "rightsizing"}
              onChange={() => setKind("rightsizing")}
            />{" "}
            Rightsizing (also shows the potential still on the table)
          </label>
        </fieldset>
        <fieldset>
          <legend>Scope: the spend this change affects</legend>
          {errors.scope ? (
            <div className={styles.fieldError} role="alert">
              {errors.scope}
            </div>
          ) : null}
          <p className={styles.hint}>
            Leave a field at “any” to include everything. The spend report answers these exactly: department + project +
            environment, or one of them with service or linked account, or service + linked account.
          </p>
          <div className={styles.formGrid}>
            {field(
              "department",
              "Department",
              <input
                {...a11y("department")}
                list="departments"
                defaultValue={values.department ?? ""}
                placeholder="any"
              />,
            )}
            {field(
              "project",
              "Project",
              <input {...a11y("project")} list="projects" defaultValue={values.project ?? ""} placeholder="any" />,
            )}
            {field("environment", "Environment", select("environment", plain(options.environments)))}
            {field(
              "service",
              "Service",
              <input {...a11y("service")} list="services" defaultValue={values.service ?? ""} placeholder="any" />,
            )}
            {field(
              "account",
              "Linked account",
              select(
                "account",
                options.accounts.map((a) => ({ value: a.id, label: `${a.name} (${a.id})` })),
              ),
            )}
            {field(
              "category",
              "Customer-serving / R&D",
              select("category", [
                { value: "customer-serving", label: "Customer-serving" },
                { value: "rnd", label: "R&D" },
              ]),
            )}
          </div>
          <datalist id="departments">
            {options.departments.map((d) => (
              <option key={d} value={d} />
            ))}
          </datalist>
          <datalist id="projects">
            {options.projects.map((p) => (
              <option key={p} value={p} />
            ))}
          </datalist>
          <datalist id="services">
            {options.services.map((s) => (
              <option key={s} value={s} />
            ))}
          </datalist>
        </fieldset>
        {kind === "rightsizing" ? (
          <fieldset>
            <legend>Rightsizing rows whose potential to show</legend>
            <div className={styles.formGrid}>
              {field("rs_cluster", "Cluster", select("rs_cluster", plain(options.clusters)))}
              {field("rs_environment", "Environment", select("rs_environment", plain(options.rightsizingEnvironments)))}
            </div>
          </fieldset>
        ) : null}
        <div className={styles.formActions}>
          <button type="submit" className="button" disabled={pending}>
            {pending ? "Saving…" : id ? "Save changes" : "Add initiative"}
          </button>
          {id ? (
            <Link className="button secondary" href="/savings">
              Cancel
            </Link>
          ) : null}
        </div>
      </form>
    </section>
  );
}
