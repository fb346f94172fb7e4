import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  FileInput,
  Group,
  List,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, client, unwrap } from '../../../api';
import { useCan, useOrgId } from '../../../App';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { date, dateTime } from '../../../format';

/**
 * The rubric versions every office scores with (docs/domain/supervision-health.md): the built-in
 * ones and those the ministry loaded, each with its source and whether its numbers are still
 * provisional. Any version's full data can be downloaded as JSON; the ministry level loads a new
 * version from such a file (e.g. the KKPKK appendix values once they are public), which the
 * server's engine checks row by row before it is kept. A version is never changed once loaded.
 */
export function RubricVersions() {
  const { t } = useTranslation();
  const orgId = useOrgId();
  const may = useCan();
  const versions = useQuery({
    queryKey: ['rubric-versions', orgId],
    queryFn: () =>
      unwrap(
        client.GET('/api/v1/orgs/{orgId}/health/rubric-versions', { params: { path: { orgId } } }),
      ),
  });
  const org = useQuery({
    queryKey: ['organization', orgId],
    queryFn: () => unwrap(client.GET('/api/v1/orgs/{orgId}', { params: { path: { orgId } } })),
  });
  // only the ministry level (region '': every region) loads versions; the server says so too
  const loads = may('dinas.manage') && org.data?.dinasRegionCode === '';
  return (
    <Card withBorder component="section" data-testid="rubric-versions">
      <Title order={2} size="h4" mb="xs">
        {t('assessments.rubrics.title')}
      </Title>
      <Text size="sm" c="gray.7" mb="sm">
        {t('assessments.rubrics.intro')}
      </Text>
      {versions.error && <ErrorAlert error={versions.error} />}
      {versions.data && (
        <Table.ScrollContainer
          minWidth={760}
          tabIndex={0}
          aria-label={t('assessments.rubrics.title')}
        >
          <Table data-testid="rubric-versions-table" fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('assessments.rubrics.rubric')}</Table.Th>
                <Table.Th>{t('assessments.rubrics.version')}</Table.Th>
                <Table.Th>{t('assessments.rubrics.validFrom')}</Table.Th>
                <Table.Th>{t('assessments.rubrics.status')}</Table.Th>
                <Table.Th>{t('assessments.rubrics.source')}</Table.Th>
                <Table.Th>{t('assessments.rubrics.loaded')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {versions.data.items.map((v) => (
                <Table.Tr key={`${v.rubricId}@${v.version}`} data-testid="rubric-version-row">
                  <Table.Td>
                    <Text size="sm" fw={600}>
                      {v.rubricId}
                    </Text>
                    <Text size="xs" c="gray.7">
                      {v.title}
                    </Text>
                  </Table.Td>
                  <Table.Td>{v.version}</Table.Td>
                  <Table.Td>{date(v.validFrom)}</Table.Td>
                  <Table.Td>
                    <Badge color={v.provisional ? 'orange' : 'green'} variant="light">
                      {v.provisional
                        ? t('assessments.rubrics.provisional')
                        : t('assessments.rubrics.official')}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{v.sourceDocument}</Text>
                    {v.sourceNote && (
                      <Text size="xs" c="gray.7">
                        {v.sourceNote}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {v.loadedBy
                      ? `${v.loadedBy}, ${v.loadedAt ? dateTime(v.loadedAt) : ''}`
                      : t('assessments.rubrics.builtin')}
                  </Table.Td>
                  <Table.Td>
                    <Anchor
                      href={`/api/v1/orgs/${orgId}/health/rubric-versions/${v.rubricId}/${v.version}`}
                      download={`${v.rubricId}-${v.version}.json`}
                      c="blue.9"
                      size="sm"
                      aria-label={t('assessments.rubrics.downloadFor', {
                        rubric: v.rubricId,
                        version: v.version,
                      })}
                    >
                      {t('assessments.rubrics.download')}
                    </Anchor>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {loads && versions.data && (
        <LoadForm rubricIds={[...new Set(versions.data.items.map((v) => v.rubricId))]} />
      )}
    </Card>
  );
}

/** The ministry's form: a rubric, a new version name, its source, and the JSON file of its data. */
function LoadForm({ rubricIds }: { rubricIds: string[] }) {
  const { t } = useTranslation();
  const orgId = useOrgId();
  const queryClient = useQueryClient();
  const [rubricId, setRubricId] = useState<string | null>(rubricIds[0] ?? null);
  const [version, setVersion] = useState('');
  const [sourceDocument, setSourceDocument] = useState('');
  const [sourceNote, setSourceNote] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [localProblem, setLocalProblem] = useState<string | null>(null);
  const load = useMutation({
    mutationFn: async () => {
      let definition: unknown;
      try {
        definition = JSON.parse(await file!.text());
      } catch {
        throw new ApiError('NOT_JSON', t('assessments.rubrics.notJson'), 400);
      }
      if (typeof definition !== 'object' || definition === null || Array.isArray(definition))
        throw new ApiError('NOT_JSON', t('assessments.rubrics.notJson'), 400);
      return unwrap(
        client.POST('/api/v1/orgs/{orgId}/health/rubric-versions', {
          params: { path: { orgId } },
          body: {
            rubricId: rubricId!,
            version: version.trim(),
            definition: definition as Record<string, unknown>,
            sourceDocument: sourceDocument.trim(),
            sourceNote: sourceNote.trim() === '' ? null : sourceNote.trim(),
          },
        }),
      );
    },
    onSuccess: async () => {
      setVersion('');
      setSourceDocument('');
      setSourceNote('');
      setFile(null);
      await queryClient.invalidateQueries({ queryKey: ['rubric-versions', orgId] });
    },
  });
  const submit = () => {
    const missing = [
      !rubricId && t('assessments.rubrics.rubric'),
      version.trim() === '' && t('assessments.rubrics.version'),
      sourceDocument.trim() === '' && t('assessments.rubrics.source'),
      !file && t('assessments.rubrics.file'),
    ].filter(Boolean);
    if (missing.length > 0) {
      setLocalProblem(t('assessments.rubrics.missing', { fields: missing.join(', ') }));
      return;
    }
    setLocalProblem(null);
    load.mutate();
  };
  const problems = load.error instanceof ApiError ? load.error.errors : [];
  return (
    <Stack mt="md" gap="sm" data-testid="rubric-load">
      <Title order={3} size="h5">
        {t('assessments.rubrics.loadTitle')}
      </Title>
      <Text size="sm" c="gray.7">
        {t('assessments.rubrics.loadIntro')}
      </Text>
      <Group align="flex-start" grow wrap="wrap">
        <Select
          label={t('assessments.rubrics.rubric')}
          data={rubricIds}
          value={rubricId}
          onChange={setRubricId}
          allowDeselect={false}
          data-testid="rubric-load-rubric"
          miw={200}
        />
        <TextInput
          label={t('assessments.rubrics.version')}
          description={t('assessments.rubrics.versionHint')}
          value={version}
          onChange={(e) => setVersion(e.currentTarget.value)}
          data-testid="rubric-load-version"
          miw={200}
        />
      </Group>
      <TextInput
        label={t('assessments.rubrics.source')}
        description={t('assessments.rubrics.sourceHint')}
        value={sourceDocument}
        onChange={(e) => setSourceDocument(e.currentTarget.value)}
        data-testid="rubric-load-source"
      />
      <Textarea
        label={t('assessments.rubrics.note')}
        value={sourceNote}
        onChange={(e) => setSourceNote(e.currentTarget.value)}
        autosize
        minRows={2}
        data-testid="rubric-load-note"
      />
      <FileInput
        label={t('assessments.rubrics.file')}
        accept="application/json,.json"
        value={file}
        onChange={setFile}
        clearable
        data-testid="rubric-load-file"
      />
      {localProblem && (
        <Alert color="red" data-testid="rubric-load-problem">
          {localProblem}
        </Alert>
      )}
      {load.error && (
        <Alert color="red" data-testid="rubric-load-problem">
          <Text size="sm">
            {load.error instanceof ApiError ? load.error.detail : String(load.error)}
          </Text>
          {problems.length > 0 && (
            <List size="sm" mt={4}>
              {problems.slice(0, 20).map((p) => (
                <List.Item key={`${p.field}:${p.message}`}>
                  <code>{p.field}</code>: {p.message}
                </List.Item>
              ))}
            </List>
          )}
        </Alert>
      )}
      {load.data && (
        <Alert color="green" data-testid="rubric-load-done">
          {t('assessments.rubrics.loadedOk', {
            rubric: load.data.rubricId,
            version: load.data.version,
          })}
          {load.data.provisional ? ` ${t('assessments.rubrics.stillProvisional')}` : ''}
        </Alert>
      )}
      <Group>
        <Button onClick={submit} loading={load.isPending} data-testid="rubric-load-submit">
          {t('assessments.rubrics.loadButton')}
        </Button>
      </Group>
    </Stack>
  );
}
