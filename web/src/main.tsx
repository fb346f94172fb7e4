import '@mantine/core/styles.css';
import {
  createTheme,
  MantineProvider,
  TableScrollContainer,
  type CSSVariablesResolver,
} from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router-dom';
import './i18n';
import { App } from './App';

const theme = createTheme({
  primaryColor: 'blue',
  // blue.6, Mantine's default shade, is 3.6:1 on white (links, buttons): below WCAG 2 AA's 4.5:1;
  // blue.8 is 5.0:1.
  primaryShade: 8,
  // A filled colour (a badge, a button) takes black text when its luminance is above 0.179 and
  // white below: at 0.179 both give 4.58:1, so either choice clears 4.5:1 for every colour
  // (Mantine's default 0.3 put white on green.8 at 3.4:1).
  autoContrast: true,
  luminanceThreshold: 0.179,
  components: {
    // a table wider than a phone scrolls sideways: keyboard users must be able to focus it to
    // scroll it (WCAG 2.1.1)
    TableScrollContainer: TableScrollContainer.extend({
      defaultProps: { scrollAreaProps: { viewportProps: { tabIndex: 0 } } },
    }),
  },
  defaultRadius: 'md',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
});
/**
 * Mantine's "dimmed" text is gray.6 (#868e96), 3.3:1 on white: below WCAG 2 AA's 4.5:1 for the
 * small print it is used for. Many members are elderly and read phones in daylight, so secondary
 * text is gray.7 (#495057, 8:1) everywhere, set here once.
 */
/**
 * Coloured text (`c="red"`, an amount) and light badges' text use these instead of Mantine's
 * shades, which fall to 3.4-4.3:1 on white and on their own light backgrounds (hovered too). Each has a
 * luminance of 0.13 or less: at least 4.5:1 on white, on gray.0 and on any light variant's tint.
 */
const READABLE_TEXT: Record<string, string> = {
  red: '#b02525',
  green: '#1e6b30',
  yellow: '#7a5a00',
  orange: '#9a4a00',
  blue: '#1864ab',
  teal: '#086650',
  gray: '#495057',
  grape: '#862e9c',
  violet: '#5f3dc4',
  indigo: '#364fc7',
  cyan: '#0b6f80',
  pink: '#a61e4d',
  lime: '#4d6b0c',
};
const readableColours: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    // a field's error (its message and its border) is red.6 by default, 3.3:1 on white: the
    // readable red of READABLE_TEXT
    '--mantine-color-error': '#b02525',
    ...Object.fromEntries(
      Object.entries(READABLE_TEXT).flatMap(([colour, hex]) => [
        [`--mantine-color-${colour}-text`, hex],
        [`--mantine-color-${colour}-light-color`, hex],
        // the hovered tint stays light enough for that text (Mantine's is 4.0:1 under it)
        [`--mantine-color-${colour}-light-hover`, `${hex}26`],
      ]),
    ),
  },
  dark: {},
});
const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } },
});

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <MantineProvider theme={theme} cssVariablesResolver={readableColours}>
        <QueryClientProvider client={queryClient}>
          <BrowserRouter>
            <App />
          </BrowserRouter>
        </QueryClientProvider>
      </MantineProvider>
    </StrictMode>,
  );
}
