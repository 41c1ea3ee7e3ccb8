export function SubmitButton({
  busy,
  children,
  testId,
}: {
  busy: boolean;
  children: string;
  testId: string;
}) {
  return (
    <button
      type="submit"
      disabled={busy}
      data-testid={testId}
      className="w-full rounded-lg bg-indigo-600 px-4 py-2.5 font-medium text-white transition hover:bg-indigo-500 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 disabled:opacity-60"
    >
      {busy ? "Please wait…" : children}
    </button>
  );
}
