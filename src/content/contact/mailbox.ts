// Email1Address..Email3Address carry an RFC 5322 mailbox: Outlook and Exchange-minded clients send
// a name-addr ("\"Smith, John\" <john@example.com>"), iOS and Android mostly a bare addr-spec. A
// vCard EMAIL holds the address alone, so the address is taken out of whatever form arrives; we
// send the bare addr-spec, which is itself a valid mailbox.

/** Index of the '<' that opens the angle-addr, skipping quoted strings and comments. */
function angleStart(value: string): number {
  let quoted = false;
  let depth = 0;
  let found = -1;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === '\\') i++;
    else if (quoted) quoted = c !== '"';
    else if (c === '"') quoted = true;
    else if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
    else if (c === '<' && depth === 0) found = i;
  }
  return found;
}

/** Removes RFC 5322 comments "(...)" outside quoted strings. */
function stripComments(value: string): string {
  let out = '';
  let quoted = false;
  let depth = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value[i] as string;
    if (depth === 0 && c === '\\') {
      out += c + (value[i + 1] ?? '');
      i++;
    } else if (quoted) {
      out += c;
      quoted = c !== '"';
    } else if (c === '"' && depth === 0) {
      out += c;
      quoted = true;
    } else if (c === '(') depth++;
    else if (c === ')' && depth > 0) depth--;
    else if (depth === 0) out += c;
  }
  return out;
}

/** The address of a mailbox string: "Name <a@b>", "a@b (Name)", "<a@b>", "mailto:a@b" or "a@b". */
export function mailboxAddress(value: string): string {
  const trimmed = value.trim();
  const start = angleStart(trimmed);
  if (start >= 0) {
    const end = trimmed.indexOf('>', start);
    const inner = trimmed.slice(start + 1, end < 0 ? undefined : end).trim();
    if (inner.length > 0) return inner.replace(/^mailto:/i, '');
  }
  return stripComments(trimmed).trim().replace(/^mailto:/i, '');
}
