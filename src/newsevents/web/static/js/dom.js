// Tiny DOM helpers. Text is only ever set through text nodes (never innerHTML), so article text that
// contains markup, e.g. "<script>", is shown as the characters it is.

export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") el.className = value;
    else if (key.startsWith("on") && typeof value === "function") el.addEventListener(key.slice(2), value);
    else el.setAttribute(key, value === true ? "" : String(value));
  }
  append(el, children);
  return el;
}

export function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

export function clear(el) {
  el.replaceChildren();
  return el;
}

/** A link only for http(s) URLs; anything else (javascript:, data:) is shown as plain text. */
export function safeLink(url, label) {
  try {
    const u = new URL(url);
    if (u.protocol === "http:" || u.protocol === "https:") {
      return h("a", { href: u.href, rel: "noopener noreferrer nofollow", target: "_blank" }, label ?? u.href);
    }
  } catch (_) { /* not a URL */ }
  return document.createTextNode(label ?? String(url ?? ""));
}

export function debounce(fn, ms) {
  let timer = null;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}

export function emptyNote(container, text) {
  container.append(h("div", { class: "empty" }, text));
}

export const fmtInt = (n) => (n ?? 0).toLocaleString("en-US");
export const fmtNum = (n, digits = 1) => (n === null || n === undefined ? "–" : Number(n).toFixed(digits));
