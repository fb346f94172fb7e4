import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  NumberInput,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, client, unwrap, type Answer } from '../../api';
import { useCan } from '../../App';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useSession } from '../../session';
import type { Meeting } from './MeetingView';

type AgendaItem = Meeting['agenda'][number];
type Election = Answer<'/api/v1/orgs/{orgId}/rat/meetings/{meetingId}/agenda/{seq}/ballot'>;
type Ceremony =
  Answer<'/api/v1/orgs/{orgId}/rat/meetings/{meetingId}/agenda/{seq}/ballot/ceremony'>;

/** The keyholder's crypto (src/domain/rat/ballot/ through keyholderCrypto.ts), in its own chunk. */
const crypto = () => import('./keyholderCrypto');
/** Lets the browser paint the busy state before the crypto work. */
const paint = () => new Promise((r) => setTimeout(r, 50));
const LIVE_MS = 4_000;

/**
 * The secret ballot of one agenda item (docs/domain/rat-ballots.md): for the pengurus, preparing it
 * (k of the chosen pengawas keyholders), its progress, opening and closing the vote, the board and
 * the tally; for a pengawas who holds one of its keys, their three steps: make the keyholder code
 * and register its key, send the sealed key shares, and after the close open their part of the
 * result with the code. Every secret stays in this browser.
 */
