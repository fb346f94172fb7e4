import { Tabs } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageTitle, useCan, useOrgId } from '../../App';
import { businessToday } from '../../calendar';
import { BackOfficeConsignment } from './BackOfficeConsignment';
import { BackOfficeMarketplace } from './BackOfficeMarketplace';
import { BackOfficeOpname } from './BackOfficeOpname';
import { BackOfficeProducts } from './BackOfficeProducts';
import { BackOfficeReceipts } from './BackOfficeReceipts';
import { BackOfficeReports } from './BackOfficeReports';
import { BackOfficeSales } from './BackOfficeSales';
import { BackOfficeSetup } from './BackOfficeSetup';
import { BackOfficeStock } from './BackOfficeStock';

const TABS = [
  'barang',
  'stok',
  'penerimaan',
  'opname',
  'titip',
  'pemasok',
  'penjualan',
  'laporan',
  'pasar',
] as const;
type Tab = (typeof TABS)[number];

/**
 * The shop's back office (issue 18, docs/domain/shop.md): catalogue and prices, stock, goods
 * received and paid, stock opname, consignment owed, suppliers, outlets and tills, sales and their
 * receipt chains, the sales report with its charts. Reading needs shop.read; every change shop.manage (the pengurus).
 */
export function TokoPage() {
  const { t } = useTranslation();
  const orgId = useOrgId();
  const manage = useCan()('shop.manage');
  const sell = useCan()('shop.sell');
  const [tab, setTab] = useState<Tab>('barang');
  return (
    <>
      <PageTitle>{t('shop.title')}</PageTitle>
      <Tabs
        value={tab}
        onChange={(v) => setTab(TABS.find((x) => x === v) ?? 'barang')}
        keepMounted={false}
      >
        <Tabs.List mb="md">
          {TABS.map((x) => (
            <Tabs.Tab key={x} value={x} data-testid={`shop-tab-${x}`}>
              {t(`shop.tabs.${x}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="barang">
          <BackOfficeProducts orgId={orgId} manage={manage} />
        </Tabs.Panel>
        <Tabs.Panel value="stok">
          <BackOfficeStock orgId={orgId} />
        </Tabs.Panel>
        <Tabs.Panel value="penerimaan">
          <BackOfficeReceipts orgId={orgId} manage={manage} />
        </Tabs.Panel>
        <Tabs.Panel value="opname">
          <BackOfficeOpname orgId={orgId} manage={manage} />
        </Tabs.Panel>
        <Tabs.Panel value="titip">
          <BackOfficeConsignment orgId={orgId} manage={manage} />
        </Tabs.Panel>
        <Tabs.Panel value="pemasok">
          <BackOfficeSetup orgId={orgId} manage={manage} />
        </Tabs.Panel>
        <Tabs.Panel value="penjualan">
          <BackOfficeSales orgId={orgId} manage={manage} />
        </Tabs.Panel>
        <Tabs.Panel value="laporan">
          <BackOfficeReports today={businessToday()} />
        </Tabs.Panel>
        <Tabs.Panel value="pasar">
          <BackOfficeMarketplace orgId={orgId} manage={manage} sell={sell} />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
