// An offline page for the OpenAPI description (FastAPI's own /docs page would load its assets from a CDN).
import { getJSON } from "./api.js";
import { clear, h } from "./dom.js";

const root = document.querySelector("#docs");
try {
  const spec = await getJSON("/openapi.json");
  clear(root);
  root.append(h("p", { class: "desc" }, spec.info.description || ""));
  for (const [path, ops] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const params = op.parameters || [];
      const example = method === "get" && !path.includes("{") ? h("a", { href: path }, "try it") : null;
      root.append(h("section", { class: "endpoint" },
        h("div", {}, h("span", { class: "method" }, method.toUpperCase()), h("span", { class: "path" }, path),
          " ", example),
        h("div", {}, h("strong", {}, op.summary || "")),
        op.description ? h("p", { class: "desc" }, op.description) : null,
        params.length ? h("table", {},
          h("thead", {}, h("tr", {}, h("th", {}, "parameter"), h("th", {}, "in"), h("th", {}, "description"))),
          h("tbody", {}, params.map((p) => h("tr", {},
            h("td", { class: "code" }, p.name), h("td", {}, p.in), h("td", {}, p.description || "")))))
          : null));
    }
  }
  root.append(h("p", { class: "desc" }, "Errors: JSON {\"error\": message, \"code\": \"E5xx\"} with status 400 " +
    "(unknown parameter), 404 (unknown id or path), 422 (bad filter value or date) or 503 (store busy or missing)."));
} catch (err) {
  clear(root).append(h("p", {}, `Cannot load /openapi.json: ${err.message}`));
}
