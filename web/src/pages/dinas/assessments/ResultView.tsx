import { Badge, Card, Group, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { type Answer } from '../../../api';
import { rupiah } from '../../../format';

/** An assessment's score: the predikat and every component with its ratio, band, nilai and skor. */

export type Detail = Answer<'/api/v1/orgs/{orgId}/health/assessments/{assessmentId}'>;
export type Result = Detail['result'];

const PREDIKAT_COLOR: Record<string, string> = {
  Sehat: 'green.9',
  'Cukup Sehat': 'blue.8',
  'Dalam Pengawasan': 'orange.9',
  'Dalam Pengawasan Khusus': 'red.9',
};

export function PredikatBadge({
  predikat,
  provisional,
}: {
  predikat: string;
  provisional: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Group gap={4} wrap="nowrap">
      <Badge color={PREDIKAT_COLOR[predikat] ?? 'gray.8'} data-testid="predikat">
        {predikat}
      </Badge>
      {provisional && (
        <Badge color="gray.8" variant="outline" title={t('assessments.provisionalHint')}>
          {t('assessments.provisional')}
        </Badge>
      )}
    </Group>
  );
}

/** Every component with its inputs, formula, ratio, band, nilai and skor; aspects; total. */
export function ResultView({ result }: { result: Result }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs" data-testid="assessment-result">
      <Group>
        <Text fw={700} data-testid="total-score">
          {t('assessments.total')}: {result.totalScore}
        </Text>
        <PredikatBadge predikat={result.predikat} provisional={result.provisional} />
      </Group>
      {result.provisional && (
        <Card withBorder padding="xs" data-testid="provisional-note">
          <Text size="sm" fw={700}>
            {t('assessments.provisional')}
          </Text>
          <Text size="sm">{t('assessments.provisionalHint')}</Text>
        </Card>
      )}
      <Table.ScrollContainer minWidth={360} tabIndex={0} aria-label={t('assessments.aspects')}>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('assessments.aspect')}</Table.Th>
              <Table.Th ta="right">{t('assessments.weight')}</Table.Th>
              <Table.Th ta="right">{t('assessments.score')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {result.aspects.map((a) => (
              <Table.Tr key={a.key}>
                <Table.Td>{a.name}</Table.Td>
                <Table.Td ta="right">{a.weight}</Table.Td>
                <Table.Td ta="right">{a.score}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Table.ScrollContainer minWidth={700} tabIndex={0} aria-label={t('assessments.components')}>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('assessments.component')}</Table.Th>
              <Table.Th ta="right">{t('assessments.ratio')}</Table.Th>
              <Table.Th>{t('assessments.band')}</Table.Th>
              <Table.Th ta="right">{t('assessments.nilai')}</Table.Th>
              <Table.Th ta="right">{t('assessments.skor')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {result.components.map((c) => (
              <Table.Tr key={c.key}>
                <Table.Td>
                  <Text size="sm" fw={600}>
                    {c.name}
                  </Text>
                  <Text size="xs" c="gray.7">
                    {c.formula}
                  </Text>
                  <Text size="xs" c="gray.7">
                    {Object.entries(c.inputs)
                      .map(([k, v]) => `${k} = ${/^-?[0-9]+$/.test(v) ? rupiah(v) : v}`)
                      .join('; ')}
                  </Text>
                  {c.note && (
                    <Text size="xs" c="gray.7">
                      {c.note}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td ta="right">{c.ratioPercent ?? '–'}</Table.Td>
                <Table.Td>{c.band}</Table.Td>
                <Table.Td ta="right">{c.nilai}</Table.Td>
                <Table.Td ta="right">
                  {c.skor} ({c.points})
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

/** A cooperative of the region's registry, found by name as one types (the server searches). */
