export type ProvinceSizes = { persons: number; units: number; tasks: number; openTasks: number };
export const PROVINCE: ProvinceSizes = {
  persons: 1_000_000,
  units: 30_000,
  tasks: 1_000_000,
  openTasks: 100_000,
};
export const SMOKE_PROVINCE: ProvinceSizes = { persons: 5000, units: 500, tasks: 5000, openTasks: 500 };
export async function provinceScaleRows(_s: ProvinceSizes, _smoke: boolean, _log: (l: string) => void) {
  return [];
}
