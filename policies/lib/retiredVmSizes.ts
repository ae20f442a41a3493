/**
 * VM sizes Azure has retired or is retiring, from Microsoft's retirement notices
 * (MicrosoftDocs/azure-docs, articles/virtual-machines/sizes/migration-guides/*-retirement.md and
 * articles/virtual-machines/ncv3-nc6s-nc12s-nc24s-retirement.md, read 2026-11-26). After the date,
 * VMs of the series are deallocated and compute of that size cannot scale up.
 */
export interface RetiredSeries {
  series: string;
  /** VM sizes of the series (case-insensitive, as Azure compares them). */
  sizes: RegExp;
  /** ISO date the series retires (or retired). */
  retires: string;
  /** A current size Microsoft's notice points to. */
  successor: string;
  notice: string;
}

export const RETIRED_VM_SERIES: readonly RetiredSeries[] = [
  { series: "NC", sizes: /^Standard_NC(6|12|24|24r)(_Promo)?$/i, retires: "2023-09-06", successor: "Standard_NC4as_T4_v3", notice: "nc-series-retirement" },
  { series: "NCv2", sizes: /^Standard_NC(6|12|24|24r)s_v2$/i, retires: "2023-09-06", successor: "Standard_NC24ads_A100_v4", notice: "ncv2-series-retirement" },
  { series: "NCv3", sizes: /^Standard_NC(6|12|24|24r)s_v3$/i, retires: "2025-09-30", successor: "Standard_NC24ads_A100_v4", notice: "ncv3-nc6s-nc12s-nc24s-retirement" },
  { series: "ND", sizes: /^Standard_ND(6|12|24|24r)s$/i, retires: "2023-09-06", successor: "Standard_ND96asr_v4", notice: "nd-series-retirement" },
  { series: "NV", sizes: /^Standard_NV(6|12|24)(_Promo)?$/i, retires: "2023-09-06", successor: "Standard_NV6ads_A10_v5", notice: "nv-series-retirement" },
  { series: "Av1", sizes: /^(Standard|Basic)_A([0-9]|1[01])$/i, retires: "2024-08-31", successor: "Standard_D2as_v5", notice: "av1-series-retirement" },
];

/** The retired or retiring series a VM size belongs to, if any. */
export function retiredSeriesOf(vmSize: string): RetiredSeries | undefined {
  return RETIRED_VM_SERIES.find((s) => s.sizes.test(vmSize));
}
