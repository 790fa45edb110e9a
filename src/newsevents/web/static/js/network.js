// Network of country dyads: nodes are countries, an edge source -> target has width ~ events and the colour
// of its mean Goldstein score. The force layout is computed to rest before drawing (no jitter, fast).
import { goldsteinColor } from "./colors.js";
import { clear, emptyNote, fmtNum } from "./dom.js";
import { ChartView } from "./view.js";

const MAX_EDGES = 40;

export class Network extends ChartView {
  constructor(container, readout, { onCountry, onDyad, onError }) {
    super(container, readout, onError);
    this.onCountry = onCountry;
    this.onDyad = onDyad;
    this.filters = {};
  }

  load(filters) {
    this.filters = filters;
    return this.request.get("/api/stats/dyads", { ...filters, limit: MAX_EDGES });
  }

  render() {
    const d3 = window.d3;
    const el = clear(this.container);
    if (!this.data) return;
    const edges = this.data.items.map((d) => ({ ...d }));
    if (!edges.length) {
      emptyNote(el, "No events between two countries match the filters.");
      this.readout.textContent = "";
      return;
    }
    const width = Math.max(el.clientWidth, 280);
    const height = el.clientHeight || 230;

    const totals = new Map();
    for (const e of edges) {
      totals.set(e.source, (totals.get(e.source) || 0) + e.count);
      totals.set(e.target, (totals.get(e.target) || 0) + e.count);
    }
    const nodes = [...totals].map(([id, count]) => ({ id, count }));
    const maxNode = d3.max(nodes, (n) => n.count) || 1;
    const maxEdge = d3.max(edges, (e) => e.count) || 1;
    const nodeR = d3.scaleSqrt().domain([0, maxNode]).range([11, 20]);
    const edgeW = d3.scaleSqrt().domain([1, maxEdge]).range([1.5, 9]);
    const links = edges.map((e) => ({ ...e, dyad: e }));
    const pairs = new Set(edges.map((e) => `${e.source}>${e.target}`));

    const sim = d3.forceSimulation(nodes)
      .force("link", d3.forceLink(links).id((n) => n.id).distance(Math.min(95, width / 4)))
      .force("charge", d3.forceManyBody().strength(-260))
      .force("x", d3.forceX(width / 2).strength(0.07))
      .force("y", d3.forceY(height / 2).strength(0.12))
      .force("collide", d3.forceCollide((n) => nodeR(n.count) + 10))
      .stop();
    for (let i = 0; i < 300; i += 1) sim.tick();
    for (const n of nodes) {
      const rr = nodeR(n.count) + 2;
      n.x = Math.max(rr, Math.min(width - rr, n.x));
      n.y = Math.max(rr, Math.min(height - rr, n.y));
    }

    const svg = d3.select(el).append("svg").attr("viewBox", `0 0 ${width} ${height}`).attr("height", height)
      .attr("role", "img").attr("aria-label", "Network of country dyads");
    svg.append("defs").append("marker").attr("id", "arrow").attr("viewBox", "0 -5 10 10")
      .attr("refX", 8).attr("refY", 0).attr("markerWidth", 7).attr("markerHeight", 7)
      .attr("markerUnits", "userSpaceOnUse").attr("orient", "auto")
      .append("path").attr("d", "M0,-4L9,0L0,4").attr("fill", "#52606d");

    const geometry = (l) => {
      const s = l.source;
      const t = l.target;
      const dx = t.x - s.x;
      const dy = t.y - s.y;
      const len = Math.hypot(dx, dy) || 1;
      const ux = dx / len;
      const uy = dy / len;
      // two directions of one pair are drawn side by side
      const off = pairs.has(`${t.id}>${s.id}`) ? Math.max(3, edgeW(l.count) / 2 + 1.5) : 0;
      const nx = -uy * off;
      const ny = ux * off;
      const rs = nodeR(s.count);
      const rt = nodeR(t.count) + 3;
      return `M${s.x + ux * rs + nx},${s.y + uy * rs + ny}L${t.x - ux * rt + nx},${t.y - uy * rt + ny}`;
    };

    const selectedDyad = this.filters.source && this.filters.target ? `${this.filters.source}>${this.filters.target}` : null;
    svg.append("g").attr("class", "edges").selectAll("path").data(links).join("path")
      .attr("class", (l) => "edge" + (selectedDyad === `${l.source.id}>${l.target.id}` ? " selected" : ""))
      .attr("d", geometry)
      .attr("stroke", (l) => goldsteinColor(l.goldstein))
      .attr("stroke-width", (l) => edgeW(l.count))
      .attr("marker-end", "url(#arrow)")
      .on("click", (event, l) => this.onDyad(l.source.id, l.target.id))
      .on("mouseenter", (event, l) => {
        this.readout.textContent = `${l.source.id} → ${l.target.id}: ${l.count} events ` +
          `(${l.cooperation} cooperation, ${l.conflict} conflict), mean Goldstein ${fmtNum(l.goldstein, 2)}`;
      })
      .on("mouseleave", () => { this.readout.textContent = this.defaultText; })
      .append("title").text((l) => `${l.source.id} → ${l.target.id}: ${l.count} events, mean Goldstein ${fmtNum(l.goldstein, 2)}`);

    const node = svg.append("g").attr("class", "nodes").selectAll("g").data(nodes).join("g")
      .attr("class", (n) => "node" + (this.filters.country === n.id ? " selected" : ""))
      .attr("transform", (n) => `translate(${n.x},${n.y})`)
      .on("click", (event, n) => this.onCountry(n.id))
      .on("mouseenter", (event, n) => { this.readout.textContent = `${n.id}: ${n.count} events in the dyads shown`; })
      .on("mouseleave", () => { this.readout.textContent = this.defaultText; });
    node.append("circle").attr("r", (n) => nodeR(n.count));
    node.append("text").text((n) => n.id);
    node.append("title").text((n) => `${n.id}: ${n.count} events`);

    this.defaultText = `${edges.length} of ${this.data.total} dyads between countries` +
      ". Width = events, colour = mean Goldstein. Click an edge or a country to filter.";
    this.readout.textContent = this.defaultText;
  }
}
