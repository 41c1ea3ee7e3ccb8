"use client";

import { useEffect, useId, useRef, useState } from "react";
import { SlidersIcon } from "@/components/icons.tsx";
import { switchDevice } from "@/lib/client/calls/actions.ts";
import { useCalls } from "@/lib/client/calls/store.ts";
import { ControlButton } from "./control-button.tsx";

function DeviceSelect({ kind, label }: { kind: "audio" | "video"; label: string }) {
  const id = useId();
  const devices = useCalls((s) => s.devices[kind]);
  const selected = useCalls((s) => (kind === "audio" ? s.devices.audioId : s.devices.videoId));
  return (
    <div>
      <label htmlFor={id} className="block text-xs font-medium text-slate-500 dark:text-slate-400">
        {label}
      </label>
      <select
        id={id}
        className="input mt-1 text-sm"
        value={selected ?? devices[0]?.deviceId ?? ""}
        disabled={devices.length === 0}
        onChange={(e) => void switchDevice(kind, e.target.value)}
      >
        {devices.length === 0 ? <option value="">None found</option> : null}
        {devices.map((d, i) => (
          <option key={d.deviceId} value={d.deviceId}>
            {d.label || `${label} ${i + 1}`}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Microphone and camera pickers in a popover over the controls; Escape or a click outside closes it. */
export function DevicesMenu() {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const panelId = useId();

  useEffect(() => {
    if (!open) return;
    const onPointer = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    // Capture phase, so Escape closes the menu before the call screen reads it as "minimise".
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape") return;
      e.stopPropagation();
      setOpen(false);
    };
    document.addEventListener("pointerdown", onPointer);
    document.addEventListener("keydown", onKey, true);
    return () => {
      document.removeEventListener("pointerdown", onPointer);
      document.removeEventListener("keydown", onKey, true);
    };
  }, [open]);

  return (
    <div ref={root} className="relative">
      <ControlButton
        label="Devices"
        active={open}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((v) => !v)}
      >
        <SlidersIcon className="h-6 w-6" />
      </ControlButton>
      {open ? (
        <fieldset
          id={panelId}
          aria-label="Devices"
          data-testid="devices-menu"
          className="absolute bottom-full left-1/2 z-20 mb-3 flex w-72 max-w-[calc(100vw-1.5rem)] -translate-x-1/2 flex-col gap-3 rounded-2xl border border-slate-200 bg-white p-4 text-slate-900 shadow-xl dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
        >
          <DeviceSelect kind="audio" label="Microphone" />
          <DeviceSelect kind="video" label="Camera" />
        </fieldset>
      ) : null}
    </div>
  );
}
