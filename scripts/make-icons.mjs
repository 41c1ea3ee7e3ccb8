// Renders the app icons in public/icons/ (committed; run again after changing the mark):
// node scripts/make-icons.mjs
import { mkdirSync } from "node:fs";
import path from "node:path";
import sharp from "sharp";

const OUT = path.resolve(import.meta.dirname, "../public/icons");
const INDIGO = "#4f46e5";

// The logo's mark: a white speech bubble on indigo. Paths only, so no font is needed.
// `inset` is the share of the canvas left around the mark (maskable icons keep a safe zone).
function svg({ size, rounded, inset, badge = false }) {
  const r = rounded ? size * 0.22 : 0;
  const s = size * (1 - 2 * inset);
  const o = size * inset;
  const p = (x, y) => `${(o + x * s).toFixed(1)} ${(o + y * s).toFixed(1)}`;
  const bubble = [
    `M ${p(0.2, 0.24)}`,
    `Q ${p(0.2, 0.16)} ${p(0.28, 0.16)}`,
    `L ${p(0.72, 0.16)}`,
    `Q ${p(0.8, 0.16)} ${p(0.8, 0.24)}`,
    `L ${p(0.8, 0.6)}`,
    `Q ${p(0.8, 0.68)} ${p(0.72, 0.68)}`,
    `L ${p(0.44, 0.68)}`,
    `L ${p(0.28, 0.84)}`,
    `L ${p(0.3, 0.68)}`,
    `Q ${p(0.2, 0.68)} ${p(0.2, 0.6)}`,
    "Z",
  ].join(" ");
  const dot = (x) => `<circle cx="${o + x * s}" cy="${o + 0.42 * s}" r="${0.045 * s}" fill="${INDIGO}"/>`;
  return Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}">
  ${badge ? "" : `<rect width="${size}" height="${size}" rx="${r}" fill="${INDIGO}"/>`}
  <path d="${bubble}" fill="#fff"/>${badge ? "" : dot(0.36) + dot(0.5) + dot(0.64)}
</svg>`);
}

const ICONS = [
  { file: "icon-192.png", size: 192, rounded: true, inset: 0.04 },
  { file: "icon-512.png", size: 512, rounded: true, inset: 0.04 },
  // Maskable: full bleed, the mark inside the 80% safe circle.
  { file: "maskable-512.png", size: 512, rounded: false, inset: 0.14 },
  // iOS rounds the corners itself and shows transparency as black.
  { file: "apple-touch-icon.png", size: 180, rounded: false, inset: 0.08 },
  // The status bar's badge: the bubble alone, white on transparent (Android uses its alpha only).
  { file: "badge-96.png", size: 96, rounded: false, inset: 0, badge: true },
];

mkdirSync(OUT, { recursive: true });
for (const icon of ICONS) {
  await sharp(svg(icon)).png().toFile(path.join(OUT, icon.file));
  console.log(`public/icons/${icon.file}`);
}
