"use client";
import { useActionState, useRef } from "react";
import { removeInitiative, type DeleteState } from "../actions";
import { keepTabInside } from "@/app/_components/focus-trap";
import styles from "./savings.module.css";

/** Delete asks first: a modal dialog names the initiative and says what goes with it. */
export function DeleteInitiative({ id, name }: { id: number; name: string }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [state, action, pending] = useActionState<DeleteState, FormData>(removeInitiative, null);
  return (
    <>
      <button
        type="button"
        className={`button secondary ${styles.dangerText}`}
        onClick={() => dialog.current?.showModal()}
      >
        Delete
      </button>
      <dialog ref={dialog} className={styles.confirm} aria-labelledby={`delete-${id}-title`} onKeyDown={keepTabInside}>
        <form action={action}>
          <input type="hidden" name="id" value={id} />
          <h3 id={`delete-${id}-title`}>Delete “{name}”?</h3>
          <p>
            The initiative leaves the ledger and the deck. The spend data is not touched; you can add it again later.
          </p>
          {state?.error ? (
            <div className="notice error" role="alert">
              {state.error}
            </div>
          ) : null}
          <div className={styles.dialogActions}>
            <button type="button" className="button secondary" onClick={() => dialog.current?.close()}>
              Cancel
            </button>
            <button type="submit" className="button danger" disabled={pending}>
              {pending ? "Deleting…" : "Delete initiative"}
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}
