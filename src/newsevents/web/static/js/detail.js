// One event's evidence: the sentence with source, verb and target marked from the stored character offsets,
// and the article around it. Offsets count Unicode code points (as Python does), so text is split with
// Array.from, not by UTF-16 index. Every piece of text goes in through text nodes.
import { Latest, getJSON, isAbort } from "./api.js";
import { quadName } from "./colors.js";
import { clear, fmtNum, h, safeLink } from "./dom.js";

const ROLES = [
  { role: "source", label: "source" },
  { role: "verb", label: "verb" },
  { role: "target", label: "target" },
];

/** Text of `chars` (code points) from `from` to `to`, with the given spans (relative offsets) wrapped in <mark>. */
export function highlight(chars, from, to, spans) {
  const out = [];
  let pos = from;
  const sorted = spans.filter((s) => s.start >= from && s.end <= to && s.start < s.end)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  for (const s of sorted) {
    if (s.start < pos) continue; // overlapping spans: keep the first
    if (s.start > pos) out.push(document.createTextNode(chars.slice(pos, s.start).join("")));
    out.push(h("mark", { class: s.role, title: s.role, "data-role": s.role }, chars.slice(s.start, s.end).join("")));
    pos = s.end;
  }
  if (pos < to) out.push(document.createTextNode(chars.slice(pos, to).join("")));
  return out;
}

function evidenceSpans(ev, base) {
  const spans = [];
  for (const { role } of ROLES) {
    const span = ev.evidence[`${role}_span`];
    if (span && span.start !== null && span.end !== null) spans.push({ role, start: span.start - base, end: span.end - base });
  }
  return spans;
}

export class Detail {
  constructor(container, { onError, onFilter }) {
    this.container = container;
    this.onError = onError;
    this.onFilter = onFilter;
    this.request = new Latest();
    this.current = null;
  }

  async show(id) {
    if (!id) {
      this.current = null;
      clear(this.container).append(h("p", { class: "placeholder" },
        "Click an event in the table to see the sentence it was coded from, with its source, verb and target " +
        "marked, and the article around it."));
      return;
    }
    if (this.current && this.current.id === id) return;
    try {
      const ev = await this.request.get(`/api/events/${encodeURIComponent(id)}`);
      this.current = ev;
      this.render(ev);
    } catch (err) {
      if (isAbort(err)) return;
      clear(this.container).append(h("p", { class: "placeholder" }, `Cannot show event ${id}: ${err.message}`));
    }
  }

  render(ev) {
    const el = clear(this.container);
    el.dataset.eventId = ev.id;
    const sentence = ev.evidence.text || "";
    const chars = Array.from(sentence);
    const base = ev.evidence.start ?? 0;
    const spans = evidenceSpans(ev, base);

    el.append(h("div", { class: "headline" },
      h("span", { class: `chip q${ev.quad_class}` }, quadName(ev.quad_class)),
      h("span", { class: "what" }, h("span", { class: "code" }, ev.code), " ", ev.code_name || ev.plover || ""),
      h("span", { class: `mode ${ev.mode || ""}` }, ev.mode || ""),
    ));
    el.append(h("p", { class: "evidence", "data-testid": "evidence" }, highlight(chars, 0, chars.length, spans)));

    const actorLine = (code, name, reason) => [h("span", { class: "code" }, code || "—"), name ? ` “${name}”` : "",
      reason ? h("span", { class: "sub" }, reason) : null];
    el.append(h("dl", { class: "roles" },
      h("dt", {}, h("mark", { class: "source" }, "source")), h("dd", {}, actorLine(ev.source_code, ev.source_name, ev.source_reason)),
      h("dt", {}, h("mark", { class: "verb" }, "verb")), h("dd", {}, `${ev.verb || ""} → ${ev.code} ${ev.plover || ""}`),
      h("dt", {}, h("mark", { class: "target" }, "target")), h("dd", {}, actorLine(ev.target_code, ev.target_name, ev.target_reason)),
      h("dt", {}, "date"), h("dd", {}, ev.date || "—"),
      h("dt", {}, "Goldstein"), h("dd", {}, fmtNum(ev.goldstein, 1)),
      h("dt", {}, "place"), h("dd", {}, ev.place_name ? `${ev.place_name} (${ev.place_country || "?"})` : "—",
        ev.place_reason ? h("span", { class: "sub" }, ev.place_reason) : null),
    ));

    const art = ev.article;
    if (!art) return;
    el.append(h("h3", {}, "Article"));
    el.append(h("div", { class: "article-title" }, art.title || "(untitled article)"));
    const meta = [art.date, art.source, art.author, `${art.n_events} events`, `id ${art.id}`].filter(Boolean).join(" · ");
    el.append(h("div", { class: "article-meta" }, meta, art.url ? " · " : "", art.url ? safeLink(art.url, "original") : null));
    const context = h("div", { class: "context", "data-testid": "context" });
    if (ev.context) {
      context.append(
        ev.context.truncated_before ? h("span", { class: "gap" }, "… ") : "",
        ev.context.before || "",
        h("mark", { class: "sentence" }, highlight(chars, 0, chars.length, spans)),
        ev.context.after || "",
        ev.context.truncated_after ? h("span", { class: "gap" }, " …") : "",
      );
    }
    el.append(context);
    const more = h("button", { type: "button", class: "whole" }, "Show the whole article");
    more.addEventListener("click", () => this.showArticle(ev, context, more));
    el.append(h("div", { class: "actions" }, more, " ",
      h("button", { type: "button", onclick: () => this.onFilter({ article: ev.article_id }) }, "Events of this article")));
  }

  async showArticle(ev, context, button) {
    button.disabled = true;
    try {
      const art = await getJSON(`/api/articles/${encodeURIComponent(ev.article_id)}`);
      const chars = Array.from(art.text || "");
      const s = ev.evidence.start ?? 0;
      const e = ev.evidence.end ?? s;
      const spans = evidenceSpans(ev, 0);
      clear(context).append(
        chars.slice(0, s).join(""),
        h("mark", { class: "sentence" }, highlight(chars, s, e, spans)),
        chars.slice(e).join(""),
      );
      button.remove();
    } catch (err) {
      button.disabled = false;
      this.onError(err);
    }
  }
}
