// Colours shared by every view: QuadClass (cooperation blue, conflict orange/red) and Goldstein (-10..10).

export const QUADS = [
  { value: 1, key: "q1", name: "Verbal cooperation", short: "Verbal coop.", color: "#74a9cf" },
  { value: 2, key: "q2", name: "Material cooperation", short: "Material coop.", color: "#0570b0" },
  { value: 3, key: "q3", name: "Verbal conflict", short: "Verbal conflict", color: "#fdae6b" },
  { value: 4, key: "q4", name: "Material conflict", short: "Material conflict", color: "#d7301f" },
];

export const quadColor = (q) => (QUADS[q - 1] ? QUADS[q - 1].color : "#9aa5b1");
export const quadName = (q) => (QUADS[q - 1] ? QUADS[q - 1].name : "unknown");

export function goldsteinColor(g) {
  if (g === null || g === undefined) return "#9aa5b1";
  const scale = window.d3.scaleLinear().domain([-10, 0, 10]).range(["#c62828", "#9aa5b1", "#1565c0"]).clamp(true);
  return scale(g);
}
