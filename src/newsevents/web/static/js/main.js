// The dashboard: filters (kept in the URL) drive the timeline, the map, the dyad network and the event table.
import { getJSON } from "./api.js";
import { QUADS } from "./colors.js";
import { Detail } from "./detail.js";
import { debounce, fmtInt, h } from "./dom.js";
import { WorldMap } from "./map.js";
import { Network } from "./network.js";
import { FILTER_KEYS, readState, writeState } from "./state.js";
import { EventTable } from "./table.js";
import { Timeline } from "./timeline.js";

const $ = (sel) => document.querySelector(sel);
const form = $("#filters");
const statusEl = $("#status");
let state = readState();

function showError(err) {
  statusEl.hidden = false;
  statusEl.className = "status error";
  statusEl.textContent = err.code ? `${err.message} [${err.code}]` : String(err.message || err);
}

function clearError() {
  statusEl.hidden = true;
  statusEl.textContent = "";
}

const onError = (err) => showError(err);

const timeline = new Timeline($("#timeline"), $("#timeline-readout"), {
  onRange: (since, until) => setFilters({ since, until }),
  onError,
});
const network = new Network($("#network"), $("#network-readout"), {
  onCountry: (country) => setFilters({ country: state.filters.country === country ? "" : country }),
  onDyad: (source, target) => setFilters({ source, target }),
  onError,
});
const map = new WorldMap($("#map"), $("#map-readout"), {
  onPlace: (place) => setFilters({ place: state.filters.place === place ? "" : place }),
  onError,
});
const detail = new Detail($("#detail"), { onError, onFilter: (patch) => setFilters(patch) });
const table = new EventTable($("#events"), {
  count: $("#table-count"), pageInfo: $("#page-info"), prev: $("#prev"), next: $("#next"), size: $("#page-size"),
}, {
  onSelect: (id) => selectEvent(id),
  onSort: (sort) => { state = { ...state, sort, offset: 0 }; writeState(state); refreshTable(); },
  onPage: (offset) => { state = { ...state, offset }; writeState(state); refreshTable(); },
  onSize: (size) => { state = { ...state, size, offset: 0 }; writeState(state); refreshTable(); },
  onError,
});

function fillForm(filters) {
  for (const el of form.elements) {
    if (!el.name) continue;
    const value = filters[el.name] || "";
    if (el.tagName === "SELECT" && value && ![...el.options].some((o) => o.value === value)) {
      el.append(h("option", { value }, value)); // a value from a link that the menu does not list
    }
    el.value = value;
  }
}

function readForm() {
  const filters = {};
  for (const el of form.elements) {
    if (el.name && FILTER_KEYS.includes(el.name) && el.value.trim()) filters[el.name] = el.value.trim();
  }
  // filters that have no field (root, article) survive a form submit
  for (const k of ["root", "article"]) if (state.filters[k]) filters[k] = state.filters[k];
  return filters;
}

function setFilters(patch, { replaceAll = false } = {}) {
  const filters = replaceAll ? { ...patch } : { ...state.filters, ...patch };
  for (const k of Object.keys(filters)) if (!filters[k]) delete filters[k];
  state = { ...state, filters, offset: 0 };
  writeState(state);
  fillForm(filters);
  refreshAll();
}

function selectEvent(id) {
  state = { ...state, event: id };
  writeState(state, { replace: true });
  table.select(id);
  detail.show(id);
  if (window.matchMedia("(max-width: 1000px)").matches) $("#detail-card").scrollIntoView({ behavior: "smooth" });
}

function refreshTable() {
  table.update(state.filters, state.sort, state.offset, state.size);
}

function refreshAll() {
  clearError();
  document.body.dataset.filters = JSON.stringify(state.filters);
  timeline.update(state.filters);
  network.update(state.filters);
  map.update(state.filters);
  table.selected = state.event;
  refreshTable();
  detail.show(state.event);
}

function legends() {
  for (const el of document.querySelectorAll(".quad-legend")) {
    el.append(...QUADS.map((q) => h("span", { class: "key" }, h("span", { class: `swatch ${q.key}` }), q.name)));
  }
  const tl = document.querySelector("#timeline-card .quad-legend");
  tl.append(h("span", { class: "key" }, h("span", { class: "line" }), "mean Goldstein"));
  for (const el of document.querySelectorAll(".goldstein-legend")) {
    el.append(h("span", { class: "key" }, "Goldstein −10", h("span", { class: "ramp" }), "+10"));
  }
}

async function loadMeta() {
  try {
    const meta = await getJSON("/api/meta");
    const range = meta.first_date ? ` · ${meta.first_date} to ${meta.last_date}` : "";
    $("#summary").textContent = `${fmtInt(meta.events)} events from ${fmtInt(meta.articles)} articles${range} · ${meta.db}`;
    const plover = form.elements.plover;
    plover.append(...meta.plover.map((p) => h("option", { value: p }, p)));
    const mode = form.elements.mode;
    mode.append(...meta.modes.map((m) => h("option", { value: m }, m)));
  } catch (err) {
    showError(err);
  }
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  setFilters(readForm(), { replaceAll: true });
});
for (const name of ["plover", "quad_class", "mode", "since", "until"]) {
  form.elements[name].addEventListener("change", () => setFilters(readForm(), { replaceAll: true }));
}
$("#reset").addEventListener("click", () => {
  state = { ...state, sort: "-date", event: null };
  setFilters({}, { replaceAll: true });
});
window.addEventListener("popstate", () => {
  state = readState();
  fillForm(state.filters);
  refreshAll();
});
window.addEventListener("resize", debounce(() => {
  timeline.render();
  network.render();
  map.render();
}, 200));

legends();
await loadMeta();
fillForm(state.filters);
refreshAll();
