/** Personal identity numbers (CPR: ddmmyy-xxxx or ten digits) never reach an incident text. */
const CPR_PATTERN = /\b\d{6}-?\d{4}\b/g;

export function maskPersonalData(text: string): string {
  return text.replace(CPR_PATTERN, '**********');
}

/** "amount=12, approved=false": the variables an operator needs to see why no flow matched, masked and short. */
export function describeVariables(values: Record<string, unknown>, limit = 10): string {
  const entries = Object.entries(values);
  if (entries.length === 0) return 'no variables';
  const shown = entries.slice(0, limit).map(([name, value]) => {
    // Mask before shortening: a cut through a CPR number would leave its first digits unmasked.
    const text = maskPersonalData(JSON.stringify(value) ?? 'null');
    return `${name}=${text.length > 40 ? `${text.slice(0, 37)}...` : text}`;
  });
  return entries.length > limit
    ? `${shown.join(', ')}, … (${entries.length - limit} more)`
    : shown.join(', ');
}
