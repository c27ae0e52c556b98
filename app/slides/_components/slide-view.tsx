import type { Slide } from "@/lib/slides/deck";
import { SlideChart } from "./slide-chart";

const TONE = { good: "deck-good", bad: "deck-bad", neutral: "" } as const;

/** One slide in the 1280 × 720 design space; the same layouts as the .pptx (lib/slides/pptx.ts). */
export function SlideView({ slide, index, total }: { slide: Slide; index: number; total: number }) {
  if (slide.layout === "title" || slide.layout === "closing") {
    return (
      <div className={`deck-slide-body deck-dark ${slide.layout === "closing" ? "deck-closing" : ""}`}>
        <div className="deck-bar" />
        <h2 className="deck-cover-title">{slide.title}</h2>
        {slide.subtitle ? <p className="deck-cover-subtitle">{slide.subtitle}</p> : null}
        {slide.note ? <p className="deck-cover-note">{slide.note}</p> : null}
      </div>
    );
  }
  const footer = (
    <footer className="deck-footer">
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
      <div className="deck-slide-body deck-number">
        <h2 className="deck-title deck-center">{slide.title}</h2>
        {slide.headline ? (
          <>
            <div className="deck-huge">{slide.headline.value}</div>
            <div className="deck-huge-label">{slide.headline.label}</div>
          </>
        ) : null}
        <ul className="deck-contributions">
          {(slide.facts ?? []).map((f) => (
            <li key={f.label}>
              <strong>{f.value}</strong> {f.label}
            </li>
          ))}
        </ul>
        {slide.note ? <p className="deck-note deck-center">{slide.note}</p> : null}
        {footer}
      </div>
    );
  }
  const hasChart = slide.chart !== undefined && slide.chart.series.length > 0 && slide.chart.categories.length > 0;
  return (
    <div className="deck-slide-body">
      <h2 className="deck-title">{slide.title}</h2>
      {slide.subtitle ? <p className="deck-subtitle">{slide.subtitle}</p> : null}
      <div className="deck-columns">
        <div className="deck-left">
          {slide.headline ? (
            <>
              <div className={`deck-headline ${TONE[slide.headline.tone ?? "neutral"]}`}>{slide.headline.value}</div>
              <div className="deck-headline-label">{slide.headline.label}</div>
            </>
          ) : null}
          {slide.how ? <p className="deck-how">{slide.how}</p> : null}
          <dl className="deck-facts">
            {(slide.facts ?? []).map((f) => (
              <div key={f.label}>
                <dt>{f.label}</dt>
                <dd>{f.value}</dd>
              </div>
            ))}
          </dl>
        </div>
        <div className="deck-right">
          {hasChart && slide.chart ? <SlideChart chart={slide.chart} width={790} height={470} /> : null}
          {slide.note ? <p className={hasChart ? "deck-note" : "deck-note deck-alone"}>{slide.note}</p> : null}
        </div>
      </div>
      {footer}
    </div>
  );
}
