import { Anchor, Button, Group, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { client, unwrapJson, type Answer } from '../api';
import { PageTitle, useMembership, useOrgId } from '../App';
import { ErrorAlert } from '../components/ErrorAlert';

/** A cell of a statement's JSON (src/http/routes/responses.ts's reportDocumentSchema). */
type Doc = Exclude<Answer<'/api/v1/orgs/{orgId}/statements/{kind}'>, string | Blob>;
type Cell = Doc['sections'][number]['rows'][number]['cells'][number];

const KINDS = ['neraca', 'phu', 'neraca-saldo', 'arus-kas', 'perubahan-ekuitas'] as const;
/** A KSPPS's own statements (PSAK 101; docs/domain/sharia-statements.md). */
const SHARIA_KINDS = ['dana-zakat', 'dana-kebajikan', 'rekonsiliasi-bagi-hasil'] as const;
type Kind = (typeof KINDS)[number] | (typeof SHARIA_KINDS)[number];
/** Statements of a balance at the end of the range: they take one month, the others a range. */
const AT_MONTH_END: readonly Kind[] = ['neraca'];

function cellText(c: Cell): string {
  if (c === null) return '';
  if (typeof c === 'string') return c;
  if ('rupiah' in c) {
    const v = BigInt(c.rupiah);
    const s = new Intl.NumberFormat('id-ID').format(v < 0n ? -v : v);
    return v < 0n ? `(${s})` : s;
  }
  if ('number' in c) return String(c.number);
  return c.date;
}

const lastMonth = () => {
  const d = new Date();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - 1);
  return d.toISOString().slice(0, 7);
};

/** Statements on screen, with the same document as PDF and Excel. */
export function StatementsPage() {
  const { t } = useTranslation();
  const orgId = useOrgId();
  const kinds: readonly Kind[] =
    useMembership()?.cooperativeType === 'KSPPS' ? [...KINDS, ...SHARIA_KINDS] : KINDS;
  const [kind, setKind] = useState<Kind>('neraca');
  const [from, setFrom] = useState(lastMonth());
  const [to, setTo] = useState(lastMonth());
  const [shown, setShown] = useState<{ kind: Kind; from: string; to: string }>({
    kind: 'neraca',
    from: lastMonth(),
    to: lastMonth(),
  });
  const single = AT_MONTH_END.includes(kind);
  // a month range that runs backwards is shown as its one last month rather than refused
  const range = (k: Kind) => ({
    from: AT_MONTH_END.includes(k) || from > to ? to : from,
    to,
  });
  const url = `/orgs/${orgId}/statements/${shown.kind}?from=${shown.from}&to=${shown.to}`;
  const q = useQuery({
    queryKey: ['statement', orgId, shown],
    queryFn: () =>
      unwrapJson(
        client.GET('/api/v1/orgs/{orgId}/statements/{kind}', {
          params: {
            path: { orgId, kind: shown.kind },
            query: { from: shown.from, to: shown.to },
          },
        }),
      ),
  });
  return (
    <Stack>
      <PageTitle>{t('statements.title')}</PageTitle>
      <Group align="flex-end">
        <Select
          label={t('statements.kind')}
          value={kind}
          onChange={(v) => setKind(kinds.find((k) => k === v) ?? kind)}
          data={kinds.map((k) => ({ value: k, label: t(`statements.kinds.${k}`) }))}
          data-testid="statement-kind"
        />
        {!single && (
          <TextInput
            label={t('statements.from')}
            type="month"
            value={from}
            onChange={(e) => setFrom(e.currentTarget.value)}
            data-testid="statement-from"
          />
        )}
        <TextInput
          label={single ? t('statements.period') : t('statements.to')}
          type="month"
          value={to}
          onChange={(e) => setTo(e.currentTarget.value)}
          data-testid="statement-period"
        />
        <Button onClick={() => setShown({ kind, ...range(kind) })} data-testid="statement-show">
          {t('statements.show')}
        </Button>
        <Anchor href={`/api/v1${url}&format=pdf`} target="_blank">
          {t('statements.pdf')}
        </Anchor>
        <Anchor href={`/api/v1${url}&format=xlsx`}>{t('statements.xlsx')}</Anchor>
      </Group>
      <ErrorAlert error={q.error} />
      {q.data && (
        <Stack gap="xs" data-testid="statement">
          <Text fw={700} ta="center">
            {q.data.organization}
          </Text>
          <Text fw={700} size="lg" ta="center">
            {q.data.title}
          </Text>
          <Text ta="center" size="sm">
            {q.data.period}
          </Text>
          {q.data.sections.map((s, i) => (
            <Table.ScrollContainer minWidth={500} key={i}>
              {s.title && <Text fw={600}>{s.title}</Text>}
              <Table striped>
                <Table.Thead>
                  <Table.Tr>
                    {s.columns.map((c) => (
                      <Table.Th key={c.header} ta={c.kind === 'text' ? 'left' : 'right'}>
                        {c.header}
                      </Table.Th>
                    ))}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {s.rows.map((r, j) => (
                    <Table.Tr key={j} fw={r.style && r.style !== 'normal' ? 700 : undefined}>
                      {r.cells.map((c, k) => (
                        <Table.Td
                          key={k}
                          ta={s.columns[k]?.kind === 'text' ? 'left' : 'right'}
                          pl={k === 0 ? (r.level ?? 0) * 16 + 8 : undefined}
                        >
                          {cellText(c)}
                        </Table.Td>
                      ))}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          ))}
          {q.data.notes?.map((n) => (
            <Text size="sm" c="dimmed" key={n} data-testid="statement-note">
              {n}
            </Text>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
