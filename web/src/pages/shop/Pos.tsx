import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Card,
  Grid,
  Group,
  NumberInput,
  Radio,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { receiptNumber } from '../../../../src/domain/shop/receipt-chain.js';
import { checkSale } from '../../../../src/domain/shop/sale.js';
import { lineAmount } from '../../../../src/domain/shop/units.js';
import { ApiError, errorText } from '../../api';
import { PageTitle, useMembership, useOrgId } from '../../App';
import { RupiahInput } from '../../components/RupiahInput';
import { dateTime, digits, rupiah } from '../../format';
import { useSession } from '../../session';
import {
  fetchTills,
  lookupMember,
  type CatalogueItem,
  type MemberLookup,
  type PaymentMethod,
  type Till,
} from './api';
import {
  addToCart,
  byBarcode,
  chainedLine,
  priceCart,
  searchCatalogue,
  type CartLine,
  type PricedLine,
} from './cart';
import { useCatalogue, useMemberList } from './catalogue';
import { Receipt } from './Receipt';
import { printerLinks, type PaperWidth, type ReceiptData } from './receipt';
import { ShiftCard, useMyShift } from './Shift';
import { adoptServerChain, chainHead, queueSale, withdrawRefused, type QueuedSale } from './store';
import { useOnline, useSaleSync, type SendResult } from './sync';

const CameraScan = lazy(() => import('./CameraScan'));

const TILL_KEY = 'sokoguru.pos.till';
const WIDTH_KEY = 'sokoguru.pos.paper';
/** Member account and member credit need the server to check the balance or the limit. */
const ONLINE_ONLY: readonly PaymentMethod[] = ['member_account', 'member_credit'];

/** The shop's point of sale (issue 18 item 2): one till, its shift, the sale and its receipt. */
export function PosPage() {
  const { t } = useTranslation();
  const orgId = useOrgId();
  const online = useOnline();
  const [tillId, setTillId] = useState<string | null>(() => localStorage.getItem(TILL_KEY));
  const tills = useQuery({
    queryKey: ['shop-tills', orgId],
    queryFn: () => fetchTills(orgId),
    enabled: online,
  });
  // the last list seen, so the till still sells after the network drops (or the page reloads)
  const [savedTills] = useState<Till[]>(() => {
    const saved = localStorage.getItem(`${TILL_KEY}.list.${orgId}`);
    return saved ? (JSON.parse(saved) as Till[]) : [];
  });
  useEffect(() => {
    if (tills.data) localStorage.setItem(`${TILL_KEY}.list.${orgId}`, JSON.stringify(tills.data));
  }, [tills.data, orgId]);
  const knownTills = tills.data ?? savedTills;
  const active = knownTills.filter((x) => x.active);
  const till = active.find((x) => x.id === tillId) ?? (active.length === 1 ? active[0] : undefined);
  // the register listens for the server's word on the sale it waits for
  const listener = useRef<((q: QueuedSale, r: SendResult) => void) | null>(null);
  const sync = useSaleSync(
    orgId,
    useCallback((q: QueuedSale, r: SendResult) => listener.current?.(q, r), []),
  );
  const listen = useCallback((f: ((q: QueuedSale, r: SendResult) => void) | null) => {
    listener.current = f;
  }, []);
  const waiting = sync.queue.length;
  const failed = sync.queue.filter((q) => q.status === 'failed');

  return (
    <Stack>
      <Group justify="space-between" wrap="wrap">
        <PageTitle>{t('pos.title')}</PageTitle>
        <Group gap="xs" aria-live="polite">
          <Badge color={online ? 'green.9' : 'red.9'} size="lg" data-testid="pos-online">
            {online ? t('pos.online') : t('pos.offline')}
          </Badge>
          <Badge
            color={waiting > 0 ? 'yellow.9' : 'gray.7'}
            size="lg"
            data-testid="pos-queue"
            data-count={waiting}
          >
            {t('pos.waiting', { count: waiting })}
          </Badge>
        </Group>
      </Group>
      {!online && <Alert color="yellow">{t('pos.offlineNote')}</Alert>}
      {tills.error && !knownTills.length && (
        <Alert color="red">{errorText(tills.error, t('common.error'))}</Alert>
      )}
      {failed.length > 0 && <FailedSales failed={failed} onRetry={(id) => void sync.retry(id)} />}
      {knownTills.length === 0 && tills.isSuccess ? (
        <Alert color="yellow">{t('pos.noTills')}</Alert>
      ) : (
        <Select
          label={t('pos.till')}
          data={active.map((x) => ({
            value: x.id,
            label: `${x.code} · ${x.name} · ${x.outletName}`,
          }))}
          value={till?.id ?? null}
          onChange={(v) => {
            setTillId(v);
            if (v) localStorage.setItem(TILL_KEY, v);
          }}
          allowDeselect={false}
          maw={420}
          data-testid="pos-till"
        />
      )}
      {till && (
        <Register
          key={till.id}
          orgId={orgId}
          till={till}
          online={online}
          fresh={tills.data?.find((x) => x.id === till.id) ?? null}
          waiting={sync.queue.filter((q) => q.body.tillId === till.id).length}
          kick={sync.kick}
          refreshQueue={sync.refresh}
          listen={listen}
        />
      )}
    </Stack>
  );
}

