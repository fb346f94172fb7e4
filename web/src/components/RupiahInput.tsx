import { NumberInput, type NumberInputProps } from '@mantine/core';

/**
 * Whole rupiah typed the Indonesian way (1.000.000): no decimals, dots between thousands. An amount
 * to move is at least Rp 1; a field that may be zero (an opening float, a count) says min={0}.
 */
export function RupiahInput(
  props: Omit<NumberInputProps, 'thousandSeparator' | 'decimalSeparator' | 'allowDecimal'>,
) {
  return (
    <NumberInput
      thousandSeparator="."
      decimalSeparator=","
      allowDecimal={false}
      min={1}
      {...props}
    />
  );
}
