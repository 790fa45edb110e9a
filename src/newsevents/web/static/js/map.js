// World map: Natural Earth 110m countries (served by this server), one circle per place, area ~ events,
// colour = the place's most frequent QuadClass.
import { getJSON } from "./api.js";
import { quadColor, quadName } from "./colors.js";
import { clear, fmtInt, fmtNum } from "./dom.js";
import { ChartView } from "./view.js";

const WORLD_URL = "/static/vendor/world-atlas/countries-110m.json";

export class WorldMap extends ChartView {
  constructor(container, readout, { onPlace, onError }) {
    super(container, readout, onError);
    this.onPlace = onPlace;
    this.world = null;
    this.selected = null;
  }

  async load(filters) {
    this.selected = filters.place || null;
    if (!this.world) {
      const topo = await getJSON(WORLD_URL);
      this.world = window.topojson.feature(topo, topo.objects.countries);
    }
    return this.request.get("/api/stats/places", filters);
  }

  render() {
    const d3 = window.d3;
    const el = clear(this.container);
    if (!this.world || !this.data) return;
    const width = Math.max(el.clientWidth, 320);
    const height = el.clientHeight || 340;
    // fit the inhabited world (Antarctica, ISO 010, carries no news) so the map uses the card's width
    const land = { type: "FeatureCollection", features: this.world.features.filter((f) => f.id !== "010") };
    const projection = d3.geoNaturalEarth1().fitExtent([[6, 6], [width - 6, height - 6]], land);
    const path = d3.geoPath(projection);

    const svg = d3.select(el).append("svg").attr("viewBox", `0 0 ${width} ${height}`).attr("height", height)
      .attr("role", "img").attr("aria-label", "Map of event locations");
    const zoomed = svg.append("g");
    zoomed.append("path").attr("class", "sphere").attr("d", path({ type: "Sphere" }));
    zoomed.append("path").attr("class", "graticule").attr("d", path(d3.geoGraticule10()));
    zoomed.append("g").selectAll("path").data(this.world.features).join("path")
      .attr("class", "country").attr("d", path)
      .append("title").text((f) => (f.properties && f.properties.name) || "");

    const items = this.data.items.filter((p) => p.lat !== null && p.lon !== null);
    const max = d3.max(items, (p) => p.count) || 1;
    const r = d3.scaleSqrt().domain([0, max]).range([0, Math.min(26, Math.max(12, width / 40))]);
    const radius = (p) => Math.max(3, r(p.count));
    const circles = zoomed.append("g").attr("class", "places").selectAll("circle")
      .data(items.slice().sort((a, b) => b.count - a.count))
      .join("circle")
      .attr("class", (p) => `place q${p.quad_class}` + (this.selected && p.name === this.selected ? " selected" : ""))
      .attr("fill", (p) => quadColor(p.quad_class))
      .attr("cx", (p) => projection([p.lon, p.lat])[0])
      .attr("cy", (p) => projection([p.lon, p.lat])[1])
      .attr("r", radius)
      .on("click", (event, p) => this.onPlace(p.name))
      .on("mouseenter", (event, p) => {
        this.readout.textContent = `${p.name} (${p.country || "?"}): ${fmtInt(p.count)} events, mostly ` +
          `${quadName(p.quad_class).toLowerCase()}, mean Goldstein ${fmtNum(p.goldstein, 2)}`;
      })
      .on("mouseleave", () => { this.readout.textContent = this.defaultText; });
    circles.append("title").text((p) => `${p.name} (${p.country || "?"}): ${p.count} events`);

    this.defaultText = items.length
      ? `${fmtInt(this.data.total)} places` + (this.data.total > items.length ? ` (largest ${items.length} shown)` : "") +
        ". Circle area = events, colour = most frequent QuadClass. Click to filter; Ctrl+scroll to zoom."
      : "No located events match the filters.";
    this.readout.textContent = this.defaultText;

    svg.call(d3.zoom().scaleExtent([1, 12]).translateExtent([[0, 0], [width, height]])
      // the wheel scrolls the page; Ctrl (or Cmd) + wheel zooms, dragging pans
      .filter((event) => (event.type === "wheel" ? event.ctrlKey || event.metaKey : !event.button))
      .on("zoom", (event) => {
        zoomed.attr("transform", event.transform);
        const k = event.transform.k;
        circles.attr("r", (p) => radius(p) / Math.sqrt(k)).attr("stroke-width", 1 / k);
        zoomed.selectAll(".country").attr("stroke-width", 0.5 / k);
      }));
  }
}
