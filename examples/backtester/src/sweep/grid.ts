/** Parameter grid: each name maps to the values to try. */
export type Grid = Readonly<Record<string, readonly number[]>>;

/** Every combination of a grid, in a stable order (last name varies fastest). */
export function expandGrid(grid: Grid): Record<string, number>[] {
  let combos: Record<string, number>[] = [{}];
  for (const [name, values] of Object.entries(grid)) {
    if (values.length === 0) throw new Error(`grid parameter "${name}" has no values`);
    combos = combos.flatMap((c) => values.map((v) => ({ ...c, [name]: v })));
  }
  return combos;
}

/** Parses `fast=5|10|20;slow=30|50` into a grid, naming the bad entry. */
export function parseGrid(text: string): Grid {
  const grid: Record<string, number[]> = {};
  for (const part of text.split(';')) {
    const [name, list] = part.split('=');
    const values = (list ?? '').split('|').map(Number);
    if (!name || !list || values.some((v) => !Number.isFinite(v))) {
      throw new Error(`--sweep entry "${part}" must be name=v1|v2|...`);
    }
    grid[name.trim()] = values;
  }
  return grid;
}
