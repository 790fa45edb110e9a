// Events over time: stacked bars by QuadClass per day (or week/month), and the mean Goldstein score as a line.
import { QUADS } from "./colors.js";
import { clear, emptyNote, fmtNum } from "./dom.js";
import { ChartView } from "./view.js";

const INTERVALS = {
  day: () => window.d3.utcDay,
  week: () => window.d3.utcMonday,
  month: () => window.d3.utcMonth,
  year: () => window.d3.utcYear,
};
const iso = (date) => date.toISOString().slice(0, 10);
const parse = (s) => new Date(`${s}T00:00:00Z`);

export class Timeline extends ChartView {
  constructor(container, readout, { onRange, onError }) {
    super(container, readout, onError);
    this.onRange = onRange;
  }

  load(filters) {
    return this.request.get("/api/stats/timeline", filters);
  }

  render() {
    const d3 = window.d3;
    const el = clear(this.container);
    if (!this.data) return;
    const { bucket, items } = this.data;
    if (!items.length) {
      emptyNote(el, "No dated events match the filters.");
      return;
    }
    const interval = INTERVALS[bucket]();
    const rows = items.map((d) => ({ ...d, t: parse(d.date) }));
    const width = Math.max(el.clientWidth, 320);
    const height = el.clientHeight || 230;
    const m = { top: 16, right: 40, bottom: 22, left: 38 };
    const w = width - m.left - m.right;
    const hgt = height - m.top - m.bottom;

    const first = rows[0].t;
    const last = interval.offset(rows[rows.length - 1].t, 1);
    // at least a week of days (or a few buckets) so a single bucket is not one huge bar
    const minEnd = interval.offset(first, bucket === "day" ? 7 : 4);
    const x = d3.scaleUtc().domain([first, last > minEnd ? last : minEnd]).range([0, w]);
    const yMax = d3.max(rows, (d) => d.total) || 1;
    const y = d3.scaleLinear().domain([0, yMax]).nice().range([hgt, 0]);
    const yg = d3.scaleLinear().domain([-10, 10]).range([hgt, 0]);

    const svg = d3.select(el).append("svg").attr("viewBox", `0 0 ${width} ${height}`)
      .attr("height", height).attr("role", "img").attr("aria-label", "Events over time by QuadClass");
    const g = svg.append("g").attr("transform", `translate(${m.left},${m.top})`);

    const yTicks = y.ticks(Math.min(5, y.domain()[1])).filter(Number.isInteger); // counts are whole numbers
    g.append("g").attr("class", "grid-lines")
      .call(d3.axisLeft(y).tickValues(yTicks).tickSize(-w).tickFormat(""));
    g.append("g").attr("class", "axis x-axis").attr("transform", `translate(0,${hgt})`)
      .call(d3.axisBottom(x).ticks(Math.max(2, Math.floor(w / 80))).tickSizeOuter(0)
        .tickFormat(d3.utcFormat(bucket === "day" || bucket === "week" ? "%b %-d" : bucket === "month" ? "%b %Y" : "%Y")));
    g.append("g").attr("class", "axis y-axis").call(d3.axisLeft(y).tickValues(yTicks).tickFormat(d3.format("~s")));
    g.append("g").attr("class", "axis goldstein-axis").attr("transform", `translate(${w},0)`)
      .call(d3.axisRight(yg).tickValues([-10, -5, 0, 5, 10]));
    g.append("text").attr("class", "axis-label").attr("x", w + 38).attr("y", -6).attr("text-anchor", "end")
      .text("Goldstein");
    g.append("text").attr("class", "axis-label").attr("x", -34).attr("y", -6).text("events");
    g.append("line").attr("class", "zero-line").attr("x1", 0).attr("x2", w).attr("y1", yg(0)).attr("y2", yg(0));

    // the brush sits under the bars' hover handling: drag anywhere to choose a date range
    const brush = d3.brushX().extent([[0, 0], [w, hgt]]).on("end", (event) => {
      if (!event.sourceEvent || !event.selection) return;
      const [a, b] = event.selection.map(x.invert);
      const since = interval.floor(a);
      const until = d3.utcDay.offset(interval.ceil(b), -1);
      this.onRange(iso(since), iso(until < since ? since : until));
    });
    const brushG = g.append("g").attr("class", "brush").call(brush);

    const stack = d3.stack().keys(QUADS.map((q) => q.key))(rows);
    const barWidth = (d) => Math.max(1, x(interval.offset(d.t, 1)) - x(d.t) - (bucket === "day" ? 1 : 1.5));
    const bars = g.append("g").attr("class", "bars").attr("pointer-events", "none");
    stack.forEach((series, i) => {
      bars.append("g").attr("fill", QUADS[i].color).selectAll("rect")
        .data(series.filter((s) => s[1] > s[0]))
        .join("rect")
        .attr("class", `bar ${QUADS[i].key}`)
        .attr("x", (s) => x(s.data.t))
        .attr("width", (s) => barWidth(s.data))
        .attr("y", (s) => y(s[1]))
        .attr("height", (s) => Math.max(0.5, y(s[0]) - y(s[1])));
    });

    const withG = rows.filter((d) => d.goldstein !== null && d.goldstein !== undefined);
    const cx = (d) => x(d.t) + barWidth(d) / 2;
    const lineG = g.append("g").attr("pointer-events", "none");
    lineG.append("path").attr("class", "goldstein-line")
      .attr("d", d3.line().x(cx).y((d) => yg(d.goldstein))(withG));
    lineG.selectAll("circle").data(withG).join("circle").attr("class", "goldstein-dot")
      .attr("r", withG.length > 60 ? 1.5 : 3).attr("cx", cx).attr("cy", (d) => yg(d.goldstein));

    const describe = (d) => {
      const parts = QUADS.map((q) => `${q.short} ${d[q.key]}`).join(" · ");
      const label = bucket === "day" ? d.date : `${bucket} of ${d.date}`;
      return `${label}: ${d.total} events (${parts}), mean Goldstein ${fmtNum(d.goldstein, 2)}`;
    };
    const defaultText = `${d3.sum(rows, (d) => d.total)} events by ${bucket}. Drag across the chart to filter a date range.`;
    this.readout.textContent = defaultText;
    brushG.on("mousemove.readout", (event) => {
      const t = x.invert(d3.pointer(event, g.node())[0]);
      const hit = rows.find((d) => d.t <= t && t < interval.offset(d.t, 1));
      this.readout.textContent = hit ? describe(hit) : defaultText;
    }).on("mouseleave.readout", () => { this.readout.textContent = defaultText; });
  }
}
