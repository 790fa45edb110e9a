// Fetching from the dashboard's own server (same origin only).

export class ApiError extends Error {
  constructor(message, code, status) {
    super(message);
    this.code = code;
    this.status = status;
  }
}

export async function getJSON(path, params = {}, signal) {
  const url = new URL(path, window.location.origin);
  for (const [k, v] of Object.entries(params)) {
    if (v !== null && v !== undefined && v !== "") url.searchParams.set(k, v);
  }
  const response = await fetch(url, { signal, headers: { Accept: "application/json" } });
  let body = null;
  try { body = await response.json(); } catch (_) { /* not JSON */ }
  if (!response.ok) {
    throw new ApiError((body && body.error) || `${response.status} ${response.statusText}`,
      body && body.code, response.status);
  }
  return body;
}

/** Runs one request at a time per view: a newer call aborts the older one. */
export class Latest {
  constructor() { this.controller = null; }
  async get(path, params) {
    if (this.controller) this.controller.abort();
    this.controller = new AbortController();
    return getJSON(path, params, this.controller.signal);
  }
}

export const isAbort = (err) => err && err.name === "AbortError";
