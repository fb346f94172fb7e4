import { TextInput, type TextInputProps } from '@mantine/core';

/** A calendar day with the browser's own date picker; the value is 'YYYY-MM-DD' (or '' when cleared). */
export function DayInput(props: Omit<TextInputProps, 'type'>) {
  return <TextInput type="date" {...props} />;
}
