// The event table: one page at a time from /api/events (sorting and paging happen in the database).
import { Latest, isAbort } from "./api.js";
import { quadName } from "./colors.js";
import { clear, fmtInt, fmtNum, h } from "./dom.js";

const actor = (code, name) => h("span", { title: name || "" }, h("span", { class: "code" }, code || "—"),
  name ? h("span", { class: "sub" }, name) : null);

const COLUMNS = [
  { label: "Date", sort: "date", cls: "date", cell: (d) => d.date || "—" },
  { label: "Source", sort: "source", cell: (d) => actor(d.source_code, d.source_name) },
  { label: "Event", sort: "code", cell: (d) => [h("span", { class: "first" }, h("span", { class: "code" }, d.code), " ", d.plover || ""),
    h("span", { class: "sub" }, d.verb || "")] },
  { label: "Target", sort: "target", cell: (d) => actor(d.target_code, d.target_name) },
  { label: "Quad", sort: "quad_class", cell: (d) => h("span", { class: `chip q${d.quad_class}`, title: quadName(d.quad_class) }, String(d.quad_class ?? "?")) },
  { label: "Goldstein", sort: "goldstein", cls: "num", cell: (d) => fmtNum(d.goldstein, 1) },
  { label: "Mode", sort: "mode", cell: (d) => h("span", { class: `mode ${d.mode || ""}` }, d.mode || "") },
  { label: "Place", sort: "place", cell: (d) => [d.place_name || "—", d.place_country ? h("span", { class: "sub" }, d.place_country) : null] },
  { label: "Evidence", cls: "evidence", cell: (d) => h("span", { title: d.sentence || "" }, d.sentence || "") },
];

export class EventTable {
  constructor(table, { count, pageInfo, prev, next, size }, { onSelect, onSort, onPage, onSize, onError }) {
    this.table = table;
    this.countEl = count;
    this.pageInfo = pageInfo;
    this.prev = prev;
    this.next = next;
    this.onSelect = onSelect;
    this.onSort = onSort;
    this.onPage = onPage;
    this.onError = onError;
    this.request = new Latest();
    this.data = null;
    this.selected = null;
    this.sort = "-date";
    this.size = 50;
    this.sizeSelect = size;
    prev.addEventListener("click", () => this.onPage(Math.max(0, (this.data?.offset || 0) - this.size)));
    next.addEventListener("click", () => this.onPage((this.data?.offset || 0) + this.size));
    size.addEventListener("change", () => onSize(parseInt(size.value, 10)));
  }

  async update(filters, sort, offset, size) {
    this.sort = sort;
    this.size = size;
    if (![...this.sizeSelect.options].some((o) => o.value === String(size))) {
      this.sizeSelect.append(h("option", { value: String(size) }, String(size)));
    }
    this.sizeSelect.value = String(size);
    try {
      this.data = await this.request.get("/api/events", { ...filters, sort, limit: size, offset });
      this.render();
    } catch (err) {
      if (!isAbort(err)) this.onError(err);
    }
  }

  select(id) {
    this.selected = id;
    for (const tr of this.table.tBodies[0].rows) tr.classList.toggle("selected", tr.dataset.id === id);
  }

  renderHead() {
    const row = clear(this.table.tHead.rows[0]);
    const current = this.sort.replace(/^-/, "");
    const desc = this.sort.startsWith("-");
    for (const col of COLUMNS) {
      if (!col.sort) {
        row.append(h("th", { scope: "col" }, col.label));
        continue;
      }
      const active = col.sort === current;
      const next = active && !desc ? `-${col.sort}` : col.sort;
      row.append(h("th", { scope: "col", "aria-sort": active ? (desc ? "descending" : "ascending") : null },
        h("button", { type: "button", "data-sort": col.sort, onclick: () => this.onSort(next), title: `Sort by ${col.label.toLowerCase()}` },
          col.label, active ? h("span", { class: "arrow" }, desc ? "▼" : "▲") : null)));
    }
  }

  render() {
    this.renderHead();
    const body = clear(this.table.tBodies[0]);
    const { total, offset, items } = this.data;
    this.countEl.textContent = `${fmtInt(total)} matching`;
    this.pageInfo.textContent = total ? `${fmtInt(offset + 1)}–${fmtInt(offset + items.length)} of ${fmtInt(total)}` : "0 of 0";
    this.prev.disabled = offset <= 0;
    this.next.disabled = offset + items.length >= total;
    if (!items.length) {
      body.append(h("tr", { class: "empty" }, h("td", { colspan: COLUMNS.length }, "No events match the filters.")));
      return;
    }
    for (const d of items) {
      const tr = h("tr", { "data-id": d.id, tabindex: 0, class: d.id === this.selected ? "selected" : null },
        COLUMNS.map((col) => h("td", { class: col.cls || null }, col.cell(d))));
      tr.addEventListener("click", () => this.onSelect(d.id));
      tr.addEventListener("keydown", (event) => {
        if (event.key === "Enter" || event.key === " ") {
          event.preventDefault();
          this.onSelect(d.id);
        }
      });
      body.append(tr);
    }
  }
}
