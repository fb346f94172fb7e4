import { Stack, Tabs } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageTitle, useCan, useOrgId } from '../../App';
import { Applications } from './Applications';
import { Disbursements } from './Disbursements';
import { LoanList } from './LoanList';
import { Simulator } from './Simulator';

/** Loans for staff: (a) simulator, (b) applications, (c) disbursement, (d) loans and repayments. */
export function LoansPage() {
  const { t } = useTranslation();
  const orgId = useOrgId();
  const allowed = useCan();
  const can = {
    manage: allowed('loans.manage'),
    disburse: allowed('loans.disburse'),
    counter: allowed('cashdesk.operate'),
  };
  const [tab, setTab] = useState<string | null>(can.manage ? 'applications' : 'loans');
  const [loanId, setLoanId] = useState<string | null>(null);
  const openLoan = (id: string) => {
    setLoanId(id);
    setTab('loans');
  };
  return (
    <Stack>
      <PageTitle>{t('loans.title')}</PageTitle>
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List>
          {(['simulate', 'applications', 'disburse', 'loans'] as const).map((k) => (
            <Tabs.Tab key={k} value={k} data-testid={`loans-tab-${k}`}>
              {t(`loans.tabs.${k}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="simulate" pt="md">
          <Simulator orgId={orgId} />
        </Tabs.Panel>
        <Tabs.Panel value="applications" pt="md">
          <Applications orgId={orgId} canManage={can.manage} />
        </Tabs.Panel>
        <Tabs.Panel value="disburse" pt="md">
          <Disbursements
            orgId={orgId}
            canDisburse={can.disburse}
            counter={can.counter}
            onOpenLoan={openLoan}
          />
        </Tabs.Panel>
        <Tabs.Panel value="loans" pt="md">
          <LoanList
            orgId={orgId}
            loanId={loanId}
            onSelect={setLoanId}
            counter={can.counter}
            canManage={can.manage}
          />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