function FailedSales({
  failed,
  onRetry,
}: {
  failed: QueuedSale[];
  onRetry: (clientSaleId: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <Alert color="red" title={t('pos.queue.failedTitle')} data-testid="pos-failed">
      <Stack gap="xs">
        <Text size="sm">{t('pos.queue.failedNote')}</Text>
        {failed.map((q) => (
          <Group key={q.body.clientSaleId} justify="space-between" wrap="wrap">
            <Text size="sm">
              #{q.body.receiptNo} · {rupiah(q.body.totalRupiah)} · {q.error}
            </Text>
            <Button size="xs" variant="default" onClick={() => onRetry(q.body.clientSaleId)}>
              {t('pos.queue.retry')}
            </Button>
          </Group>
        ))}
      </Stack>
    </Alert>
  );
}

interface RegisterProps {
  orgId: string;
  till: Till;
  online: boolean;
  /** the till as the server just answered (its last receipt), null while offline */
  fresh: Till | null;
  waiting: number;
  kick: () => Promise<void>;
  refreshQueue: () => Promise<void>;
  /** sets (or with null, clears) the one listener for the sync loop's results */
  listen: (f: ((q: QueuedSale, r: SendResult) => void) | null) => void;
}

/** A sale waiting for the server's word before its receipt prints (member account or credit). */
interface Awaiting {
  clientSaleId: string;
  receipt: ReceiptData;
  state: 'sending' | 'network' | 'refused';
  message?: string;
}

function Register({
  orgId,
  till,
  online,
  fresh,
  waiting,
  kick,
  refreshQueue,
  listen,
}: RegisterProps) {
  const { t } = useTranslation();
  const membership = useMembership();
  const { session } = useSession();
  const shift = useMyShift(orgId);
  const catalogue = useCatalogue(orgId, till.outletId, online);
  const members = useMemberList(orgId, online);
  const [lines, setLines] = useState<CartLine[]>([]);
  const [member, setMember] = useState<MemberLookup | null>(null);
  const [method, setMethod] = useState<PaymentMethod>('cash');
  const [tendered, setTendered] = useState<number | string>('');
  const [reference, setReference] = useState('');
  const [receipt, setReceipt] = useState<ReceiptData | null>(null);
  const [awaiting, setAwaiting] = useState<Awaiting | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [width, setWidth] = useState<PaperWidth>(() =>
    localStorage.getItem(WIDTH_KEY) === '80' ? '80' : '58',
  );
  const scanRef = useRef<HTMLInputElement>(null);
  const focusScan = () => scanRef.current?.focus();

  // the chain starts from the server's last receipt of this till (unless sales wait here)
  useEffect(() => {
    if (!fresh) return;
    void (async () => {
      const head = await chainHead(fresh.id);
      if (!head || fresh.lastReceiptNo >= head.receiptNo)
        await adoptServerChain(fresh.id, fresh.lastReceiptNo, fresh.lastHash);
    })();
  }, [fresh]);

  // the server's word on a sale waiting for it
  const awaitingRef = useRef(awaiting);
  useEffect(() => {
    awaitingRef.current = awaiting;
  });
  useEffect(() => {
    listen((q, r) => {
      const a = awaitingRef.current;
      if (!a || q.body.clientSaleId !== a.clientSaleId) return;
      if (r.kind === 'recorded') {
        setReceipt(a.receipt);
        setAwaiting(null);
        setLines([]);
        setMember(null);
        scanRef.current?.focus();
      } else if (r.kind === 'refused') setAwaiting({ ...a, state: 'refused', message: r.message });
      else setAwaiting({ ...a, state: 'network' });
    });
    return () => listen(null);
  }, [listen, orgId]);

  const isMember = member !== null;
  const cart = useMemo(() => priceCart(lines, isMember), [lines, isMember]);
  const shiftSession = shift.data?.session ?? null;
  const shiftKnown = shift.isSuccess;
  const shiftOk = !shiftKnown ? !online : shiftSession?.deskId === till.deskId;

  const add = (product: CatalogueItem, unit: string) => {
    setLines((ls) => addToCart(ls, product, unit));
    setReceipt(null);
    setProblem(null);
  };

  return (
    <Stack>
      <ShiftCard
        orgId={orgId}
        till={till}
        session={shiftSession}
        known={shiftKnown || online}
        waiting={waiting}
      />
      <Text size="sm" c="dimmed" data-testid="pos-catalogue">
        {catalogue.savedAt
          ? t('pos.catalogueCached', {
              count: catalogue.items.length,
              when: dateTime(catalogue.savedAt),
            })
          : t('pos.noCatalogue')}
      </Text>
      <Grid>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack>
            <ScanBox
              inputRef={scanRef}
              items={catalogue.items}
              onAdd={add}
              disabled={!shiftOk || awaiting !== null}
            />
            <CartTable lines={cart.lines} setLines={setLines} refocus={focusScan} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack>
            <MemberBox
              orgId={orgId}
              online={online}
              cached={members.items}
              member={member}
              setMember={(m) => {
                setMember(m);
                if (!m && ONLINE_ONLY.includes(method)) setMethod('cash');
                focusScan();
              }}
            />
            <Card withBorder>
              <Stack gap="xs">
                <Group justify="space-between">
                  <Text fw={700} size="xl">
                    {t('pos.cart.total')}
                  </Text>
                  <Text fw={700} size="xl" data-testid="pos-total">
                    {rupiah(cart.totalRupiah)}
                  </Text>
                </Group>
                <Text size="sm" c="dimmed">
                  {isMember ? t('pos.cart.memberPrice') : t('pos.cart.publicPrice')}
                </Text>
                <PayBox
                  method={method}
                  setMethod={setMethod}
                  online={online}
                  member={member}
                  total={cart.totalRupiah}
                  tendered={tendered}
                  setTendered={setTendered}
                  reference={reference}
                  setReference={setReference}
                  busy={awaiting !== null}
                  disabled={!shiftOk || cart.lines.length === 0 || awaiting !== null}
                  onPay={() => void pay()}
                />
                {problem && (
                  <Alert color="red" data-testid="pos-problem">
                    {problem}
                  </Alert>
                )}
                {awaiting && (
                  <AwaitingNote
                    awaiting={awaiting}
                    onWithdraw={() =>
                      void withdrawRefused(awaiting.clientSaleId).then(async (ok) => {
                        if (ok) setAwaiting(null);
                        await refreshQueue();
                      })
                    }
                  />
                )}
              </Stack>
            </Card>
          </Stack>
        </Grid.Col>
      </Grid>
      {receipt && (
        <ReceiptPanel receipt={receipt} width={width} setWidth={setWidth} onDone={focusScan} />
      )}
    </Stack>
  );

  async function pay() {
    const tenderedRupiah = method === 'cash' ? BigInt(digits(tendered) || '0') : null;
    const memberId = member?.memberId ?? null;
    const checked = checkSale({
      lines: cart.lines,
      totalRupiah: cart.totalRupiah,
      paymentMethod: method,
      tenderedRupiah,
      memberId,
    });
    if (!checked.ok) {
      setProblem(t('common.error'));
      return;
    }
    const offline = !navigator.onLine;
    const sale = {
      tillId: till.id,
      clientSaleId: crypto.randomUUID(),
      soldAt: new Date().toISOString(),
      memberId,
      lines: cart.lines.map(chainedLine),
      totalRupiah: String(cart.totalRupiah),
      paymentMethod: method,
      paymentReference: method === 'qris' ? reference.trim() || null : null,
      tenderedRupiah: tenderedRupiah === null ? null : String(tenderedRupiah),
      offline,
    };
    let body;
    try {
      body = await queueSale(orgId, sale);
    } catch (e) {
      setProblem(e instanceof Error ? e.message : t('common.error'));
      return;
    }
    const printed = toReceipt(cart.lines, body.receiptNo, body.hash, checked.changeRupiah);
    if (ONLINE_ONLY.includes(method)) {
      setAwaiting({ clientSaleId: sale.clientSaleId, receipt: printed, state: 'sending' });
    } else {
      // cash and QRIS: queued durably, so the receipt prints now and the server is told after
      setReceipt(printed);
      setLines([]);
      setMember(null);
      setTendered('');
      setReference('');
      focusScan();
    }
    await refreshQueue();
    void kick();

    function toReceipt(
      ls: PricedLine[],
      receiptNo: number,
      hash: string,
      change: bigint,
    ): ReceiptData {
      return {
        cooperativeName: membership?.organizationName ?? '',
        outletName: till.outletName,
        tillCode: till.code,
        receiptNumber: receiptNumber(till.code, receiptNo),
        soldAt: sale.soldAt,
        cashier: session?.user.fullName ?? '',
        lines: ls.map((l) => ({
          name: l.product.name,
          qty: String(l.qty),
          unit: l.unit,
          // the price of one of the line's unit, rounded as a line of one would be
          priceRupiah: String(lineAmount(l.qtyBase / l.qty, l.priceRupiah, l.priceBase)),
          amountRupiah: String(l.amountRupiah),
        })),
        totalRupiah: sale.totalRupiah,
        paymentMethod: method,
        paymentReference: sale.paymentReference,
        tenderedRupiah: sale.tenderedRupiah,
        changeRupiah: String(change),
        member: member ? { number: member.memberNumber ?? '', name: member.name } : null,
        hash,
        offline,
      };
    }
  }
}

/**
 * The scan box: a USB scanner types the digits and Enter, which looks the barcode up in the
 * cached catalogue; typed words search names. It takes the focus back whenever the page has none,
 * so the next scan lands here without a click.
 */
function ScanBox({
  inputRef,
  items,
  onAdd,
  disabled,
}: {
  inputRef: React.RefObject<HTMLInputElement | null>;
  items: CatalogueItem[];
  onAdd: (product: CatalogueItem, unit: string) => void;
  disabled: boolean;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  const [camera, setCamera] = useState(false);
  const hits = useMemo(
    () => (/^\d+$/.test(text) ? [] : searchCatalogue(items, text)),
    [items, text],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const idle = !document.activeElement || document.activeElement === document.body;
      if (idle && !disabled && (e.key.length === 1 || e.key === 'Enter')) inputRef.current?.focus();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [disabled, inputRef]);
  useEffect(() => {
    if (!disabled) inputRef.current?.focus();
  }, [disabled, inputRef]);

  const take = (product: CatalogueItem, unit: string) => {
    onAdd(product, unit);
    setText('');
    setNote({ ok: true, text: t('pos.scan.added', { name: product.name }) });
    inputRef.current?.focus();
  };
  const enter = (code: string) => {
    const c = code.trim();
    if (!c) return;
    const found = byBarcode(items, c);
    if (found) return take(found.product, found.unit);
    const first = /^\d+$/.test(c) ? undefined : searchCatalogue(items, c, 1)[0];
    if (first) return take(first, first.priceUnit);
    setNote({
      ok: false,
      text: /^\d+$/.test(c)
        ? t('pos.scan.unknown', { code: c })
        : t('pos.scan.noMatch', { text: c }),
    });
    setText('');
  };

  return (
    <Card withBorder>
      <Stack gap="xs">
        <Group align="end" wrap="nowrap">
          <TextInput
            ref={inputRef}
            label={t('pos.scan.label')}
            description={t('pos.scan.hint')}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                enter(text);
              }
            }}
            disabled={disabled}
            autoComplete="off"
            style={{ flex: 1 }}
            size="md"
            data-testid="pos-scan"
          />
          <Button
            variant="default"
            size="md"
            onClick={() => setCamera((c) => !c)}
            disabled={disabled}
            data-testid="pos-camera"
          >
            {t('pos.scan.camera')}
          </Button>
        </Group>
        <Text
          size="sm"
          c={note?.ok === false ? 'red' : 'dimmed'}
          aria-live="polite"
          data-testid="pos-scan-note"
        >
          {note?.text ?? ''}
        </Text>
        {hits.length > 0 && (
          <Stack gap={4} data-testid="pos-hits">
            {hits.map((p) => (
              <Button
                key={p.id}
                variant="default"
                justify="space-between"
                onClick={() => take(p, p.priceUnit)}
                data-testid="pos-hit"
              >
                {p.name} · {p.sku}
              </Button>
            ))}
          </Stack>
        )}
        {camera && (
          <Suspense fallback={null}>
            <CameraScan
              onCode={(code) => enter(code)}
              onClose={() => {
                setCamera(false);
                inputRef.current?.focus();
              }}
            />
          </Suspense>
        )}
      </Stack>
    </Card>
  );
}

