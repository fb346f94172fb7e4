import {
  Anchor,
  Badge,
  Button,
  Card,
  Chip,
  Group,
  Stack,
  Text,
  Timeline,
  Title,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { client, unwrap, type Answer } from '../../api';
import { useOrgId } from '../../App';
import { DayInput } from '../../components/DayInput';
import { ErrorAlert } from '../../components/ErrorAlert';
import { date } from '../../format';

/**
 * The case file of one cooperative (docs/domain/supervision-case-file.md): a single timeline of
 * everything the office knows and did, newest first, each entry dated, attributed and with its
 * documents; filtered by area and dates; the same selection as one PDF for a hearing.
 */

type CaseFile = Answer<'/api/v1/orgs/{orgId}/supervision/cooperatives/{registryId}/case-file'>;
type Kind = CaseFile['entries'][number]['kind'];
const KINDS: Kind[] = [
  'registry',
  'report',
  'assessment',
  'rat',
  'training',
  'certificate',
  'inspection',
  'finding',
  'letter',
  'sanction',
  'modern',
  'mediation',
  'referral',
  'alert',
];
/** Dot colours by area (Mantine shades with at least 3:1 against white, WCAG 1.4.11). */
const COLOR: Record<Kind, string> = {
  registry: 'gray.7',
  report: 'blue.8',
  assessment: 'teal.9',
  rat: 'grape.8',
  training: 'cyan.9',
  certificate: 'cyan.9',
  inspection: 'orange.9',
  finding: 'orange.9',
  letter: 'red.9',
  sanction: 'red.9',
  modern: 'green.9',
  mediation: 'yellow.9',
  referral: 'green.9',
  alert: 'red.9',
};

export function CaseFileSection({ registryId }: { registryId: string }) {
  const { t } = useTranslation();
  const orgId = useOrgId();
  const [kinds, setKinds] = useState<string[]>([]);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const query = {
    ...(kinds.length > 0 ? { kinds: kinds.join(',') } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
  };
  const q = useQuery({
    queryKey: ['case-file', orgId, registryId, query],
    queryFn: () =>
      unwrap(
        client.GET('/api/v1/orgs/{orgId}/supervision/cooperatives/{registryId}/case-file', {
          params: { path: { orgId, registryId }, query },
        }),
      ),
  });
  const pdfHref = `/api/v1/orgs/${orgId}/supervision/cooperatives/${registryId}/case-file.pdf?${new URLSearchParams(query).toString()}`;
  return (
    <Card withBorder component="section" data-testid="case-file">
      <Group justify="space-between" align="baseline" wrap="wrap">
        <Title order={3} size="h5">
          {t('caseFile.title')}
        </Title>
        <Anchor
          href={pdfHref}
          download={`berkas-${registryId}.pdf`}
          c="blue.9"
          size="sm"
          data-testid="case-file-pdf"
        >
          {t('caseFile.pdf')}
        </Anchor>
      </Group>
      <Text size="sm" c="gray.7" mb="xs">
        {t('caseFile.intro')}
      </Text>
      <Stack gap="xs" mb="sm">
        <Chip.Group multiple value={kinds} onChange={setKinds}>
          <Group gap={6} role="group" aria-label={t('caseFile.areas')}>
            {KINDS.map((k) => (
              <Chip key={k} value={k} size="xs" color="blue.9" data-testid={`case-file-kind-${k}`}>
                {t(`caseFile.kind.${k}`)}
              </Chip>
            ))}
          </Group>
        </Chip.Group>
        <Group align="flex-end" wrap="wrap">
          <DayInput
            label={t('caseFile.from')}
            value={from}
            onChange={(e) => setFrom(e.currentTarget.value)}
            data-testid="case-file-from"
          />
          <DayInput
            label={t('caseFile.to')}
            value={to}
            onChange={(e) => setTo(e.currentTarget.value)}
            data-testid="case-file-to"
          />
          {(kinds.length > 0 || from || to) && (
            <Button
              variant="default"
              onClick={() => {
                setKinds([]);
                setFrom('');
                setTo('');
              }}
            >
              {t('caseFile.clear')}
            </Button>
          )}
        </Group>
      </Stack>
      {q.error && <ErrorAlert error={q.error} />}
      {q.data && q.data.entries.length === 0 && <Text size="sm">{t('caseFile.none')}</Text>}
      {q.data && q.data.entries.length > 0 && (
        <>
          <Text size="sm" mb="xs" data-testid="case-file-count">
            {t('caseFile.count', { count: q.data.entries.length })}
          </Text>
          <Timeline bulletSize={14} lineWidth={2} data-testid="case-file-timeline">
            {q.data.entries.map((e) => (
              <Timeline.Item
                key={e.ref}
                color={COLOR[e.kind]}
                data-testid="case-file-entry"
                data-kind={e.kind}
                title={
                  <Group gap={6} wrap="wrap">
                    <Text size="sm" fw={600} component="span">
                      {e.title}
                    </Text>
                    <Badge size="xs" variant="light" color="gray">
                      {t(`caseFile.kind.${e.kind}`)}
                    </Badge>
                  </Group>
                }
              >
                <Text size="xs" c="gray.7">
                  {date(e.on)}
                  {e.actor ? ` · ${e.actor}` : ''}
                </Text>
                {e.detail && <Text size="sm">{e.detail}</Text>}
                {e.documents.length > 0 && (
                  <Group gap="xs" mt={2}>
                    {e.documents.map((d) => (
                      <Anchor key={d.href} href={`/api/v1${d.href}`} size="xs" c="blue.9">
                        {d.name}
                      </Anchor>
                    ))}
                  </Group>
                )}
              </Timeline.Item>
            ))}
          </Timeline>
        </>
      )}
    </Card>
  );
}
