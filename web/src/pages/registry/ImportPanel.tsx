import { Alert, Anchor, Button, FileButton, Group, Stack, Table, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError, errorText, upload } from '../../api';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Where a problem is, from its field ("baris 3: name" → "Baris 3", "Pengurus baris 2: …"). */
const where = (field: string) => {
  const w = field.replace(/:.*$/, '');
  return w.charAt(0).toUpperCase() + w.slice(1);
};

/**
 * The registry's workbooks: the import template, the import itself (all rows or none: the
 * problems come back by row and column and are listed in a table) and the export of the rows the
 * current filter matches.
 */
export function WorkbookActions({
  orgId,
  exportQuery,
  canWrite,
  onNotice,
}: {
  orgId: string;
  exportQuery: string;
  canWrite: boolean;
  onNotice: (text: string) => void;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const importFile = useMutation({
    mutationFn: (file: File) =>
      upload<{ imported: number; organMembers: number }>(`/orgs/${orgId}/imports/registry`, file),
    onSuccess: (r) => {
      onNotice(t('registry.imported', { count: r.imported, organs: r.organMembers }));
      void qc.invalidateQueries({ queryKey: ['registry', orgId] });
    },
  });
  const problems = importFile.error instanceof ApiError ? importFile.error.errors : [];
  return (
    <Stack gap="xs">
      <Group gap="md" wrap="wrap">
        <Anchor
          href={`/api/v1/orgs/${orgId}/exports/registry${exportQuery ? `?${exportQuery}` : ''}`}
          size="sm"
          data-testid="registry-export"
        >
          {t('registry.export')}
        </Anchor>
        {canWrite && (
          <>
            <Anchor
              href={`/api/v1/orgs/${orgId}/imports/registry/template`}
              size="sm"
              data-testid="registry-template"
            >
              {t('registry.template')}
            </Anchor>
            <FileButton accept={XLSX} onChange={(f) => f && importFile.mutate(f)}>
              {(props) => (
                <Button
                  variant="light"
                  size="xs"
                  loading={importFile.isPending}
                  {...props}
                  data-testid="registry-import"
                >
                  {t('registry.import')}
                </Button>
              )}
            </FileButton>
          </>
        )}
      </Group>
      {importFile.error && (
        <Alert
          color="red"
          title={errorText(importFile.error, t('common.error'))}
          data-testid="registry-import-errors"
        >
          {problems.length > 0 && (
            <>
              <Text size="sm" mb="xs">
                {t('registry.importFailed')}
              </Text>
              <Table.ScrollContainer minWidth={420} mah={320}>
                <Table withTableBorder data-testid="registry-import-problems">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('registry.row')}</Table.Th>
                      <Table.Th>{t('registry.problem')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {problems.map((p, i) => (
                      <Table.Tr key={`${p.field}-${i}`}>
                        <Table.Td>{where(p.field)}</Table.Td>
                        <Table.Td>{p.message.replace(/^[^,]*, /, '')}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            </>
          )}
        </Alert>
      )}
    </Stack>
  );
}
