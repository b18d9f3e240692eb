// A threshold written against a baseline the document leaves as a placeholder ("<0.8Z rps" where Z is today's
// throughput, ">$X × 1.5", ">2Y ms"): the number left once the letter is ignored (0.8, 1.5, 2) is no limit, and a
// guardrail made of it could never fire or would fire at once. Such a row gives no guardrail; the importer asks.
// "> X + 1%" (the baseline plus a margin) is a relative threshold the importer reads as one, so it is not such a row.

/** A single capital letter standing for a value: "X", "$X", "0.8Z", "2Y", "Xk". */
const VARIABLE = /(?:^|[^A-Za-z0-9])\$?\d*(?:\.\d+)?[A-Z]k?(?![A-Za-z0-9])/;
/** "X + 1%", "> Y - 5 %", "X% + 0.5%": the baseline plus or minus a margin. */
const ADDITIVE = /^[<>≤≥=~\s]*\$?[A-Z]\s*%?\s*[+-]\s*\d+(?:\.\d+)?\s*%?\s*$/;

/** True when a threshold cell scales a placeholder baseline ("<0.8Z rps", ">$X × 1.5"). */
export function isPlaceholderThreshold(cell: string): boolean {
  const text = cell.replace(/[*_`]/g, "").trim().slice(0, 200);
  return VARIABLE.test(text) && !ADDITIVE.test(text);
}
