import { sql } from 'kysely';
import type { Queryable } from './database.js';

/**
 * The figures early warning reads for every active cooperative under a region, in one statement:
 * the latest quarterly report (latest version) with its cash and current liabilities from the
 * content, the same quarter a year before, which of the given periods arrived, and the latest
 * final assessment not superseded.
 */
export interface IndicatorRow {
  registry_id: bigint;
  name: string;
  region_code: string;
  period: string | null;
  kas_bank: bigint | null;
  kewajiban_lancar: bigint | null;
  pinjaman: bigint | null;
  pinjaman_bermasalah: bigint | null;
  ekuitas: bigint | null;
  aset: bigint | null;
  aset_year_ago: bigint | null;
  shu: bigint | null;
  received: number;
  predikat: string | null;
}

export async function indicatorRows(
  db: Queryable,
  region: string,
  periods: string[],
): Promise<IndicatorRow[]> {
  const prefix = `${region}%`;
  const line = (key: string) =>
    sql`coalesce((l.content->'balanceSheet'->${key}->>'rupiah')::bigint, 0)`;
  const r = await sql<IndicatorRow>`
    with latest as (
      select distinct on (registry_id) registry_id, period, content, total_aset_rupiah,
        total_ekuitas_rupiah, pinjaman_rupiah, pinjaman_bermasalah_rupiah, shu_rupiah
      from supervision_reports
      where region_code like ${prefix} and report_kind = 'quarterly'
      order by registry_id, period desc, version desc
    ), year_ago as (
      select distinct on (r.registry_id) r.registry_id, r.total_aset_rupiah
      from supervision_reports r join latest l on l.registry_id = r.registry_id
      where r.report_kind = 'quarterly'
        and r.period = (left(l.period, 4)::int - 1)::text || substr(l.period, 5)
      order by r.registry_id, r.version desc
    ), received as (
      select registry_id, count(distinct period)::int as n from supervision_reports
      where region_code like ${prefix} and report_kind = 'quarterly'
        and period = any(${periods}::text[])
      group by registry_id
    ), assessed as (
      select distinct on (a.registry_id) a.registry_id, a.predikat
      from health_assessments a
      where a.region_code like ${prefix} and a.status = 'final'
        and not exists (select 1 from health_assessments s
                        where s.registry_id = a.registry_id and s.supersedes_id = a.id)
      order by a.registry_id, a.period desc, a.id desc
    )
    select c.id as registry_id, c.name, c.region_code, l.period,
      case when l.period is null then null else ${line('kasBank')} end as kas_bank,
      case when l.period is null then null
        else ${line('simpananSukarela')} + ${line('simpananBerjangka')} + ${line('kewajibanLancarLain')} end
        as kewajiban_lancar,
      l.pinjaman_rupiah as pinjaman, l.pinjaman_bermasalah_rupiah as pinjaman_bermasalah,
      l.total_ekuitas_rupiah as ekuitas, l.total_aset_rupiah as aset,
      y.total_aset_rupiah as aset_year_ago, l.shu_rupiah as shu,
      coalesce(rc.n, 0) as received, s.predikat
    from registry_cooperatives c
    left join latest l on l.registry_id = c.id
    left join year_ago y on y.registry_id = c.id
    left join received rc on rc.registry_id = c.id
    left join assessed s on s.registry_id = c.id
    where c.region_code like ${prefix} and c.status = 'active'
    order by c.id`.execute(db);
  return r.rows;
}