function CartTable({
  lines,
  setLines,
  refocus,
}: {
  lines: PricedLine[];
  setLines: (f: (ls: CartLine[]) => CartLine[]) => void;
  refocus: () => void;
}) {
  const { t } = useTranslation();
  const change = (i: number, patch: Partial<CartLine>) =>
    setLines((ls) => ls.map((l, j) => (j === i ? { ...l, ...patch } : l)));
  if (lines.length === 0)
    return (
      <Text c="dimmed" data-testid="pos-cart-empty">
        {t('pos.cart.empty')}
      </Text>
    );
  return (
    <Table.ScrollContainer minWidth={520}>
      <Table data-testid="pos-cart" verticalSpacing={4}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('pos.cart.product')}</Table.Th>
            <Table.Th>{t('pos.cart.unit')}</Table.Th>
            <Table.Th>{t('pos.cart.qty')}</Table.Th>
            <Table.Th ta="right">{t('pos.cart.amount')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {lines.map((l, i) => (
            <Table.Tr key={`${l.product.id}:${l.unit}`} data-testid="pos-line">
              <Table.Td>
                <Text size="sm">{l.product.name}</Text>
                <Text size="xs" c="dimmed">
                  {rupiah(l.priceRupiah)}
                  {l.priceBase > 1n ? ` / ${l.priceBase} ${l.product.baseUnit}` : ''}
                </Text>
              </Table.Td>
              <Table.Td>
                {l.product.units.length > 1 ? (
                  <Select
                    aria-label={t('pos.cart.unitOf', { name: l.product.name })}
                    data={l.product.units.map((u) => u.unit)}
                    value={l.unit}
                    onChange={(v) => v && change(i, { unit: v })}
                    allowDeselect={false}
                    w={90}
                    size="xs"
                  />
                ) : (
                  l.unit
                )}
              </Table.Td>
              <Table.Td>
                <NumberInput
                  aria-label={t('pos.cart.qtyOf', { name: l.product.name })}
                  value={Number(l.qty)}
                  min={1}
                  max={9999}
                  allowDecimal={false}
                  allowNegative={false}
                  onChange={(v) => {
                    const n = typeof v === 'number' ? v : parseInt(v, 10);
                    if (Number.isInteger(n) && n >= 1) change(i, { qty: BigInt(n) });
                  }}
                  onKeyDown={(e) => e.key === 'Enter' && refocus()}
                  w={80}
                  size="xs"
                  data-testid="pos-qty"
                />
              </Table.Td>
              <Table.Td ta="right" data-testid="pos-line-amount">
                {rupiah(l.amountRupiah)}
              </Table.Td>
              <Table.Td>
                <ActionIcon
                  variant="subtle"
                  color="red"
                  size="lg"
                  aria-label={t('pos.cart.remove', { name: l.product.name })}
                  onClick={() => {
                    setLines((ls) => ls.filter((_, j) => j !== i));
                    refocus();
                  }}
                  data-testid="pos-remove"
                >
                  ×
                </ActionIcon>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The customer as a member: looked up on the server (balances), or in the cached list offline. */
function MemberBox({
  orgId,
  online,
  cached,
  member,
  setMember,
}: {
  orgId: string;
  online: boolean;
  cached: { memberId: string; memberNumber: string; name: string }[];
  member: MemberLookup | null;
  setMember: (m: MemberLookup | null) => void;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [note, setNote] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const offlineFind = (text: string): MemberLookup | null => {
    const m = cached.find((x) => x.memberNumber === text);
    return m ? { ...m, sukarela: null, credit: null } : null;
  };
  const find = async () => {
    const text = q.trim();
    if (!text) return;
    setBusy(true);
    setNote(null);
    try {
      const m = online ? await lookupMember(orgId, text) : offlineFind(text);
      if (m) {
        setMember(m);
        setQ('');
      } else setNote(t('pos.member.notFound', { q: text }));
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) setNote(t('pos.member.notFound', { q: text }));
      else {
        // the network went while asking: the cached list still knows the member
        const m = offlineFind(text);
        if (m) setMember(m);
        else setNote(errorText(e, t('common.error')));
      }
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card withBorder>
      <Stack gap="xs">
        {member ? (
          <>
            <Group justify="space-between" wrap="nowrap">
              <Text fw={600} data-testid="pos-member">
                {member.memberNumber ?? ''} · {member.name}
              </Text>
              <Button size="xs" variant="default" onClick={() => setMember(null)}>
                {t('pos.member.remove')}
              </Button>
            </Group>
            {online || member.sukarela || member.credit ? (
              <>
                <Group justify="space-between">
                  <Text size="sm">{t('pos.member.sukarela')}</Text>
                  <Text size="sm" data-testid="pos-member-sukarela">
                    {member.sukarela
                      ? rupiah(member.sukarela.availableRupiah)
                      : t('pos.member.none')}
                  </Text>
                </Group>
                <Group justify="space-between">
                  <Text size="sm">{t('pos.member.credit')}</Text>
                  <Text size="sm" data-testid="pos-member-credit">
                    {member.credit ? rupiah(member.credit.availableRupiah) : t('pos.member.none')}
                  </Text>
                </Group>
              </>
            ) : (
              <Text size="sm" c="dimmed">
                {t('pos.member.offlineBalances')}
              </Text>
            )}
          </>
        ) : (
          <Group align="end" wrap="nowrap">
            <TextInput
              label={t('pos.member.label')}
              value={q}
              onChange={(e) => setQ(e.currentTarget.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                  void find();
                }
              }}
              autoComplete="off"
              style={{ flex: 1 }}
              data-testid="pos-member-input"
            />
            <Button
              variant="default"
              onClick={() => void find()}
              loading={busy}
              data-testid="pos-member-find"
            >
              {t('pos.member.find')}
            </Button>
          </Group>
        )}
        {note && (
          <Text size="sm" c="red" aria-live="polite" data-testid="pos-member-note">
            {note}
          </Text>
        )}
      </Stack>
    </Card>
  );
}

function PayBox(p: {
  method: PaymentMethod;
  setMethod: (m: PaymentMethod) => void;
  online: boolean;
  member: MemberLookup | null;
  total: bigint;
  tendered: number | string;
  setTendered: (v: number | string) => void;
  reference: string;
  setReference: (v: string) => void;
  busy: boolean;
  disabled: boolean;
  onPay: () => void;
}) {
  const { t } = useTranslation();
  const tendered = BigInt(digits(p.tendered) || '0');
  const short = p.method === 'cash' && tendered < p.total;
  const memberOnly = !p.online || !p.member;
  const methods: { value: PaymentMethod; disabled: boolean }[] = [
    { value: 'cash', disabled: false },
    { value: 'qris', disabled: false },
    { value: 'member_account', disabled: memberOnly || p.member?.sukarela === null },
    { value: 'member_credit', disabled: memberOnly || p.member?.credit === null },
  ];
  useEffect(() => {
    if (methods.find((m) => m.value === p.method)?.disabled) p.setMethod('cash');
  });
  return (
    <Stack gap="xs">
      <Radio.Group
        label={t('pos.pay.method')}
        value={p.method}
        onChange={p.setMethod}
        data-testid="pos-method"
      >
        <Stack gap={6} mt={4}>
          {methods.map((m) => (
            <Radio
              key={m.value}
              value={m.value}
              label={t(`pos.pay.${m.value}`)}
              disabled={m.disabled}
              data-testid={`pos-pay-${m.value}`}
            />
          ))}
        </Stack>
      </Radio.Group>
      {memberOnly && (
        <Text size="xs" c="dimmed">
          {t('pos.pay.onlineOnly')}
        </Text>
      )}
      {p.method === 'cash' && (
        <>
          <Group align="end" wrap="nowrap">
            <RupiahInput
              label={t('pos.pay.tendered')}
              value={p.tendered}
              onChange={p.setTendered}
              min={0}
              style={{ flex: 1 }}
              data-testid="pos-tendered"
            />
            <Button
              variant="default"
              onClick={() => p.setTendered(String(p.total))}
              data-testid="pos-exact"
            >
              {t('pos.pay.exact')}
            </Button>
          </Group>
          <Group justify="space-between">
            <Text>{t('pos.pay.change')}</Text>
            <Text fw={600} data-testid="pos-change" c={short && tendered > 0n ? 'red' : undefined}>
              {short
                ? tendered > 0n
                  ? t('pos.pay.short', { amount: rupiah(p.total - tendered) })
                  : '–'
                : rupiah(tendered - p.total)}
            </Text>
          </Group>
        </>
      )}
      {p.method === 'qris' && (
        <TextInput
          label={t('pos.pay.reference')}
          value={p.reference}
          onChange={(e) => p.setReference(e.currentTarget.value)}
          data-testid="pos-qris-ref"
        />
      )}
      <Button
        size="lg"
        onClick={p.onPay}
        disabled={p.disabled || short}
        loading={p.busy}
        data-testid="pos-pay"
      >
        {t('pos.pay.submit', { total: rupiah(p.total) })}
      </Button>
    </Stack>
  );
}

function AwaitingNote({ awaiting, onWithdraw }: { awaiting: Awaiting; onWithdraw: () => void }) {
  const { t } = useTranslation();
  const receipt = awaiting.receipt.receiptNumber;
  if (awaiting.state === 'sending')
    return (
      <Text size="sm" aria-live="polite">
        {t('pos.pay.sending')}
      </Text>
    );
  if (awaiting.state === 'network')
    return (
      <Alert color="yellow" data-testid="pos-awaiting">
        {t('pos.pay.waitingServer', { receipt })}
      </Alert>
    );
  return (
    <Alert color="red" data-testid="pos-refused">
      <Stack gap="xs">
        <Text size="sm">{t('pos.pay.refused', { receipt, message: awaiting.message ?? '' })}</Text>
        <Button size="xs" variant="default" onClick={onWithdraw} data-testid="pos-withdraw">
          {t('pos.pay.payOtherWay')}
        </Button>
      </Stack>
    </Alert>
  );
}

function ReceiptPanel({
  receipt,
  width,
  setWidth,
  onDone,
}: {
  receipt: ReceiptData;
  width: PaperWidth;
  setWidth: (w: PaperWidth) => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const links = printerLinks();
  const [printer, setPrinter] = useState<{ ok: boolean; text: string } | null>(null);
  const toPrinter = async (link: 'usb' | 'serial') => {
    try {
      const { encodeReceipt, sendToPrinter } = await import('./escpos');
      const bytes = encodeReceipt(receipt, width, {
        number: t('pos.receipt.number'),
        total: t('pos.receipt.total'),
        change: t('pos.receipt.change'),
        member: t('pos.receipt.member'),
        reference: t('pos.receipt.reference'),
        offline: t('pos.receipt.offline'),
        hash: t('pos.receipt.hash'),
        thanks: t('pos.receipt.thanks'),
        method: t(`pos.pay.${receipt.paymentMethod}`),
      });
      await sendToPrinter(bytes, link);
      setPrinter({ ok: true, text: t('pos.receipt.printerDone') });
    } catch (e) {
      setPrinter({
        ok: false,
        text: t('pos.receipt.printerFailed', { message: e instanceof Error ? e.message : '' }),
      });
    }
    onDone();
  };
  return (
    <Card withBorder data-testid="pos-receipt-panel">
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap">
          <Text fw={600}>{t('pos.receipt.title')}</Text>
          <SegmentedControl
            aria-label={t('pos.receipt.width')}
            value={width}
            onChange={(v) => {
              const w = v === '80' ? '80' : '58';
              setWidth(w);
              localStorage.setItem(WIDTH_KEY, w);
            }}
            data={[
              { value: '58', label: '58 mm' },
              { value: '80', label: '80 mm' },
            ]}
          />
        </Group>
        <Receipt data={receipt} width={width} />
        <Group wrap="wrap">
          <Button
            onClick={() => {
              window.print();
              onDone();
            }}
            data-testid="pos-print"
          >
            {t('pos.receipt.print')}
          </Button>
          {links.usb && (
            <Button
              variant="default"
              onClick={() => void toPrinter('usb')}
              data-testid="pos-print-usb"
            >
              {t('pos.receipt.printer')} ({t('pos.receipt.printerUsb')})
            </Button>
          )}
          {links.serial && (
            <Button
              variant="default"
              onClick={() => void toPrinter('serial')}
              data-testid="pos-print-serial"
            >
              {t('pos.receipt.printer')} ({t('pos.receipt.printerSerial')})
            </Button>
          )}
        </Group>
        {printer && (
          <Text size="sm" c={printer.ok ? 'green' : 'red'} aria-live="polite">
            {printer.text}
          </Text>
        )}
      </Stack>
    </Card>
  );
}
