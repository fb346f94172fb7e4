import { useInputState } from '@mantine/hooks';

/**
 * A form field's state and the props an input takes for it (`<TextInput {...f.input} />`): text
 * inputs hand over a change event, RupiahInput and Select the value itself, and both land in `value`.
 */
export function useField<T>(initial: T) {
  const [value, set] = useInputState<T>(initial);
  return { value, set, input: { value, onChange: set } };
}

export type Field<T> = ReturnType<typeof useField<T>>;
