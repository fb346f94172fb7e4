import {
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  NumberInput,
  Radio,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  TextInput,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, client, unwrap, type Answer } from '../../api';
import { useCan } from '../../App';
import { ErrorAlert } from '../../components/ErrorAlert';
import { date, percent } from '../../format';

export const POSTS = [
  'cadangan',
  'jasaModal',
  'jasaUsaha',
  'danaPengurus',
  'danaKaryawan',
  'danaPendidikan',
  'danaSosial',
  'danaPembangunanDaerahKerja',
] as const;
export type Post = (typeof POSTS)[number];
const KINDS = ['pokok', 'wajib', 'sukarela'] as const;
const LINES = ['pinjaman', 'pembiayaan', 'belanja'] as const;
type Settings = Answer<'/api/v1/orgs/{orgId}/shu/settings'>['items'][number];
type Percents = Record<Post, string>;

const empty = (): Percents => Object.fromEntries(POSTS.map((p) => [p, '0'])) as Percents;

/**
 * A typed percentage ("12,5" or "12.5", at most four decimals) in ten-thousandths of a percent,
 * exact (bigint); null when it is not one.
 */
export function percentUnits(text: string): bigint | null {
  const m = /^\s*(\d{1,3})(?:[.,](\d{1,4}))?\s*$/.exec(text);
  if (!m) return null;
  return BigInt(m[1]!) * 10_000n + BigInt((m[2] ?? '').padEnd(4, '0'));
}

/** Ten-thousandths of a percent as Indonesian text ("99,5"). */
function unitsText(u: bigint): string {
  const whole = u / 10_000n;
  const frac = (u % 10_000n).toString().padStart(4, '0').replace(/0+$/, '');
  return frac ? `${whole},${frac}` : whole.toString();
}

function totalOf(p: Percents): bigint | null {
  let sum = 0n;
  for (const post of POSTS) {
    const u = percentUnits(p[post]);
    if (u === null) return null;
    sum += u;
  }
  return sum;
}

/** The percent text the server sends ("40.0000") as the form shows it ("40"). */
const fromServer = (s: string) => unitsText(percentUnits(s) ?? 0n);

/**
 * The AD/ART's SHU settings (docs/domain/shu-books.md): each save is a new version valid from a
 * financial year; the allocation must total exactly 100 % (live total here, the server's
 * problem+json errors at their fields).
 */
export function ShuSettingsCard({ orgId }: { orgId: string }) {
  const { t } = useTranslation();
  const settings = useQuery({
    queryKey: ['shu-settings', orgId],
    queryFn: () =>
      unwrap(client.GET('/api/v1/orgs/{orgId}/shu/settings', { params: { path: { orgId } } })),
  });
  const latest: Settings | undefined = settings.data?.items[0];
  // kept here: the form below starts afresh from each new version
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <Card withBorder data-testid="shu-settings">
      <Stack>
        <Text fw={600} component="h2" size="md">
          {t('shu.settings.title')}
        </Text>
        <Text size="sm" data-testid="shu-settings-version">
          {latest
            ? t('shu.settings.current', { version: latest.version, year: latest.validFromYear })
            : t('shu.settings.none')}
        </Text>
        {notice && (
          <Alert
            color="green"
            withCloseButton
            closeButtonLabel={t('common.close')}
            onClose={() => setNotice(null)}
            data-testid="shu-settings-notice"
          >
            {notice}
          </Alert>
        )}
        <ErrorAlert error={settings.error} />
        {settings.isSuccess && (
          // a fresh form from each newest version
          <SettingsForm
            key={latest?.version ?? 0}
            orgId={orgId}
            latest={latest}
            onSaved={setNotice}
          />
        )}
      </Stack>
    </Card>
  );
}

const percents = (p: Record<string, string> | null | undefined): Percents =>
  Object.fromEntries(POSTS.map((k) => [k, fromServer(p?.[k] ?? '0')])) as Percents;

