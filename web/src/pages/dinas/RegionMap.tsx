import 'leaflet/dist/leaflet.css';
import { Group, Stack, Text } from '@mantine/core';
import L from 'leaflet';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';

/**
 * The region's cooperatives as points on a plain background (Leaflet, no tile layer: nothing is
 * fetched from another host, so the Content-Security-Policy stays as it is and the map works
 * offline). No npm package carries the kecamatan shapes of Indonesian cities, so districts are
 * shaded in the table beside the map instead (docs/domain/supervision-dashboard.md).
 *
 * The drawing is a labelled region; its text alternative is the summary it is labelled by and the
 * table of areas, whose rows open the same cooperatives (the points are for the mouse and touch).
 */

export const PREDIKATS = [
  'Sehat',
  'Cukup Sehat',
  'Dalam Pengawasan',
  'Dalam Pengawasan Khusus',
] as const;
export type PredikatKey = (typeof PREDIKATS)[number] | 'none';

/**
 * Point colours: Mantine's green.9, blue.8, orange.9, red.9 and gray.7, each at least 3:1 against
 * the map's light background (WCAG 2.1 1.4.11); the legend's text beside them is black.
 */
export const PREDIKAT_COLORS: Record<PredikatKey, string> = {
  Sehat: '#2b8a3e',
  'Cukup Sehat': '#1971c2',
  'Dalam Pengawasan': '#d9480f',
  'Dalam Pengawasan Khusus': '#c92a2a',
  none: '#495057',
};

export const predikatKey = (p: string | null | undefined): PredikatKey =>
  (PREDIKATS as readonly string[]).includes(p ?? '') ? (p as PredikatKey) : 'none';

/** A predikat as a class-name and test-id word: `Cukup Sehat` → `cukup-sehat`. */
export const predikatSlug = (p: string | null | undefined): string =>
  predikatKey(p).toLowerCase().replace(/ /g, '-');

export interface MapPoint {
  id: string;
  name: string;
  latitude: string;
  longitude: string;
  predikat?: string | null;
}

export function RegionMap({
  points,
  cooperativeHref,
  height = 360,
  labelledBy,
}: {
  points: MapPoint[];
  cooperativeHref: (id: string) => string;
  height?: number;
  /** the id of the sentence that describes the map */
  labelledBy: string;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!box.current || points.length === 0) return;
    const map = L.map(box.current, {
      attributionControl: false,
      zoomSnap: 0.25,
      // keyboard panning needs the container in the tab order; the table is the keyboard way in
      keyboard: false,
      preferCanvas: false,
    });
    const layer = L.featureGroup();
    for (const p of points) {
      const color = PREDIKAT_COLORS[predikatKey(p.predikat)];
      L.circleMarker([Number(p.latitude), Number(p.longitude)], {
        radius: 6,
        color: '#212529',
        weight: 1,
        fillColor: color,
        fillOpacity: 0.95,
        // which predikat a point shows, for the browser test and for styling; colour is not the
        // only carrier (the tooltip and the table say it in words)
        className: `map-point predikat-${predikatSlug(p.predikat)}`,
      })
        .bindTooltip(`${p.name} · ${t(`dinasDashboard.predikat.${predikatKey(p.predikat)}`)}`)
        .on('click', () => void navigate(cooperativeHref(p.id)))
        .addTo(layer);
    }
    layer.addTo(map);
    map.fitBounds(layer.getBounds(), { padding: [24, 24], maxZoom: 15 });
    box.current.removeAttribute('tabindex');
    return () => {
      map.remove();
    };
  }, [points, cooperativeHref, navigate, t]);

  return (
    <Stack gap="xs">
      {points.length === 0 ? (
        <Text size="sm">{t('dinasDashboard.map.none')}</Text>
      ) : (
        <div role="region" aria-labelledby={labelledBy} data-testid="region-map">
          <div
            ref={box}
            style={{
              height,
              width: '100%',
              background: '#f1f3f5',
              borderRadius: 4,
              border: '1px solid #dee2e6',
            }}
          />
        </div>
      )}
      <Group gap="md" aria-label={t('dinasDashboard.map.legend')} role="list">
        {(
          ['Sehat', 'Cukup Sehat', 'Dalam Pengawasan', 'Dalam Pengawasan Khusus', 'none'] as const
        ).map((k) => (
          <Group key={k} gap={6} wrap="nowrap" role="listitem">
            <span
              style={{
                width: 12,
                height: 12,
                borderRadius: 6,
                border: '1px solid #212529',
                background: PREDIKAT_COLORS[k],
                display: 'inline-block',
              }}
            />
            <Text size="xs">{t(`dinasDashboard.predikat.${k}`)}</Text>
          </Group>
        ))}
      </Group>
      <Text size="xs" c="gray.7">
        {t('dinasDashboard.map.plain')}
      </Text>
    </Stack>
  );
}
