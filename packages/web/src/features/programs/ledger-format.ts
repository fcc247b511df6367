import type { AssistanceDelivery } from '@slrt/core';

/** How a delivery reads in a list: the item with its quantity and unit, and its value in Rupiah. */
export function deliveryWhat(d: Pick<AssistanceDelivery, 'item' | 'quantity' | 'unit'>, locale: string): string {
  const n = new Intl.NumberFormat(locale === 'id' ? 'id-ID' : 'en-GB', { maximumFractionDigits: 2 });
  const quantity = d.quantity === null ? '' : `${n.format(d.quantity)}${d.unit ? ` ${d.unit}` : ''}`;
  return [d.item ?? '', quantity].filter(Boolean).join(' · ');
}

export function rupiah(value: number | null, locale: string): string {
  return value === null ? '' : `Rp${new Intl.NumberFormat(locale === 'id' ? 'id-ID' : 'en-GB', { maximumFractionDigits: 0 }).format(value)}`;
}
