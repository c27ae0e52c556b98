"use client";
import { useCallback, useEffect, useLayoutEffect, useRef, useState, useSyncExternalStore } from "react";
import { cssVars } from "@/app/_components/css-vars";
import type { Deck } from "@/lib/slides/deck";
import { SlideView } from "./slide-view";
import styles from "./slides.module.css";

function subscribeToHash(onChange: () => void) {
  window.addEventListener("hashchange", onChange);
  return () => window.removeEventListener("hashchange", onChange);
}

const WIDTH = 1280;
const HEIGHT = 720;

/** The slide a URL hash names (#slide-3 → 2), within the deck; the first one without a hash. */
const toIndex = (hash: string, total: number) =>
  Math.max(0, Math.min(total - 1, Number(/^#slide-(\d+)$/.exec(hash)?.[1] ?? 1) - 1));

// Keys typed into a field are not slide moves; Space on a focused button or link presses it instead.
const isTyping = (target: EventTarget | null, key: string) =>
  target instanceof HTMLElement &&
  (target.isContentEditable ||
    ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName) ||
    (key === " " && ["BUTTON", "A"].includes(target.tagName)));

/**
 * One slide per screen, scaled to fit its frame (16:9, also in full screen on a projector). Arrow keys, Page
 * Up/Down, Space, Home/End move; F presents in full screen. Every slide stays in the page so the browser
 * prints the whole deck, one slide per page. The viewer carries `data-keys="ready"` once it listens to the
 * keyboard (a key pressed before, while the page is still starting, does nothing).
 */
export function DeckViewer({ deck }: { deck: Deck }) {
  const total = deck.slides.length;
  // The current slide lives in the URL (#slide-3): a reload or a shared link opens the same slide.
  const hash = useSyncExternalStore(
    subscribeToHash,
    () => window.location.hash,
    () => "",
  );
  const index = toIndex(hash, total);
  const [scale, setScale] = useState(0.75);
  const viewer = useRef<HTMLElement>(null);
  const stage = useRef<HTMLDivElement>(null);
  const go = useCallback(
    (to: number) => window.location.replace(`#slide-${Math.max(0, Math.min(total - 1, to)) + 1}`),
    [total],
  );
  // A move counts from the slide in the address bar, not from the last render: keys pressed faster than the
  // page redraws (a presenter tapping → three times) each move one slide, none is lost.
  const step = useCallback((by: number) => go(toIndex(window.location.hash, total) + by), [go, total]);

  useLayoutEffect(() => {
    const el = stage.current;
    if (!el) return;
    const fit = () => setScale(Math.min(el.clientWidth / WIDTH, el.clientHeight / HEIGHT) || 0.75);
    fit();
    const observer = new ResizeObserver(fit);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const present = useCallback(() => {
    if (document.fullscreenElement) void document.exitFullscreen();
    else void stage.current?.requestFullscreen?.();
  }, []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey || isTyping(e.target, e.key)) return;
      const moves: Record<string, number> = {
        ArrowRight: 1,
        ArrowDown: 1,
        PageDown: 1,
        " ": 1,
        ArrowLeft: -1,
        ArrowUp: -1,
        PageUp: -1,
      };
      if (e.key in moves) step(moves[e.key] ?? 0);
      else if (e.key === "Home") go(0);
      else if (e.key === "End") go(total - 1);
      else if (e.key === "f" || e.key === "F") present();
      else return;
      e.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    viewer.current?.setAttribute("data-keys", "ready");
    return () => window.removeEventListener("keydown", onKey);
  }, [go, step, total, present]);

  const current = deck.slides[index];
  return (
    <section className={styles.viewer} aria-label="Slide preview" ref={viewer}>
      <div className={styles.stage} ref={stage} onClick={(e) => e.target === e.currentTarget && step(1)}>
        {/* The scale depends on the screen: the stylesheet sizes the frame and scales each slide by it. */}
        <div className={styles.frame} style={cssVars({ "--deck-scale": scale })}>
          {deck.slides.map((slide, i) => (
            <article
              key={slide.id}
              className={styles.slide}
              data-current={i === index ? "true" : undefined}
              aria-hidden={i !== index}
              aria-label={`Slide ${i + 1} of ${total}: ${slide.title}`}
            >
              <SlideView slide={slide} index={i} total={total} />
            </article>
          ))}
        </div>
      </div>
      <div className={styles.controls}>
        <button type="button" className="button secondary" onClick={() => step(-1)} disabled={index === 0}>
          ← Previous
        </button>
        <span className={styles.counter} role="status" aria-live="polite" data-testid="slide-counter">
          Slide {index + 1} of {total}: {current?.title}
        </span>
        <button type="button" className="button secondary" onClick={() => step(1)} disabled={index === total - 1}>
          Next →
        </button>
        <button type="button" className="button" onClick={present}>
          Present (F)
        </button>
      </div>
    </section>
  );
}
