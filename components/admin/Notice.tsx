/** The outcome of the last form post, carried in the redirect's query string. */
export function Notice({ notice, error }: { notice?: string | null; error?: string | null }) {
  if (error) return <p role="alert" className="alert">{error}</p>;
  if (notice) return <p role="status" className="notice">{notice}</p>;
  return null;
}
