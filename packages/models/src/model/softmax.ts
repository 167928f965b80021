/** Softmax of `logits[offset..offset+3)` divided by `temperature`, in float64. @internal */
export function softmax3(
  logits: ArrayLike<number>,
  offset: number,
  temperature: number,
): [number, number, number] {
  const a = (logits[offset] as number) / temperature;
  const b = (logits[offset + 1] as number) / temperature;
  const c = (logits[offset + 2] as number) / temperature;
  const m = Math.max(a, b, c);
  const ea = Math.exp(a - m);
  const eb = Math.exp(b - m);
  const ec = Math.exp(c - m);
  const s = ea + eb + ec;
  return [ea / s, eb / s, ec / s];
}
