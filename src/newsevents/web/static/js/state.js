// The dashboard's state lives in the URL query string, so any view can be linked and Back works.

export const FILTER_KEYS = ["since", "until", "actor", "source", "target", "country", "code", "root", "plover",
  "quad_class", "mode", "place", "q", "article"];
export const DEFAULT_SORT = "-date";
export const PAGE_SIZE = 50;

export function readState(search = window.location.search) {
  const p = new URLSearchParams(search);
  const filters = {};
  for (const k of FILTER_KEYS) {
    const v = (p.get(k) || "").trim();
    if (v) filters[k] = v;
  }
  const offset = Math.max(0, parseInt(p.get("offset") || "0", 10) || 0);
  const size = Math.min(500, Math.max(1, parseInt(p.get("size") || String(PAGE_SIZE), 10) || PAGE_SIZE));
  return { filters, sort: p.get("sort") || DEFAULT_SORT, offset, size, event: p.get("event") || null };
}

export function stateURL(state) {
  const p = new URLSearchParams();
  for (const k of FILTER_KEYS) if (state.filters[k]) p.set(k, state.filters[k]);
  if (state.sort && state.sort !== DEFAULT_SORT) p.set("sort", state.sort);
  if (state.offset) p.set("offset", String(state.offset));
  if (state.size && state.size !== PAGE_SIZE) p.set("size", String(state.size));
  if (state.event) p.set("event", state.event);
  const qs = p.toString();
  return window.location.pathname + (qs ? `?${qs}` : "");
}

export function writeState(state, { replace = false } = {}) {
  const url = stateURL(state);
  if (url === window.location.pathname + window.location.search) return;
  window.history[replace ? "replaceState" : "pushState"](null, "", url);
}
