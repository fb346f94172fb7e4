import { Table } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { date } from '../../format';

export interface ScheduleColumn<R> {
  header: string;
  cell: (row: R) => ReactNode;
  /** amounts are right-aligned */
  amount?: boolean;
}

/**
 * An instalment schedule: number and due date, then the columns given. The simulator shows what
 * each instalment will be; the loan detail shows what has been paid and what is late.
 */
export function ScheduleTable<R extends { instalmentNo: number; dueOn: string }>({
  rows,
  columns,
  minWidth,
  testId,
  rowTestId,
  rowColor,
}: {
  rows: R[];
  columns: ScheduleColumn<R>[];
  minWidth: number;
  testId: string;
  rowTestId: string;
  rowColor?: (row: R) => string | undefined;
}) {
  const { t } = useTranslation();
  const align = (c: ScheduleColumn<R>) => (c.amount ? 'right' : undefined);
  return (
    <Table.ScrollContainer minWidth={minWidth}>
      <Table striped data-testid={testId}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('loans.no')}</Table.Th>
            <Table.Th>{t('loans.dueOn')}</Table.Th>
            {columns.map((c) => (
              <Table.Th key={c.header} ta={align(c)}>
                {c.header}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.instalmentNo} data-testid={rowTestId} c={rowColor?.(r)}>
              <Table.Td>{r.instalmentNo}</Table.Td>
              <Table.Td>{date(r.dueOn)}</Table.Td>
              {columns.map((c) => (
                <Table.Td key={c.header} ta={align(c)}>
                  {c.cell(r)}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
