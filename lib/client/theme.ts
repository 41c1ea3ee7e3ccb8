export type Theme = "light" | "dark" | "system";

const KEY = "stu-theme";

export function storedTheme(): Theme {
  const value = typeof localStorage === "undefined" ? null : localStorage.getItem(KEY);
  return value === "light" || value === "dark" ? value : "system";
}

/** Applies the theme to <html> (the `dark` class drives Tailwind's dark variant) and remembers it. */
export function applyTheme(theme: Theme): void {
  if (theme === "system") localStorage.removeItem(KEY);
  else localStorage.setItem(KEY, theme);
  const dark = theme === "dark" || (theme === "system" && matchMedia("(prefers-color-scheme: dark)").matches);
  document.documentElement.classList.toggle("dark", dark);
}

/** Runs before first paint (inlined in <head>) so a dark-theme page never flashes white. */
export const THEME_BOOT_SCRIPT = `(function(){try{var t=localStorage.getItem("${KEY}");var m=matchMedia("(prefers-color-scheme: dark)");var d=t==="dark"||(t!=="light"&&m.matches);document.documentElement.classList.toggle("dark",d);m.addEventListener("change",function(e){if(!localStorage.getItem("${KEY}"))document.documentElement.classList.toggle("dark",e.matches)})}catch(e){}})()`;
