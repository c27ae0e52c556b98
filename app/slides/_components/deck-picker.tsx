"use client";
import { useActionState, useState } from "react";
import { SettingVersionField } from "@/app/_components/setting-version";
import { saveDeck, type DeckChoiceState } from "../actions";
import styles from "./slides.module.css";

export type PickerItem = { id: number; name: string; saving: string };

/** Which initiatives go in the deck and in which order; saved, so the download and the CLI give the same deck. */
export function DeckPicker({ items, chosen }: { items: PickerItem[]; chosen: number[] }) {
  const [order, setOrder] = useState<number[]>(chosen);
  const [state, action, pending] = useActionState<DeckChoiceState, FormData>(saveDeck, null);
  const byId = new Map(items.map((i) => [i.id, i]));
  const rest = items.filter((i) => !order.includes(i.id));
  const move = (id: number, by: number) =>
    setOrder((o) => {
      const at = o.indexOf(id);
      const to = at + by;
      if (at < 0 || to < 0 || to >= o.length) return o;
      const next = [...o];
      [next[at], next[to]] = [next[to] as number, next[at] as number];
      return next;
    });
  const toggle = (id: number) => setOrder((o) => (o.includes(id) ? o.filter((x) => x !== id) : [...o, id]));
  const isDirty = order.join() !== chosen.join();
  return (
    <section className={`panel ${styles.picker}`} aria-label="Initiatives in the deck">
      <h2>Initiatives in the deck</h2>
      {items.length === 0 ? (
        <p className="muted">No savings initiatives yet: add them on the Savings page and they can go in the deck.</p>
      ) : null}
      <ol className={styles.pickList}>
        {order.flatMap((id, i) => {
          const item = byId.get(id);
          if (!item) return [];
          return [
            <li key={id}>
              <label>
                <input type="checkbox" checked onChange={() => toggle(id)} />{" "}
                <span className={styles.pickName}>{item.name}</span>
              </label>
              <span className="muted">{item.saving}</span>
              <span className={styles.pickMoves}>
                <button
                  type="button"
                  className="button secondary small"
                  onClick={() => move(id, -1)}
                  disabled={i === 0}
                  aria-label={`Move ${item.name} up`}
                >
                  ↑
                </button>
                <button
                  type="button"
                  className="button secondary small"
                  onClick={() => move(id, 1)}
                  disabled={i === order.length - 1}
                  aria-label={`Move ${item.name} down`}
                >
                  ↓
                </button>
              </span>
            </li>,
          ];
        })}
      </ol>
      {rest.length > 0 ? (
        <ul className={`${styles.pickList} ${styles.pickRest}`} aria-label="Not in the deck">
          {rest.map((item) => (
            <li key={item.id}>
              <label>
                <input type="checkbox" checked={false} onChange={() => toggle(item.id)} />{" "}
                <span className={styles.pickName}>{item.name}</span>
              </label>
              <span className="muted">{item.saving}</span>
            </li>
          ))}
        </ul>
      ) : null}
      <form action={action} className={styles.pickSave}>
        <input type="hidden" name="initiatives" value={order.join(",")} />
        <SettingVersionField setting="deck" saved={state?.settingVersion} />
        <button type="submit" className="button" disabled={pending || !isDirty}>
          {pending ? "Saving…" : "Save deck"}
        </button>
        <span role="status" className={state && !state.ok ? styles.error : "muted"}>
          {isDirty ? "Unsaved changes: the preview and the download show the saved deck." : (state?.message ?? "")}
        </span>
      </form>
    </section>
  );
}
