import type { AssistanceDelivery, Locale } from '@slrt/core';
import { numberFormats } from '../../i18n/number-format.ts';

/** How a delivery reads in a list: the item with its quantity and unit, and its value in Rupiah. */
export function deliveryWhat(d: Pick<AssistanceDelivery, 'item' | 'quantity' | 'unit'>, locale: Locale): string {
  const quantity = d.quantity === null ? '' : `${numberFormats(locale).dec(d.quantity)}${d.unit ? ` ${d.unit}` : ''}`;
  return [d.item ?? '', quantity].filter(Boolean).join(' · ');
}

export function rupiah(value: number | null, locale: Locale): string {
  return value === null ? '' : numberFormats(locale).rupiah(value);
}