export function SecretBallotPanel({
  orgId,
  meeting,
  item,
  onMeeting,
}: {
  orgId: string;
  meeting: Meeting;
  item: AgendaItem;
  onMeeting: (m: Meeting) => void;
}) {
  const { t } = useTranslation();
  const can = useCan();
  const qc = useQueryClient();
  const { session } = useSession();
  const path = { orgId, meetingId: meeting.id, seq: item.seq };
  const key = ['rat-election', orgId, meeting.id, item.seq];
  const election = useQuery({
    queryKey: key,
    queryFn: async () => {
      try {
        return await unwrap(
          client.GET('/api/v1/orgs/{orgId}/rat/meetings/{meetingId}/agenda/{seq}/ballot', {
            params: { path },
          }),
        );
      } catch (e) {
        if (e instanceof ApiError && e.code === 'RAT_ELECTION_NOT_FOUND') return null;
        throw e;
      }
    },
    // others deal, register and decrypt meanwhile
    refetchInterval: (q) => (q.state.data && q.state.data.status !== 'tallied' ? LIVE_MS : false),
  });
  const set = (e: Election) => {
    qc.setQueryData(key, e);
    void qc.invalidateQueries({ queryKey: ['rat-meeting', orgId, meeting.id] });
  };
  const manage = can('rat.manage');
  const e = election.data;
  const me = e?.keyholders.find((k) => k.userId === session?.user.id);

  const act = useMutation({
    mutationFn: async (what: 'voting' | 'close') => {
      if (what === 'voting') {
        onMeeting(
          await unwrap(
            client.POST('/api/v1/orgs/{orgId}/rat/meetings/{meetingId}/agenda/{seq}/voting', {
              params: { path },
            }),
          ),
        );
        return undefined;
      }
      return unwrap(
        client.POST('/api/v1/orgs/{orgId}/rat/meetings/{meetingId}/agenda/{seq}/ballot/close', {
          params: { path },
        }),
      );
    },
    onSuccess: (v) => {
      if (v) set(v);
      else void qc.invalidateQueries({ queryKey: key });
    },
  });
  const [confirmClose, setConfirmClose] = useState(false);

  if (election.isLoading) return null;
  if (election.error) return <ErrorAlert error={election.error} />;
  if (!e) {
    const preparable =
      manage &&
      item.status === 'pending' &&
      (meeting.status === 'planned' || meeting.status === 'open');
    return preparable ? (
      <CreateElection orgId={orgId} path={path} onCreated={set} />
    ) : (
      <Alert color="gray" title={t('ratSecret.title')} data-testid="rat-secret-none">
        {can('rat.keyholder') ? t('ratSecret.noneKeyholder') : t('ratSecret.none')}
      </Alert>
    );
  }
  const counts = e.tally?.questions[0]?.counts;
  const boardUrl = `/api/v1/orgs/${orgId}/rat/meetings/${meeting.id}/agenda/${item.seq}/ballot/board`;
  return (
    <Card withBorder padding="sm" bg="gray.0" data-testid={`rat-secret-${item.seq}`}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap">
          <Text fw={600}>{t('ratSecret.title')}</Text>
          <Badge
            variant="light"
            color={e.status === 'tallied' ? 'green' : e.status === 'voting' ? 'blue' : 'gray'}
            data-testid={`rat-secret-${item.seq}-status`}
          >
            {t(`ratSecret.status.${e.status}`)}
          </Badge>
        </Group>
        <Text size="sm">
          {t('ratSecret.summary', {
            k: e.threshold,
            n: e.keyholders.length,
            registered: e.registered,
            ballots: e.ballots,
          })}
        </Text>
        <Table.ScrollContainer minWidth={420}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('ratSecret.keyholder')}</Table.Th>
                <Table.Th>{t('ratSecret.keyRegistered')}</Table.Th>
                <Table.Th>{t('ratSecret.dealt')}</Table.Th>
                <Table.Th>{t('ratSecret.decrypted')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {e.keyholders.map((k) => (
                <Table.Tr key={k.index} data-testid={`rat-secret-keyholder-${k.index}`}>
                  <Table.Td>
                    {k.index}. {k.name}
                  </Table.Td>
                  <Table.Td>{k.sealingKey ? t('ratSecret.yes') : t('ratSecret.no')}</Table.Td>
                  <Table.Td>{k.dealt ? t('ratSecret.yes') : t('ratSecret.no')}</Table.Td>
                  <Table.Td>{k.decrypted ? t('ratSecret.yes') : t('ratSecret.no')}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {counts && (
          <Text fw={600} data-testid={`rat-secret-${item.seq}-tally`}>
            {t('ratSecret.tally', {
              setuju: counts[0],
              tidak: counts[1],
              abstain: counts[2],
              ballots: e.tally?.questions[0]?.ballots ?? 0,
            })}
          </Text>
        )}
        {manage && (
          <Group wrap="wrap">
            {e.status === 'ready' && meeting.status === 'open' && item.status === 'pending' && (
              <Button
                onClick={() => act.mutate('voting')}
                loading={act.isPending}
                data-testid={`rat-secret-${item.seq}-open`}
              >
                {t('ratSecret.openVote')}
              </Button>
            )}
            {e.status === 'voting' &&
              (confirmClose ? (
                <Stack gap="xs">
                  <Text size="sm">{t('ratSecret.closeConfirm')}</Text>
                  <Group>
                    <Button
                      color="red"
                      onClick={() => act.mutate('close')}
                      loading={act.isPending}
                      data-testid={`rat-secret-${item.seq}-close-confirm`}
                    >
                      {t('ratSecret.close')}
                    </Button>
                    <Button variant="default" onClick={() => setConfirmClose(false)}>
                      {t('ratSecret.back')}
                    </Button>
                  </Group>
                </Stack>
              ) : (
                <Button
                  variant="default"
                  onClick={() => setConfirmClose(true)}
                  data-testid={`rat-secret-${item.seq}-close`}
                >
                  {t('ratSecret.close')}
                </Button>
              ))}
          </Group>
        )}
        {e.status !== 'setup' && (
          <Text size="sm">
            <Anchor href={boardUrl} download={`papan-suara-${meeting.id}-${item.seq}.json`}>
              {t('ratSecret.board')}
            </Anchor>{' '}
            · {t('ratSecret.boardHelp')}
          </Text>
        )}
        <ErrorAlert error={act.error} />
        {me && can('rat.keyholder') && (
          <KeyholderSteps orgId={orgId} path={path} election={e} index={me.index} onView={set} />
        )}
      </Stack>
    </Card>
  );
}

function CreateElection({
  orgId,
  path,
  onCreated,
}: {
  orgId: string;
  path: { orgId: string; meetingId: string; seq: number };
  onCreated: (e: Election) => void;
}) {
  const { t } = useTranslation();
  const users = useQuery({
    queryKey: ['org-users', orgId],
    queryFn: () =>
      unwrap(client.GET('/api/v1/orgs/{orgId}/users', { params: { path: { orgId } } })),
  });
  const pengawas = (users.data?.items ?? []).filter((u) => u.roles.includes('pengawas'));
  const [chosen, setChosen] = useState<string[]>([]);
  const [threshold, setThreshold] = useState<number>(1);
  const create = useMutation({
    mutationFn: () =>
      unwrap(
        client.POST('/api/v1/orgs/{orgId}/rat/meetings/{meetingId}/agenda/{seq}/ballot', {
          params: { path },
          body: { threshold, keyholderUserIds: chosen },
        }),
      ),
    onSuccess: onCreated,
  });
  const k = Math.min(Math.max(threshold, 1), Math.max(chosen.length, 1));
  return (
    <Card withBorder padding="sm" bg="gray.0" data-testid={`rat-secret-create-${path.seq}`}>
      <Stack gap="xs">
        <Text fw={600}>{t('ratSecret.create.title')}</Text>
        <Text size="sm">{t('ratSecret.create.help')}</Text>
        {users.isSuccess && pengawas.length === 0 ? (
          <Alert color="yellow">{t('ratSecret.create.noPengawas')}</Alert>
        ) : (
          <Checkbox.Group
            label={t('ratSecret.create.keyholders')}
            value={chosen}
            onChange={(v) => {
              setChosen(v);
              if (threshold > v.length) setThreshold(Math.max(v.length, 1));
            }}
          >
            <Stack gap={6} mt={4}>
              {pengawas.map((u) => (
                <Checkbox key={u.id} value={u.id} label={`${u.fullName} (${u.username})`} />
              ))}
            </Stack>
          </Checkbox.Group>
        )}
        <NumberInput
          label={t('ratSecret.create.threshold')}
          value={k}
          onChange={(v) => setThreshold(typeof v === 'number' ? v : Number(v) || 1)}
          min={1}
          max={Math.max(chosen.length, 1)}
          allowDecimal={false}
          w={{ base: '100%', sm: 320 }}
        />
        <Group>
          <Button
            onClick={() => create.mutate()}
            loading={create.isPending}
            disabled={chosen.length === 0}
            data-testid={`rat-secret-create-${path.seq}-submit`}
          >
            {t('ratSecret.create.submit')}
          </Button>
        </Group>
        <ErrorAlert error={create.error ?? users.error} />
      </Stack>
    </Card>
  );
}

/** Saves text as a file in the browser (the keyholder code as .txt): nothing is sent. */
function downloadText(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  URL.revokeObjectURL(url);
}

function KeyholderSteps({
  orgId,
  path,
  election,
  index,
  onView,
}: {
  orgId: string;
  path: { orgId: string; meetingId: string; seq: number };
  election: Election;
  index: number;
  onView: (e: Election) => void;
}) {
  const { t } = useTranslation();
  const ceremonyKey = ['rat-ceremony', orgId, path.meetingId, path.seq];
  const ceremony = useQuery({
    queryKey: [
      ...ceremonyKey,
      election.status,
      election.keyholders.map((k) => `${k.sealingKey}${k.dealt}`).join(),
    ],
    queryFn: () =>
      unwrap(
        client.GET('/api/v1/orgs/{orgId}/rat/meetings/{meetingId}/agenda/{seq}/ballot/ceremony', {
          params: { path },
        }),
      ),
  });
  const mine = election.keyholders.find((k) => k.index === index)!;
  const keys = election.keyholders.map((k) => k.sealingKey);
  const allKeys = keys.every((k) => k !== null);
  const fingerprint = useQuery({
    queryKey: ['rat-fingerprint', ...keys],
    queryFn: async () => (await crypto()).keyholderKeysFingerprint(keys as string[]),
    enabled: allKeys,
  });
  // the code lives only in this component's state (and on the keyholder's paper)
  const [fresh, setFresh] = useState<
    { code: string; publicKey: string; formatted: string } | undefined
  >();
  const [saved, setSaved] = useState(false);
  const [typed, setTyped] = useState('');
  const [problem, setProblem] = useState<string | undefined>();

  const makeCode = useMutation({
    mutationFn: async () => {
      const c = await crypto();
      const k = c.newKeyholder(election.electionId);
      return { ...k, formatted: c.formatKeyholderCode(k.code) };
    },
    onSuccess: (k) => {
      setFresh(k);
      setSaved(false);
    },
  });
  const formatted = fresh?.formatted ?? '';

  const register = useMutation({
    mutationFn: () =>
      unwrap(
        client.POST(
          '/api/v1/orgs/{orgId}/rat/meetings/{meetingId}/agenda/{seq}/ballot/ceremony/key',
          { params: { path }, body: { publicKey: fresh!.publicKey } },
        ),
      ),
    onSuccess: onView,
  });
  const dealIt = useMutation({
    mutationFn: async () => {
      await paint();
      const c = await crypto();
      const got = ceremony.data as Ceremony;
      const registered = got.keys.map((k) => k.publicKey);
      if (registered.some((k) => k === null)) throw new Error('keys missing');
      const body = c.sealedDealing(got.electionId, index, got.threshold, registered as string[]);
      return unwrap(
        client.POST('/api/v1/orgs/{orgId}/rat/meetings/{meetingId}/agenda/{seq}/ballot/ceremony', {
          params: { path },
          body,
        }),
      );
    },
    onSuccess: onView,
  });
  const decrypt = useMutation({
    mutationFn: async () => {
      setProblem(undefined);
      await paint();
      const c = await crypto();
      const got = await unwrap(
        client.GET('/api/v1/orgs/{orgId}/rat/meetings/{meetingId}/agenda/{seq}/ballot/ceremony', {
          params: { path },
        }),
      );
      const outcome = c.decryptAsKeyholder({
        code: typed,
        electionId: got.electionId,
        me: index,
        registeredKey: mine.sealingKey,
        dealt: got.dealt,
        manifest: election.manifest,
        totals: election.tallyCiphertexts ?? [],
      });
      if (!outcome.ok) {
        setProblem(
          outcome.reason === 'code'
            ? t('ratSecret.mine.wrongCode')
            : t('ratSecret.mine.badShares', { dealers: outcome.badDealers.join(', ') }),
        );
        return undefined;
      }
      return unwrap(
        client.POST(
          '/api/v1/orgs/{orgId}/rat/meetings/{meetingId}/agenda/{seq}/ballot/decryption',
          {
            params: { path },
            body: outcome.decryption,
          },
        ),
      );
    },
    onSuccess: (v) => {
      if (v) {
        setTyped('');
        onView(v);
      }
    },
  });

  const registeredCount = keys.filter((k) => k !== null).length;
  const dealtCount = election.keyholders.filter((k) => k.dealt).length;
  const n = election.keyholders.length;
  return (
    <Card withBorder padding="sm" data-testid="rat-keyholder">
      <Stack gap="sm">
        <Title order={4}>{t('ratSecret.mine.title', { index })}</Title>
        {/* step 1: the code and the sealing key */}
        {election.status === 'setup' && !mine.sealingKey && (
          <Stack gap="xs">
            <Text fw={600}>{t('ratSecret.mine.step1')}</Text>
            <Text size="sm">{t('ratSecret.mine.step1Help')}</Text>
            {!fresh ? (
              <Group>
                <Button
                  onClick={() => makeCode.mutate()}
                  loading={makeCode.isPending}
                  data-testid="rat-keyholder-make-code"
                >
                  {t('ratSecret.mine.makeCode')}
                </Button>
              </Group>
            ) : (
              <Stack gap="xs">
                <Text size="sm" fw={600}>
                  {t('ratSecret.mine.yourCode')}
                </Text>
                <Text
                  ff="monospace"
                  fz={{ base: 22, sm: 30 }}
                  fw={700}
                  p="sm"
                  style={{
                    wordBreak: 'break-all',
                    letterSpacing: '0.05em',
                    border: '2px dashed var(--mantine-color-dark-4)',
                    borderRadius: 8,
                  }}
                  data-testid="rat-keyholder-code"
                >
                  {formatted}
                </Text>
                <Alert color="yellow">{t('ratSecret.mine.writeDown')}</Alert>
                <Group wrap="wrap">
                  <Button
                    variant="default"
                    onClick={() =>
                      downloadText(
                        `kode-pemegang-kunci-${index}.txt`,
                        t('ratSecret.mine.fileText', {
                          election: election.manifest.title,
                          index,
                          code: formatted,
                        }),
                      )
                    }
                    data-testid="rat-keyholder-download"
                  >
                    {t('ratSecret.mine.download')}
                  </Button>
                </Group>
                <Checkbox
                  label={t('ratSecret.mine.saved')}
                  checked={saved}
                  onChange={(ev) => setSaved(ev.currentTarget.checked)}
                  data-testid="rat-keyholder-saved"
                />
                <Group>
                  <Button
                    onClick={() => register.mutate()}
                    loading={register.isPending}
                    disabled={!saved}
                    data-testid="rat-keyholder-register"
                  >
                    {t('ratSecret.mine.register')}
                  </Button>
                </Group>
              </Stack>
            )}
            <ErrorAlert error={makeCode.error ?? register.error} />
          </Stack>
        )}
        {/* step 2: the sealed dealing */}
        {election.status === 'setup' && mine.sealingKey && (
          <Stack gap="xs">
            <Alert color="green">{t('ratSecret.mine.registered')}</Alert>
            <Text fw={600}>{t('ratSecret.mine.step2')}</Text>
            {!allKeys ? (
              <Text size="sm" data-testid="rat-keyholder-wait-keys">
                {t('ratSecret.mine.waitKeys', { count: registeredCount, n })}
              </Text>
            ) : mine.dealt ? (
              <Text size="sm" data-testid="rat-keyholder-dealt">
                {t('ratSecret.mine.dealt', { count: dealtCount, n })}
              </Text>
            ) : (
              <Stack gap="xs">
                <Text size="sm">
                  {t('ratSecret.mine.fingerprint')}:{' '}
                  <Text
                    span
                    ff="monospace"
                    fw={700}
                    fz="lg"
                    data-testid="rat-keyholder-fingerprint"
                  >
                    {fingerprint.data ?? '…'}
                  </Text>
                </Text>
                <Text size="sm">{t('ratSecret.mine.fingerprintHelp')}</Text>
                <Group>
                  <Button
                    onClick={() => dealIt.mutate()}
                    loading={dealIt.isPending}
                    disabled={!ceremony.data}
                    data-testid="rat-keyholder-deal"
                  >
                    {t('ratSecret.mine.deal')}
                  </Button>
                </Group>
              </Stack>
            )}
            <ErrorAlert error={dealIt.error ?? ceremony.error} />
          </Stack>
        )}
        {(election.status === 'ready' || election.status === 'voting') && (
          <Text size="sm" data-testid="rat-keyholder-ready">
            {t('ratSecret.mine.ready')}
          </Text>
        )}
        {/* step 3: open my part of the result */}
        {(election.status === 'closed' || election.status === 'tallied') &&
          (mine.decrypted ? (
            <Alert color="green" data-testid="rat-keyholder-sent">
              {t('ratSecret.mine.sent')}
            </Alert>
          ) : election.status === 'closed' ? (
            <Stack gap="xs">
              <Text fw={600}>{t('ratSecret.mine.step3')}</Text>
              <TextInput
                label={t('ratSecret.mine.enterCode')}
                value={typed}
                onChange={(ev) => setTyped(ev.currentTarget.value)}
                autoComplete="off"
                spellCheck={false}
                styles={{ input: { fontFamily: 'monospace' } }}
                maxLength={60}
                data-testid="rat-keyholder-code-input"
              />
              <Group>
                <Button
                  onClick={() => decrypt.mutate()}
                  loading={decrypt.isPending}
                  disabled={typed.trim().length === 0}
                  data-testid="rat-keyholder-decrypt"
                >
                  {t('ratSecret.mine.decrypt')}
                </Button>
              </Group>
              {decrypt.isPending && <Text size="sm">{t('ratSecret.mine.busy')}</Text>}
              {problem && (
                <Alert color="red" data-testid="rat-keyholder-problem">
                  {problem}
                </Alert>
              )}
              <ErrorAlert error={decrypt.error} />
            </Stack>
          ) : null)}
      </Stack>
    </Card>
  );
}
