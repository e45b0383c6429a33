// Card numbers never enter the system: only a payment provider's reference does.

/** True when the text carries 13–19 digits (spaces and dashes allowed) that pass the Luhn check: a card number. */
export function looksLikeCardNumber(text: string): boolean {
  for (const run of text.match(/\d[\d -]{11,}\d/g) ?? []) {
    const digits = run.replace(/[ -]/g, "");
    if (digits.length >= 13 && digits.length <= 19 && luhn(digits)) return true;
  }
  return false;
}

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}
