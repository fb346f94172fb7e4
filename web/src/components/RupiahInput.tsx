import { NumberInput, type NumberInputProps } from '@mantine/core';

/** Whole rupiah typed the Indonesian way (1.000.000): no decimals, dots between thousands. */
export function RupiahInput(
  props: Omit<NumberInputProps, 'thousandSeparator' | 'decimalSeparator' | 'allowDecimal'>,
) {
  return <NumberInput thousandSeparator="." decimalSeparator="," allowDecimal={false} {...props} />;
}
