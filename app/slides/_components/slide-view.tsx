import type { Slide } from "@/lib/slides/deck";
import { SlideChart } from "./slide-chart";
import styles from "./slides.module.css";

const TONE = { good: styles.good, bad: styles.bad, neutral: "" } as const;

/** One slide in the 1280 × 720 design space; the same layouts as the .pptx (lib/slides/pptx.ts). */
export function SlideView({ slide, index, total }: { slide: Slide; index: number; total: number }) {
  if (slide.layout === "title" || slide.layout === "closing") {
    return (
      <div className={`${styles.slideBody} ${styles.dark} ${slide.layout === "closing" ? styles.closing : ""}`}>
        <div className={styles.bar} />
        <h2 className={styles.coverTitle}>{slide.title}</h2>
        {slide.subtitle ? <p className={styles.coverSubtitle}>{slide.subtitle}</p> : null}
        {slide.note ? <p className={styles.coverNote}>{slide.note}</p> : null}
      </div>
    );
  }
  const footer = (
    <footer className={styles.footer}>
      <span>
        {slide.source ? (
          <>
            Source: Costwise › <a href={slide.source.href}>{slide.source.label}</a>
          </>
        ) : null}
      </span>
      <span>
        {index + 1} / {total}
      </span>
    </footer>
  );
  if (slide.layout === "number") {
    return (
      <div className={`${styles.slideBody} ${styles.number}`}>
        <h2 className={`${styles.title} ${styles.center}`}>{slide.title}</h2>
        {slide.headline ? (
          <>
            <div className={styles.huge}>{slide.headline.value}</div>
            <div className={styles.hugeLabel}>{slide.headline.label}</div>
          </>
        ) : null}
        <ul className={styles.contributions}>
          {(slide.facts ?? []).map((f) => (
            <li key={f.label}>
              <strong>{f.value}</strong> {f.label}
            </li>
          ))}
        </ul>
        {slide.note ? <p className={`${styles.note} ${styles.center}`}>{slide.note}</p> : null}
        {footer}
      </div>
    );
  }
  const hasChart = slide.chart !== undefined && slide.chart.series.length > 0 && slide.chart.categories.length > 0;
  return (
    <div className={styles.slideBody}>
      <h2 className={styles.title}>{slide.title}</h2>
      {slide.subtitle ? <p className={styles.subtitle}>{slide.subtitle}</p> : null}
      <div className={styles.columns}>
        <div className={``}>
          {slide.headline ? (
            <>
              <div className={`${styles.headline} ${TONE[slide.headline.tone ?? "neutral"]}`}>
                {slide.headline.value}
              </div>
              <div className={styles.headlineLabel}>{slide.headline.label}</div>
            </>
          ) : null}
          {slide.how ? <p className={styles.how}>{slide.how}</p> : null}
          <dl className={styles.facts}>
            {(slide.facts ?? []).map((f) => (
              <div key={f.label}>
                <dt>{f.label}</dt>
                <dd>{f.value}</dd>
              </div>
            ))}
          </dl>
        </div>
        <div className={styles.right}>
          {hasChart && slide.chart ? <SlideChart chart={slide.chart} width={790} height={470} /> : null}
          {slide.note ? (
            <p className={hasChart ? styles.note : `${styles.note} ${styles.alone}`}>{slide.note}</p>
          ) : null}
        </div>
      </div>
      {footer}
    </div>
  );
}
