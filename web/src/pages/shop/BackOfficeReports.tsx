import { BarChart } from '@mantine/charts';
import { Anchor, Card, Group, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { client, unwrap, type Answer } from '../../api';
import { useOrgId } from '../../App';
import {
  ChartCard,
  compactRupiah,
  ScrollableTable,
  SERIES_COLORS,
} from '../../components/charts/ChartCard';
import { DayInput } from '../../components/DayInput';
import { ErrorAlert } from '../../components/ErrorAlert';
import { date, rupiah } from '../../format';

/**
 * The shop's sales report on screen (GET /shop/reports/sales): the totals, sales and margin by day
 * and by hour as charts (each with its figures behind "Lihat data"), the best sellers, the payment
 * mix, the members who buy most, the slow movers and what is owed to consignment producers, with
 * the same report as PDF and Excel.
 */
/** The JSON answer (the route also answers PDF and Excel files). */
type SalesReport = Exclude<Answer<'/api/v1/orgs/{orgId}/shop/reports/sales'>, string>;

function monthStart(today: string): string {
  return `${today.slice(0, 8)}01`;
}

export function BackOfficeReports({ today }: { today: string }) {
  const { t } = useTranslation();
  const orgId = useOrgId();
  const [from, setFrom] = useState(monthStart(today));
  const [to, setTo] = useState(today);
  const q = useQuery({
    queryKey: ['shop-report', orgId, from, to],
    enabled: from <= to,
    queryFn: () =>
      unwrap(
        client.GET('/api/v1/orgs/{orgId}/shop/reports/sales', {
          params: { path: { orgId }, query: { from, to, format: 'json' } },
        }),
      ),
  });
  const r = q.data as SalesReport | undefined;
  const fileUrl = (format: 'pdf' | 'xlsx') =>
    `/api/v1/orgs/${orgId}/shop/reports/sales?from=${from}&to=${to}&format=${format}`;
  const num = (v: string) => Number(v);
  return (
    <Stack data-testid="shop-reports">
      <Group align="end" wrap="wrap">
        <DayInput
          label={t('shopReports.from')}
          value={from}
          onChange={(e) => setFrom(e.currentTarget.value)}
        />
        <DayInput
          label={t('shopReports.to')}
          value={to}
          onChange={(e) => setTo(e.currentTarget.value)}
        />
        <Anchor href={fileUrl('pdf')} target="_blank" rel="noopener">
          {t('shopReports.pdf')}
        </Anchor>
        <Anchor href={fileUrl('xlsx')}>{t('shopReports.xlsx')}</Anchor>
      </Group>
      <ErrorAlert error={q.error} />
      {r && (
        <>
          <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }}>
            {(
              [
                ['sales', r.totals.salesRupiah],
                ['cost', r.totals.costRupiah],
                ['margin', r.totals.marginRupiah],
                ['members', r.totals.memberSalesRupiah],
              ] as const
            ).map(([k, v]) => (
              <Card withBorder key={k} data-testid={`shop-report-${k}`}>
                <Text size="sm" c="gray.7">
                  {t(`shopReports.totals.${k}`)}
                </Text>
                <Text fw={700} size="lg">
                  {rupiah(v)}
                </Text>
              </Card>
            ))}
          </SimpleGrid>
          <Text size="sm">{t('shopReports.count', { count: r.totals.count })}</Text>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <ChartCard
              testId="shop-chart-day"
              title={t('shopReports.byDay')}
              summary={t('shopReports.byDaySummary', {
                days: r.byDay.length,
                sales: rupiah(r.totals.salesRupiah),
              })}
              table={{
                columns: [t('shopReports.date'), t('shopReports.sales'), t('shopReports.margin')],
                rows: r.byDay.map((d) => [
                  date(d.date),
                  rupiah(d.salesRupiah),
                  rupiah(d.marginRupiah),
                ]),
              }}
            >
              <BarChart
                h={220}
                data={r.byDay.map((d) => ({
                  day: d.date.slice(8, 10),
                  sales: num(d.salesRupiah),
                  margin: num(d.marginRupiah),
                }))}
                dataKey="day"
                series={[
                  { name: 'sales', label: t('shopReports.sales'), color: SERIES_COLORS.blue },
                  { name: 'margin', label: t('shopReports.margin'), color: SERIES_COLORS.teal },
                ]}
                valueFormatter={compactRupiah}
                yAxisProps={{ width: 56 }}
              />
            </ChartCard>
            <ChartCard
              testId="shop-chart-hour"
              title={t('shopReports.byHour')}
              summary={t('shopReports.byHourSummary', {
                hour: busiest(r.byHour),
              })}
              table={{
                columns: [
                  t('shopReports.hour'),
                  t('shopReports.transactions'),
                  t('shopReports.sales'),
                ],
                rows: r.byHour.map((h) => [
                  `${String(h.hour).padStart(2, '0')}.00`,
                  h.count,
                  rupiah(h.salesRupiah),
                ]),
              }}
            >
              <BarChart
                h={220}
                data={r.byHour.map((h) => ({
                  hour: `${String(h.hour).padStart(2, '0')}`,
                  transactions: h.count,
                }))}
                dataKey="hour"
                series={[
                  {
                    name: 'transactions',
                    label: t('shopReports.transactions'),
                    color: SERIES_COLORS.grape,
                  },
                ]}
                yAxisProps={{ width: 40 }}
              />
            </ChartCard>
          </SimpleGrid>
          <ReportTable
            title={t('shopReports.byProduct')}
            testId="shop-report-products"
            columns={[
              t('shopReports.product'),
              t('shopReports.qty'),
              t('shopReports.sales'),
              t('shopReports.margin'),
            ]}
            rows={r.byProduct.map((p) => [
              `${p.name} (${p.sku})`,
              `${Number(p.qtyBase).toLocaleString('id-ID')} ${p.baseUnit}`,
              rupiah(p.salesRupiah),
              rupiah(p.marginRupiah),
            ])}
          />
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <ReportTable
              title={t('shopReports.byPayment')}
              testId="shop-report-payments"
              columns={[
                t('shopReports.method'),
                t('shopReports.transactions'),
                t('shopReports.sales'),
              ]}
              rows={r.byPayment.map((p) => [
                t(`shopReports.methods.${p.method}`, { defaultValue: p.method }),
                p.count.toLocaleString('id-ID'),
                rupiah(p.salesRupiah),
              ])}
            />
            <ReportTable
              title={t('shopReports.byMember')}
              testId="shop-report-members"
              columns={[
                t('shopReports.member'),
                t('shopReports.transactions'),
                t('shopReports.sales'),
              ]}
              rows={r.byMember.map((m) => [
                `${m.name} (${m.memberNumber ?? '-'})`,
                m.count.toLocaleString('id-ID'),
                rupiah(m.salesRupiah),
              ])}
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <ReportTable
              title={t('shopReports.slow')}
              testId="shop-report-slow"
              columns={[
                t('shopReports.product'),
                t('shopReports.stock'),
                t('shopReports.value'),
                t('shopReports.lastSold'),
              ]}
              rows={r.slowMovers.map((s) => [
                `${s.name} (${s.sku})`,
                Number(s.qtyBase).toLocaleString('id-ID'),
                rupiah(s.valueRupiah),
                s.lastSoldOn ? date(s.lastSoldOn) : t('shopReports.never'),
              ])}
            />
            <ReportTable
              title={t('shopReports.consignment')}
              testId="shop-report-consignment"
              columns={[t('shopReports.producer'), t('shopReports.owed')]}
              rows={r.consignmentOwed.map((c) => [c.name, rupiah(c.owedRupiah)])}
            />
          </SimpleGrid>
        </>
      )}
    </Stack>
  );
}

function busiest(hours: { hour: number; count: number }[]): string {
  const top = [...hours].sort((a, b) => b.count - a.count)[0];
  return top ? `${String(top.hour).padStart(2, '0')}.00` : '-';
}

function ReportTable({
  title,
  testId,
  columns,
  rows,
}: {
  title: string;
  testId: string;
  columns: string[];
  rows: (string | number)[][];
}) {
  const { t } = useTranslation();
  return (
    <Card withBorder data-testid={testId}>
      <Text fw={600} mb="xs">
        {title}
      </Text>
      {rows.length === 0 ? (
        <Text size="sm" c="gray.7">
          {t('shopReports.empty')}
        </Text>
      ) : (
        <ScrollableTable label={title}>
          <Table striped fz="sm">
            <Table.Thead>
              <Table.Tr>
                {columns.map((c) => (
                  <Table.Th key={c}>{c}</Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r, i) => (
                <Table.Tr key={i}>
                  {r.map((c, j) => (
                    <Table.Td key={j}>{c}</Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollableTable>
      )}
    </Card>
  );
}
