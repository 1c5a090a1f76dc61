/** 1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st, 112th… as explanations and validation messages write positions. */
export function ordinal(n: number): string {
  const tens = n % 100;
  return `${n}${tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th')}`;
}
