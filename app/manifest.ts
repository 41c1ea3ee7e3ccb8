import type { MetadataRoute } from "next";

// GET /manifest.webmanifest – makes stu installable as an app (Chromium's checks: name, icons of
// 192 and 512 px, start_url, display). The light/dark theme colours are the layout's theme-color.
export default function manifest(): MetadataRoute.Manifest {
  return {
    id: "/",
    name: "stu",
    short_name: "stu",
    description: "A self-hosted messenger",
    start_url: "/",
    scope: "/",
    display: "standalone",
    orientation: "any",
    background_color: "#ffffff",
    theme_color: "#4f46e5",
    categories: ["social", "communication"],
    icons: [
      { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
      { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
      { src: "/icons/maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
    ],
  };
}
