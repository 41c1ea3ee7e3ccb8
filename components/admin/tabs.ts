/** The console's tabs; a plain module, so the server page can read it (a client module's values it cannot). */
export const TABS = [
  { id: "reports", label: "Reports" },
  { id: "people", label: "People" },
  { id: "audit", label: "Audit log" },
  { id: "dashboard", label: "Dashboard" },
] as const;
export type TabId = (typeof TABS)[number]["id"];

export function tabOf(value: string | undefined): TabId {
  return TABS.find((t) => t.id === value)?.id ?? "reports";
}
