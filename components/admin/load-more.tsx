/** The end of a paged list: more to load, loading, or nothing. */
export function LoadMore({
  hasMore,
  loading,
  onMore,
}: {
  hasMore: boolean;
  loading: boolean;
  onMore(): void;
}) {
  if (!hasMore) return null;
  return (
    <div className="flex justify-center pt-2">
      <button type="button" className="btn-secondary" disabled={loading} onClick={onMore}>
        {loading ? "Loading…" : "Load more"}
      </button>
    </div>
  );
}
