import { Badge, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { client, unwrap } from '../../../api';
import { useOrgId } from '../../../App';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { date } from '../../../format';

const STATUS_COLOR = { met: 'green.9', not_met: 'red.9', not_applicable: 'gray.8' } as const;

/** Whether each savings-and-loan cooperative of the region meets the certification requirement. */
export function RequirementTab() {
  const { t } = useTranslation();
  const orgId = useOrgId();
  const q = useQuery({
    queryKey: ['certificate-requirement', orgId],
    queryFn: () =>
      unwrap(
        client.GET('/api/v1/orgs/{orgId}/certificates/requirement', {
          params: { path: { orgId }, query: { limit: 1000 } },
        }),
      ),
  });
  if (q.error) return <ErrorAlert error={q.error} />;
  if (!q.data) return null;
  const r = q.data;
  return (
    <Stack>
      <Text size="sm" c="gray.7" data-testid="requirement-rule">
        {t('training.requirement.rule', {
          types: r.rule.cooperativeTypes.join(' / '),
          min: r.rule.minimumCertifiedManagers,
          on: date(r.on),
        })}
      </Text>
      <Text fw={600} data-testid="requirement-summary">
        {t('training.requirement.summary', {
          met: r.met,
          count: r.cooperatives,
          notMet: r.notMet,
        })}
      </Text>
      {r.items.length > 0 && (
        <Table.ScrollContainer
          minWidth={520}
          tabIndex={0}
          aria-label={t('training.tabs.requirement')}
        >
          <Table data-testid="requirement-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('training.field.cooperative')}</Table.Th>
                <Table.Th>{t('training.requirement.type')}</Table.Th>
                <Table.Th ta="right">{t('training.requirement.certified')}</Table.Th>
                <Table.Th>{t('training.field.status')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {r.items.map((c) => (
                <Table.Tr key={c.registryId} data-testid="requirement-row">
                  <Table.Td>
                    <Link to={`/o/${orgId}/supervision/${c.registryId}`}>{c.name}</Link>
                  </Table.Td>
                  <Table.Td>{c.cooperativeType}</Table.Td>
                  <Table.Td ta="right">
                    {c.certifiedManagers} / {c.required}
                  </Table.Td>
                  <Table.Td>
                    <Badge color={STATUS_COLOR[c.status]}>
                      {t(`training.requirement.status.${c.status}`)}
                    </Badge>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
