import { Anchor, Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { client, unwrap } from '../../api';
import { PageTitle, useCan, useOrgId } from '../../App';
import { ErrorAlert } from '../../components/ErrorAlert';
import { dateTime } from '../../format';
import {
  CooperativePicker,
  Editor,
  emptyDraft,
  fromDetail,
  type Draft,
} from './assessments/Editor';
import { PredikatBadge, ResultView, type Detail } from './assessments/ResultView';
import { RubricVersions } from './assessments/RubricVersions';

/**
 * The examiner's health assessments (docs/domain/supervision-health.md): the region's assessments
 * per cooperative; a new one (cooperative, period, rubric version; figures prefilled from the
 * latest report for the period when there is one); the checklists item by item with Ya / Tidak
 * and evidence; the score as it stands, scored by the server's engine on every change; finalising;
 * the PDF report.
 */

function FinalView({ a, onCorrect }: { a: Detail; onCorrect: () => void }) {
  const { t } = useTranslation();
  const orgId = useOrgId();
  const may = useCan();
  return (
    <Card withBorder data-testid="assessment-final">
      <Group justify="space-between" mb="sm">
        <Title order={3} size="h4">
          {a.registryName} · {a.period} · {a.rubricId} ({a.rubricVersion})
        </Title>
        <Group>
          <Anchor
            href={`/api/v1/orgs/${orgId}/health/assessments/${a.id}/report.pdf`}
            download={`penilaian-kesehatan-${a.id}.pdf`}
            c="blue.9"
            data-testid="assessment-pdf"
          >
            {t('assessments.pdf')}
          </Anchor>
          {a.status === 'final' && !a.supersededBy && may('dinas.supervise') && (
            <Button
              size="xs"
              variant="default"
              onClick={onCorrect}
              data-testid="assessment-correct"
            >
              {t('assessments.correct')}
            </Button>
          )}
        </Group>
      </Group>
      <Text size="sm" c="gray.7" mb="xs">
        {t(`assessments.status.${a.status}`)}
        {a.finalizedAt ? ` ${dateTime(a.finalizedAt)}` : ''} · {t('assessments.examiner')}:{' '}
        {a.examinerName} · {t(`assessments.source.${a.figuresSource}`)}
        {a.supersededBy ? ` · ${t('assessments.supersededBy', { id: a.supersededBy })}` : ''}
      </Text>
      <ResultView result={a.result} />
    </Card>
  );
}

export function AssessmentsPage() {
  const { t } = useTranslation();
  const orgId = useOrgId();
  const may = useCan();
  const [registryId, setRegistryId] = useState<string | null>(null);
  const [editing, setEditing] = useState<Draft | null>(null);
  const [open, setOpen] = useState<Detail | null>(null);
  const list = useQuery({
    queryKey: ['assessments', orgId, registryId],
    queryFn: () =>
      unwrap(
        client.GET('/api/v1/orgs/{orgId}/health/assessments', {
          params: { path: { orgId }, query: { limit: 100, ...(registryId ? { registryId } : {}) } },
        }),
      ),
  });
  const openOne = useMutation({
    mutationFn: (assessmentId: string) =>
      unwrap(
        client.GET('/api/v1/orgs/{orgId}/health/assessments/{assessmentId}', {
          params: { path: { orgId, assessmentId } },
        }),
      ),
    onSuccess: (a) => {
      if (a.status === 'draft' && may('dinas.supervise')) {
        setOpen(a);
        setEditing(fromDetail(a, false));
      } else {
        setEditing(null);
        setOpen(a);
      }
    },
  });
  return (
    <Stack data-testid="assessments-page">
      <PageTitle>{t('assessments.title')}</PageTitle>
      <Group align="flex-end">
        <CooperativePicker
          label={t('assessments.filterCooperative')}
          value={registryId}
          onChange={setRegistryId}
          clearable
        />
        {may('dinas.supervise') && (
          <Button
            onClick={() => {
              setOpen(null);
              setEditing({ ...emptyDraft(), registryId });
            }}
            data-testid="assessment-new"
          >
            {t('assessments.new')}
          </Button>
        )}
      </Group>
      {list.error && <ErrorAlert error={list.error} />}
      {openOne.error && <ErrorAlert error={openOne.error} />}
      {editing && (
        <Editor
          key={`${editing.id ?? 'new'}-${editing.supersedesId ?? ''}`}
          initial={editing}
          saved={open}
          onSaved={(a) => {
            if (a.status === 'final') {
              setEditing(null);
            }
            setOpen(a);
          }}
          onClose={() => {
            setEditing(null);
            setOpen(null);
          }}
        />
      )}
      {open && !editing && (
        <FinalView
          a={open}
          onCorrect={() => {
            setEditing(fromDetail(open, true));
          }}
        />
      )}
      {list.data && list.data.items.length === 0 && <Text c="gray.7">{t('assessments.none')}</Text>}
      {list.data && list.data.items.length > 0 && (
        <Table.ScrollContainer minWidth={720} tabIndex={0} aria-label={t('assessments.title')}>
          <Table data-testid="assessments-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('assessments.cooperative')}</Table.Th>
                <Table.Th>{t('assessments.period')}</Table.Th>
                <Table.Th>{t('assessments.rubric')}</Table.Th>
                <Table.Th>{t('assessments.statusLabel')}</Table.Th>
                <Table.Th ta="right">{t('assessments.score')}</Table.Th>
                <Table.Th>{t('assessments.predikat')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.items.map((a) => (
                <Table.Tr key={a.id} data-testid="assessment-row">
                  <Table.Td>{a.registryName}</Table.Td>
                  <Table.Td>{a.period}</Table.Td>
                  <Table.Td>
                    {a.rubricId} · {a.rubricVersion}
                  </Table.Td>
                  <Table.Td>
                    {t(`assessments.status.${a.status}`)}
                    {a.supersededBy ? ` (${t('assessments.superseded')})` : ''}
                  </Table.Td>
                  <Table.Td ta="right">{a.totalScore}</Table.Td>
                  <Table.Td>
                    <PredikatBadge predikat={a.predikat} provisional={a.provisional} />
                  </Table.Td>
                  <Table.Td>
                    <Button
                      size="compact-xs"
                      variant="light"
                      onClick={() => openOne.mutate(a.id)}
                      aria-label={t('assessments.openFor', {
                        name: a.registryName ?? '',
                        period: a.period,
                      })}
                    >
                      {t('assessments.open')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <RubricVersions />
    </Stack>
  );
}
