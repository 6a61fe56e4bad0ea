/** A call's error, shown where the call was made, in the studio's words. */
export function ErrorText({ id, message }: { id?: string; message: string | null }) {
  if (!message) return null;
  return (
    <p className="error-text" role="alert" id={id}>
      {message}
    </p>
  );
}