function SettingsForm({
  orgId,
  latest,
  onSaved,
}: {
  orgId: string;
  latest: Settings | undefined;
  onSaved: (notice: string) => void;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const can = useCan();
  const [validFrom, setValidFrom] = useState<number>(
    latest?.validFromYear ?? new Date().getFullYear() - 1,
  );
  const [alloc, setAlloc] = useState<Percents>(() =>
    latest ? percents(latest.allocationPercent) : empty(),
  );
  const [ownNonMember, setOwnNonMember] = useState(
    latest !== undefined && latest.nonMemberAllocationPercent !== null,
  );
  const [nonMember, setNonMember] = useState<Percents>(() =>
    percents(latest?.nonMemberAllocationPercent),
  );
  const [kinds, setKinds] = useState<string[]>(latest?.capitalKinds ?? ['pokok', 'wajib']);
  const [basis, setBasis] = useState<'year-end' | 'average'>(latest?.jasaModalBasis ?? 'average');
  const [lines, setLines] = useState<Record<string, number>>(
    latest?.businessLines ?? { pinjaman: 1 },
  );
  const [deductWajib, setDeductWajib] = useState(latest?.deductWajibArrears ?? false);
  const [deductInstalments, setDeductInstalments] = useState(
    latest?.deductOverdueInstalments ?? false,
  );
  const [source, setSource] = useState(latest?.source ?? '');

  const save = useMutation({
    mutationFn: () =>
      unwrap(
        client.POST('/api/v1/orgs/{orgId}/shu/settings', {
          params: { path: { orgId } },
          body: {
            validFromYear: validFrom,
            allocation: { ...alloc },
            nonMemberAllocation: ownNonMember ? { ...nonMember } : null,
            capitalKinds: kinds as ('pokok' | 'wajib' | 'sukarela')[],
            jasaModalBasis: basis,
            businessLines: lines,
            deductWajibArrears: deductWajib,
            deductOverdueInstalments: deductInstalments,
            source: source.trim() || null,
          },
        }),
      ),
    onSuccess: (s) => {
      onSaved(t('shu.settings.saved', { version: s.version }));
      void qc.invalidateQueries({ queryKey: ['shu-settings', orgId] });
    },
  });
  // the server's problems by field ("allocation.cadangan", "allocation", "businessLines", …)
  const problems = save.error instanceof ApiError ? save.error.errors : [];
  const at = (field: string) =>
    problems
      .filter((p) => p.field === field)
      .map((p) => p.message)
      .join('; ') || undefined;

  const total = totalOf(alloc);
  const nmTotal = totalOf(nonMember);
  const editable = can('shu.manage');

  const percentGrid = (
    values: Percents,
    set: (p: Percents) => void,
    field: string,
    membersPostsZero: boolean,
  ) => (
    <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>
      {POSTS.map((p) => (
        <TextInput
          key={p}
          label={t(`shu.posts.${p}`)}
          value={values[p]}
          inputMode="decimal"
          rightSection={<Text size="sm">%</Text>}
          disabled={!editable || (membersPostsZero && (p === 'jasaModal' || p === 'jasaUsaha'))}
          onChange={(e) => set({ ...values, [p]: e.currentTarget.value })}
          error={
            at(`${field}.${p}`) ??
            (percentUnits(values[p]) === null ? t('shu.settings.invalidPercent') : undefined)
          }
          data-testid={`shu-${field}-${p}`}
        />
      ))}
    </SimpleGrid>
  );
  const totalBadge = (sum: bigint | null, field: string) => (
    <Group gap="xs">
      <Badge
        size="lg"
        variant="filled"
        color={sum === 1_000_000n ? 'green.9' : 'red.9'}
        data-testid={`shu-${field}-total`}
      >
        {t('shu.settings.total', { total: sum === null ? '?' : unitsText(sum) })}
      </Badge>
      {sum !== 1_000_000n && (
        <Text size="sm" c="red.9">
          {t('shu.settings.totalMust')}
        </Text>
      )}
      {at(field) && (
        <Text size="sm" c="red.9" role="alert" data-testid={`shu-${field}-error`}>
          {at(field)}
        </Text>
      )}
    </Group>
  );

  return (
    <Stack>
      <ErrorAlert error={save.error} />
      <NumberInput
        label={t('shu.settings.validFromYear')}
        value={validFrom}
        onChange={(v) => setValidFrom(typeof v === 'number' ? v : Number(v))}
        min={2000}
        max={2099}
        allowDecimal={false}
        thousandSeparator={false}
        w={260}
        disabled={!editable}
        error={at('validFromYear')}
        data-testid="shu-valid-from"
      />
      <Text fw={600} size="sm">
        {t('shu.settings.allocation')}
      </Text>
      {percentGrid(alloc, setAlloc, 'allocation', false)}
      {totalBadge(total, 'allocation')}
      <Switch
        label={t('shu.settings.nonMemberOwn')}
        description={t('shu.settings.nonMemberHelp')}
        checked={ownNonMember}
        disabled={!editable}
        onChange={(e) => setOwnNonMember(e.currentTarget.checked)}
        data-testid="shu-nonmember-own"
      />
      {ownNonMember && (
        <>
          <Text fw={600} size="sm">
            {t('shu.settings.nonMember')}
          </Text>
          {percentGrid(nonMember, setNonMember, 'nonMemberAllocation', true)}
          {totalBadge(nmTotal, 'nonMemberAllocation')}
        </>
      )}
      <Checkbox.Group
        label={t('shu.settings.capitalKinds')}
        value={kinds}
        onChange={setKinds}
        error={at('capitalKinds')}
      >
        <Group mt={4}>
          {KINDS.map((k) => (
            <Checkbox key={k} value={k} label={t(`shu.kinds.${k}`)} disabled={!editable} />
          ))}
        </Group>
      </Checkbox.Group>
      <Radio.Group
        label={t('shu.settings.basis')}
        value={basis}
        onChange={(v) => setBasis(v === 'year-end' ? 'year-end' : 'average')}
      >
        <Group mt={4}>
          <Radio value="average" label={t('shu.settings.basisAverage')} disabled={!editable} />
          <Radio value="year-end" label={t('shu.settings.basisYearEnd')} disabled={!editable} />
        </Group>
      </Radio.Group>
      <Stack gap={4}>
        <Text fw={600} size="sm">
          {t('shu.settings.lines')}
        </Text>
        {LINES.map((l) => (
          <Group key={l} align="flex-end">
            <Checkbox
              label={t(`shu.lines.${l}`)}
              checked={lines[l] !== undefined}
              disabled={!editable}
              w={280}
              onChange={(e) => {
                const next = { ...lines };
                if (e.currentTarget.checked) next[l] = 1;
                else delete next[l];
                setLines(next);
              }}
              data-testid={`shu-line-${l}`}
            />
            {lines[l] !== undefined && (
              <NumberInput
                aria-label={t('shu.settings.weight', { line: t(`shu.lines.${l}`) })}
                value={lines[l]}
                min={0}
                max={1_000_000}
                allowDecimal={false}
                w={120}
                disabled={!editable}
                onChange={(v) => setLines({ ...lines, [l]: Number(v) || 0 })}
              />
            )}
          </Group>
        ))}
        {at('businessLines') && (
          <Text size="sm" c="red.9" role="alert">
            {at('businessLines')}
          </Text>
        )}
      </Stack>
      <Stack gap={4}>
        <Text fw={600} size="sm">
          {t('shu.settings.deductions')}
        </Text>
        <Checkbox
          label={t('shu.settings.deductWajib')}
          checked={deductWajib}
          disabled={!editable}
          onChange={(e) => setDeductWajib(e.currentTarget.checked)}
        />
        <Checkbox
          label={t('shu.settings.deductInstalments')}
          checked={deductInstalments}
          disabled={!editable}
          onChange={(e) => setDeductInstalments(e.currentTarget.checked)}
          error={at('deductOverdueInstalments')}
        />
      </Stack>
      {latest && (
        <Stack gap={2}>
          <Text fw={600} size="sm">
            {t('shu.settings.tax')}
          </Text>
          {latest.taxRules.map((r) => (
            <Text key={r.from} size="sm">
              {t('shu.settings.taxRule', {
                from: date(r.from),
                rate: percent(r.ratePercent),
                source: r.source,
              })}
            </Text>
          ))}
        </Stack>
      )}
      <TextInput
        label={t('shu.settings.source')}
        value={source}
        maxLength={300}
        disabled={!editable}
        onChange={(e) => setSource(e.currentTarget.value)}
        error={at('source')}
        data-testid="shu-source"
      />
      {editable && (
        <Button
          onClick={() => save.mutate()}
          loading={save.isPending}
          disabled={total !== 1_000_000n || (ownNonMember && nmTotal !== 1_000_000n)}
          data-testid="shu-settings-save"
        >
          {t('shu.settings.save')}
        </Button>
      )}
    </Stack>
  );
}
