/**
 * Server validation errors (`details.fields: [{ field, reason, message }]`) mapped onto form
 * fields: `body.plate` and `plate` both name the form's `plate`; `body.tank.volume` names `tank`;
 * `periods[0]` (an item of a list) names `periods`.
 */
export interface ServerFieldError {
  field: string;
  reason: string;
  message?: string;
}

export interface FormFieldError {
  name: string;
  errors: string[];
}

function isFieldError(x: unknown): x is ServerFieldError {
  return typeof x === 'object' && x !== null && typeof (x as ServerFieldError).field === 'string';
}

export function serverFieldErrors(details: unknown): ServerFieldError[] {
  const fields = (details as { fields?: unknown } | undefined)?.fields;
  return Array.isArray(fields) ? fields.filter(isFieldError) : [];
}

/** Groups the server's messages by form field; fields the form does not have go to `other`. */
export function toFormErrors(
  details: unknown,
  formFields: readonly string[],
): { fields: FormFieldError[]; other: string[] } {
  const grouped = new Map<string, string[]>();
  const other: string[] = [];
  for (const e of serverFieldErrors(details)) {
    const name = (e.field.replace(/^body\./, '').split('.')[0] ?? '').replace(/\[\d+\]$/, '');
    const text = e.message ?? e.reason;
    if (formFields.includes(name)) grouped.set(name, [...(grouped.get(name) ?? []), text]);
    else other.push(name ? `${name}: ${text}` : text);
  }
  return { fields: [...grouped].map(([name, errors]) => ({ name, errors })), other };
}
