/**
 * Turns a zod error into one line a person can act on: each problem names the
 * field it is about, written the way it appears in the file
 * ("scenes[2].sources[0].transform.width: expected a number, got a string").
 *
 * Used by the JSON store when a file on disk does not match its schema, and by
 * import validation, so both report bad fields the same way.
 */
import type { z } from 'zod';

/** More problems than this are summarised as "and N more": the first few are what a person fixes first. */
export const MAX_LISTED_ISSUES = 5;

/** What to call the document itself when the problem is at its top level. */
const ROOT_LABEL = '(top level)';
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
// zod's own wording for a wrong type. Only this exact form is rewritten, so a
// schema's custom message ({ error: '...' }) is kept as its author wrote it.
const ZOD_INVALID_TYPE = /^Invalid input: expected (\w+), received (\w+)$/;

/** The shape of an issue that this formatter reads; zod 4's issues all have it. */
type Issue = z.core.$ZodIssue;

export function formatZodError(error: { issues: readonly Issue[] }): string {
  const issues = error.issues;
  const listed = issues.slice(0, MAX_LISTED_ISSUES).map((issue) => `${formatPath(issue.path)}: ${describeIssue(issue)}`);
  const hidden = issues.length - listed.length;
  if (hidden > 0) listed.push(`and ${hidden} more problem${hidden === 1 ? '' : 's'}`);
  return listed.join('; ');
}

/** ["scenes", 2, "sources", 0, "width"] → "scenes[2].sources[0].width". */
export function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return ROOT_LABEL;
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && IDENTIFIER.test(key)) out += out === '' ? key : `.${key}`;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}

function describeIssue(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type': {
      const zodWording = ZOD_INVALID_TYPE.exec(issue.message);
      if (!zodWording) return issue.message;
      const received = zodWording[2] ?? 'unknown';
      if (received === 'undefined') return `is missing (expected ${withArticle(issue.expected)})`;
      return `expected ${withArticle(issue.expected)}, got ${withArticle(received)}`;
    }
    case 'invalid_union': {
      // Each branch failed; when they all failed on the value's type, name the types allowed.
      const expected = issue.errors.flatMap((branch) =>
        branch.flatMap((inner) => (inner.code === 'invalid_type' && inner.path.length === 0 ? [inner.expected] : [])),
      );
      if (expected.length === issue.errors.length && expected.length > 0) return `expected ${expected.map(withArticle).join(' or ')}`;
      return 'does not match any of the allowed forms';
    }
    case 'unrecognized_keys':
      return `has unknown field${issue.keys.length === 1 ? '' : 's'} ${issue.keys.map((key) => JSON.stringify(key)).join(', ')}`;
    default:
      return lowerFirst(issue.message);
  }
}

function withArticle(type: string): string {
  if (type === 'null' || type === 'undefined') return type;
  return `${/^[aeiou]/.test(type) ? 'an' : 'a'} ${type}`;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
