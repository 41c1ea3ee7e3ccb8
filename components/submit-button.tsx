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
      className="btn-primary w-full py-2.5 text-base"
    >
      {busy ? "Please wait…" : children}
    </button>
  );
}
