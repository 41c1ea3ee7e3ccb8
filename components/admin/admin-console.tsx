"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { BackIcon } from "@/components/icons.tsx";
import { AuditTab } from "./audit-tab.tsx";
import { DashboardTab } from "./dashboard-tab.tsx";
import { PeopleTab } from "./people-tab.tsx";
import { ReportsTab } from "./reports-tab.tsx";
import { TABS, type TabId } from "./tabs.ts";

type Props = { meId: number; initialTab: TabId };

/** The admin console: one page, four tabs, the tab kept in the address so it survives a reload. */
export function AdminConsole({ meId, initialTab }: Props) {
  const [qc] = useState(
    () => new QueryClient({ defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: true } } }),
  );
  const [tab, setTab] = useState<TabId>(initialTab);
  const [person, setPerson] = useState<number | null>(null);

  function show(next: TabId) {
    setTab(next);
    const url = new URL(location.href);
    url.searchParams.set("tab", next);
    history.replaceState(null, "", url);
  }
  const openPerson = (id: number) => {
    setPerson(id);
    show("people");
  };

  return (
    <QueryClientProvider client={qc}>
      <main className="mx-auto flex min-h-dvh max-w-6xl flex-col gap-4 px-4 py-6 sm:py-8">
        <header className="flex flex-col gap-3">
          <Link
            href="/"
            data-testid="admin-back"
            className="inline-flex w-fit items-center gap-1.5 rounded-lg py-1 pr-2 text-sm font-medium text-indigo-600 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600 dark:text-indigo-400"
          >
            <BackIcon className="h-4 w-4" />
            Back to chats
          </Link>
          <h1 className="text-2xl font-semibold tracking-tight">Admin console</h1>
        </header>
        <div
          role="tablist"
          aria-label="Admin console"
          className="-mx-4 flex gap-1 overflow-x-auto border-b border-slate-200 px-4 dark:border-slate-800"
        >
          {TABS.map((t) => (
            <button
              key={t.id}
              type="button"
              role="tab"
              id={`tab-${t.id}`}
              aria-selected={tab === t.id}
              aria-controls={`panel-${t.id}`}
              data-testid={`admin-tab-${t.id}`}
              onClick={() => show(t.id)}
              className={`-mb-px shrink-0 border-b-2 px-3 py-2 text-sm font-medium whitespace-nowrap focus-visible:outline-2 focus-visible:outline-indigo-600 ${
                tab === t.id
                  ? "border-indigo-600 text-indigo-700 dark:border-indigo-400 dark:text-indigo-300"
                  : "border-transparent text-slate-600 hover:text-slate-900 dark:text-slate-400 dark:hover:text-slate-100"
              }`}
            >
              {t.label}
            </button>
          ))}
        </div>
        <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} className="min-w-0">
          {tab === "reports" ? <ReportsTab onOpenPerson={openPerson} /> : null}
          {tab === "people" ? <PeopleTab meId={meId} selected={person} onSelect={setPerson} /> : null}
          {tab === "audit" ? <AuditTab onOpenPerson={openPerson} /> : null}
          {tab === "dashboard" ? <DashboardTab onOpenReports={() => show("reports")} /> : null}
        </div>
      </main>
    </QueryClientProvider>
  );
}
