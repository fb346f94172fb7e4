import {
  Alert,
  Anchor,
  Box,
  Button,
  Code,
  CopyButton,
  Group,
  Loader,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, client, unwrap, type Answer } from '../../api';
import { useSession } from '../../session';
import type { BoardJson } from './ballotCrypto';

type MyMeeting = Answer<'/api/v1/orgs/{orgId}/me/rat'>['items'][number];
type SecretItem = MyMeeting['secretBallots'][number];
type T = ReturnType<typeof useTranslation>['t'];

/** The crypto module (src/domain/rat/ballot/ through ballotCrypto.ts), in its own chunk. */
const crypto = () => import('./ballotCrypto');

/**
 * What this phone keeps per member and election: the voter code (so the member can vote again
 * from here) and the trackers of the ballots cast from here, the last one last. Never the choice.
 */
interface Kept {
  code?: string;
  trackers: string[];
}
const keptKey = (userId: string, electionId: string) =>
  `sokoguru.ratBallot.${userId}.${electionId}`;
function readKept(key: string): Kept {
  try {
    const v = JSON.parse(localStorage.getItem(key) ?? 'null') as Kept | null;
    return v && Array.isArray(v.trackers) ? v : { trackers: [] };
  } catch {
    return { trackers: [] };
  }
}
function writeKept(key: string, kept: Kept) {
  try {
    localStorage.setItem(key, JSON.stringify(kept));
  } catch {
    // private mode or full: the member still votes; only re-voting needs the code written down
  }
}

/** "a1b2c3d4 … e5f6a7b8": enough to recognise a tracker on the board at a glance. */
export const shortTracker = (t: string) => `${t.slice(0, 8)} … ${t.slice(-8)}`;
/** The full tracker in groups of 8, so it wraps on a phone and can be read aloud. */
const grouped = (s: string, n: number) => s.match(new RegExp(`.{1,${n}}`, 'g'))?.join(' ') ?? s;

/** Big buttons whose label wraps on a narrow phone instead of being cut off. */
const WRAP = {
  root: { height: 'auto', minHeight: 60, paddingBlock: 10 },
  label: { whiteSpace: 'normal' as const, textAlign: 'center' as const, lineHeight: 1.25 },
};

/**
 * Moves the focus to a step's first words when the step appears (module-level, so the ref is
 * called once per mount), so a screen reader reads the new step instead of losing its place.
 */
const focusOnMount = (el: HTMLElement | null) => el?.focus();

/** Lets the browser paint the busy state before the ~25 ms of encryption (more on a slow phone). */
const paint = () => new Promise((r) => setTimeout(r, 50));

/**
 * The member's secret ballots of a RAT (issue 17 item 6; docs/domain/rat-ballots.md): one card
 * per secret agenda item of the meeting, shown inside the RAT invitation card.
 */
export function MySecretBallots({ orgId, meeting }: { orgId: string; meeting: MyMeeting }) {
  if (meeting.secretBallots.length === 0) return null;
  return (
    <Stack gap="lg">
      {meeting.secretBallots.map((item) => (
        <BallotItem key={item.seq} orgId={orgId} meeting={meeting} item={item} />
      ))}
    </Stack>
  );
}

function BallotItem({
  orgId,
  meeting,
  item,
}: {
  orgId: string;
  meeting: MyMeeting;
  item: SecretItem;
}) {
  const { t } = useTranslation();
  const { session } = useSession();
  const qc = useQueryClient();
  const path = { orgId, meetingId: meeting.id, seq: item.seq };
  const started = item.electionStatus !== null && item.electionStatus !== 'setup';
  const status = useQuery({
    queryKey: ['me-rat-ballot', orgId, meeting.id, item.seq],
    queryFn: () =>
      unwrap(
        client.GET('/api/v1/orgs/{orgId}/me/rat/{meetingId}/agenda/{seq}/ballot', {
          params: { path },
        }),
      ),
    enabled: started,
    retry: false,
  });
  const electionId = status.data?.manifest?.electionId;
  const key = electionId ? keptKey(session?.user.id ?? '', electionId) : undefined;
  const [keptState, setKeptState] = useState<{ key: string; kept: Kept } | undefined>();
  const kept: Kept = key
    ? keptState?.key === key
      ? keptState.kept
      : readKept(key)
    : { trackers: [] };
  const keep = (next: Kept) => {
    if (!key) return;
    writeKept(key, next);
    setKeptState({ key, kept: next });
  };

  const [choice, setChoice] = useState<number | undefined>();
  const [step, setStep] = useState<'choose' | 'confirm'>('choose');
  // re-voting from the receipt ("Ubah pilihan"); justVoted: the receipt says "received"
  const [changing, setChanging] = useState(false);
  const [justVoted, setJustVoted] = useState(false);
  const [firstCode, setFirstCode] = useState(false);
  const [problem, setProblem] = useState<string | undefined>();
  const voting = item.itemStatus === 'voting' && status.data?.status === 'voting';
  const needCode = status.data?.registered === true && !kept.code;

  const cast = useMutation({
    mutationFn: async (selected: number) => {
      setProblem(undefined);
      await paint();
      const c = await crypto();
      const manifest = status.data?.manifest;
      if (!manifest || !status.data) throw new Error('no manifest');
      let code = kept.code;
      let fresh = false;
      if (!code) {
        // kept before registering, so a lost answer cannot leave the member without their code
        code = c.newCredentialCode();
        fresh = true;
        keep({ ...kept, code });
      }
      if (!status.data.registered) {
        const { pseudonym } = c.deriveCredential(code, manifest.electionId);
        try {
          await unwrap(
            client.POST('/api/v1/orgs/{orgId}/me/rat/{meetingId}/agenda/{seq}/ballot/credential', {
              params: { path },
              body: { pseudonym },
            }),
          );
        } catch (e) {
          if (fresh && e instanceof ApiError && e.code === 'RAT_ALREADY_REGISTERED')
            keep({ ...kept, code: undefined });
          throw e;
        }
      }
      const { ballot, tracker } = c.sealChoice(manifest, code, status.data.weight, selected);
      const sent = await unwrap(
        client.POST('/api/v1/orgs/{orgId}/me/rat/{meetingId}/agenda/{seq}/ballot', {
          params: { path },
          body: { ballot },
        }),
      );
      keep({ code, trackers: [...kept.trackers.filter((x) => x !== tracker), tracker] });
      if (sent.tracker !== tracker) throw new Error('tracker-mismatch');
      return { fresh };
    },
    onSuccess: ({ fresh }) => {
      setFirstCode(fresh);
      setJustVoted(true);
      setChanging(false);
      setStep('choose');
      setChoice(undefined);
      void qc.invalidateQueries({ queryKey: ['me-rat-ballot', orgId, meeting.id, item.seq] });
      void qc.invalidateQueries({ queryKey: ['me-rat-board', orgId, meeting.id, item.seq] });
    },
    onError: (e) => {
      setStep('choose');
      if (e instanceof ApiError) {
        if (e.code === 'RAT_NOT_CHECKED_IN') setProblem(t('ratBallot.notCheckedIn'));
        else if (e.code === 'RAT_ALREADY_REGISTERED')
          setProblem(t('ratBallot.registeredElsewhere'));
        else if (e.code === 'RAT_ELECTION_STATE') setProblem(t('ratBallot.closed'));
        else setProblem(e.detail);
        void qc.invalidateQueries({ queryKey: ['me-rat-ballot', orgId, meeting.id, item.seq] });
        void qc.invalidateQueries({ queryKey: ['me-rat', orgId] });
      } else if (e instanceof Error && e.message === 'tracker-mismatch') {
        setProblem(t('ratBallot.trackerMismatch'));
      } else setProblem(t('ratBallot.failed'));
    },
  });

  const lastTracker = kept.trackers.at(-1);
  const canVote = voting && status.data?.checkedIn === true && !needCode;
  const showChoose = canVote && (!lastTracker || changing || cast.isPending);
  const choices = status.data?.manifest?.questions[0]?.choices ?? [];
  const choiceLabel = (i: number) => t(`ratBallot.choices.${i}`, { defaultValue: choices[i] });

  return (
    <Box
      data-testid={`my-ballot-${item.seq}`}
      p="sm"
      style={{ border: '2px solid var(--mantine-color-gray-5)', borderRadius: 8 }}
    >
      <Stack gap="md">
        <div>
          <Text fz={16} fw={600} c="dark.7">
            {t('ratBallot.title')}
          </Text>
          <Text fz={22} fw={700} component="h3" lh={1.3}>
            {item.title}
          </Text>
          {item.motion && (
            <Text fz={18} mt={4}>
              {item.motion}
            </Text>
          )}
        </div>

        {item.result && (
          <Alert color="gray" variant="outline" bg="white" data-testid="my-ballot-result">
            <Text fz={18} fw={700} c="dark.9">
              {t('ratBallot.result', item.result)}{' '}
              {item.result.passed ? t('ratBallot.passed') : t('ratBallot.rejected')}
            </Text>
          </Alert>
        )}
        {!started || item.itemStatus === 'pending' ? (
          <Text fz={18} data-testid="my-ballot-note">
            {t('ratBallot.notOpen')}
          </Text>
        ) : status.isLoading ? (
          <Loader aria-label={t('ratBallot.busy')} />
        ) : status.error ? (
          <Alert color="red" data-testid="my-ballot-error">
            {status.error instanceof ApiError ? status.error.detail : t('ratBallot.failed')}
          </Alert>
        ) : (
          <>
            {!voting && (
              <Text fz={18} fw={600} data-testid="my-ballot-note">
                {t('ratBallot.closed')}
              </Text>
            )}
            {voting && !status.data?.checkedIn && (
              <Alert color="orange" variant="outline" bg="white" data-testid="my-ballot-note">
                <Text fz={18} c="dark.9">
                  {t('ratBallot.notCheckedIn')}
                </Text>
              </Alert>
            )}
            {voting && status.data?.checkedIn && needCode && (
              <EnterCode
                t={t}
                orgId={orgId}
                path={path}
                electionId={electionId ?? ''}
                onCode={(code) => keep({ ...kept, code })}
              />
            )}
            {showChoose && (
              <>
                <Text fz={17}>{t('ratBallot.secretNote')}</Text>
                {cast.isPending ? (
                  <Group gap="sm" data-testid="my-ballot-busy" role="status">
                    <Loader size="lg" />
                    <Text fz={18} fw={600}>
                      {t('ratBallot.busy')}
                    </Text>
                  </Group>
                ) : step === 'choose' ? (
                  <Stack gap="sm">
                    <Text fz={18} fw={700} id={`my-ballot-pick-${item.seq}`}>
                      {t('ratBallot.pick')}
                    </Text>
                    <Stack gap="sm" role="group" aria-labelledby={`my-ballot-pick-${item.seq}`}>
                      {choices.map((_, i) => (
                        <Button
                          key={i}
                          size="xl"
                          styles={WRAP}
                          fullWidth
                          variant={choice === i ? 'filled' : 'outline'}
                          color={choice === i ? 'blue.9' : 'dark'}
                          aria-pressed={choice === i}
                          onClick={() => setChoice(i)}
                          data-testid={`my-ballot-choice-${i}`}
                        >
                          {choice === i ? '✓ ' : ''}
                          {choiceLabel(i)}
                        </Button>
                      ))}
                    </Stack>
                    {changing && (
                      <Button
                        size="lg"
                        fullWidth
                        variant="outline"
                        color="dark"
                        onClick={() => setChanging(false)}
                        data-testid="my-ballot-cancel"
                      >
                        {t('ratBallot.back')}
                      </Button>
                    )}
                    <Button
                      size="xl"
                      styles={WRAP}
                      fullWidth
                      disabled={choice === undefined}
                      onClick={() => setStep('confirm')}
                      data-testid="my-ballot-next"
                    >
                      {t('ratBallot.next')}
                    </Button>
                  </Stack>
                ) : (
                  <Stack gap="sm" data-testid="my-ballot-confirm-step">
                    <div tabIndex={-1} ref={focusOnMount}>
                      <Text fz={18}>{t('ratBallot.confirmText')}</Text>
                      <Text fz={28} fw={800} data-testid="my-ballot-chosen">
                        {choice !== undefined ? choiceLabel(choice) : ''}
                      </Text>
                    </div>
                    <Button
                      size="xl"
                      styles={WRAP}
                      fullWidth
                      color="green.9"
                      onClick={() => choice !== undefined && cast.mutate(choice)}
                      data-testid="my-ballot-confirm"
                    >
                      {t('ratBallot.confirmSend')}
                    </Button>
                    <Button
                      size="lg"
                      fullWidth
                      variant="outline"
                      color="dark"
                      onClick={() => setStep('choose')}
                      data-testid="my-ballot-back"
                    >
                      {t('ratBallot.back')}
                    </Button>
                  </Stack>
                )}
              </>
            )}
            {problem && (
              <Alert color="red" variant="outline" bg="white" data-testid="my-ballot-error">
                <Text fz={18} c="dark.9">
                  {problem}
                </Text>
              </Alert>
            )}
            {lastTracker && !showChoose && (
              <Receipt
                t={t}
                orgId={orgId}
                path={path}
                meeting={meeting}
                kept={kept}
                justVoted={justVoted}
                firstCode={firstCode}
                canChange={canVote}
                onChange={() => {
                  setChanging(true);
                  setJustVoted(false);
                  setStep('choose');
                  setProblem(undefined);
                }}
              />
            )}
          </>
        )}
      </Stack>
    </Box>
  );
}

type ItemPath = { orgId: string; meetingId: string; seq: number };

/** A code from another phone: checked against the board's registered pseudonyms, then kept. */
function EnterCode({
  t,
  path,
  electionId,
  onCode,
}: {
  t: T;
  orgId: string;
  path: ItemPath;
  electionId: string;
  onCode: (code: string) => void;
}) {
  const [typed, setTyped] = useState('');
  const check = useMutation({
    mutationFn: async () => {
      const c = await crypto();
      const code = c.normaliseCode(typed);
      if (code.length !== c.CREDENTIAL_CODE_LENGTH)
        throw new Error(t('ratBallot.codeWrongLength', { n: c.CREDENTIAL_CODE_LENGTH }));
      const { pseudonym } = c.deriveCredential(code, electionId);
      const board = (await unwrap(
        client.GET('/api/v1/orgs/{orgId}/me/rat/{meetingId}/agenda/{seq}/ballot/board', {
          params: { path },
        }),
      )) as unknown as BoardJson;
      const known = board.entries.some(
        (e) => e.kind === 'credentials' && e.credentials.some((r) => r.pseudonym === pseudonym),
      );
      if (!known) throw new Error(t('ratBallot.codeUnknown'));
      return code;
    },
    onSuccess: onCode,
  });
  return (
    <Stack gap="sm" data-testid="my-ballot-need-code">
      <Alert color="orange" variant="outline" bg="white">
        <Text fz={18} c="dark.9">
          {t('ratBallot.registeredElsewhere')}
        </Text>
      </Alert>
      <TextInput
        size="lg"
        label={t('ratBallot.codeInput')}
        description={t('ratBallot.codeWrongLength', { n: 22 })}
        value={typed}
        onChange={(e) => setTyped(e.currentTarget.value)}
        autoComplete="off"
        autoCapitalize="off"
        spellCheck={false}
        data-testid="my-ballot-code-input"
      />
      <Button
        size="lg"
        fullWidth
        onClick={() => check.mutate()}
        loading={check.isPending}
        data-testid="my-ballot-code-use"
      >
        {t('ratBallot.codeUse')}
      </Button>
      {check.error && (
        <Text c="red.9" fz={17} data-testid="my-ballot-code-error">
          {check.error instanceof ApiError ? check.error.detail : check.error.message}
        </Text>
      )}
    </Stack>
  );
}

/** After voting: the tracker, finding it on the board, the voter code, the board itself. */
function Receipt({
  t,
  orgId,
  path,
  meeting,
  kept,
  justVoted,
  firstCode,
  canChange,
  onChange,
}: {
  t: T;
  orgId: string;
  path: ItemPath;
  meeting: MyMeeting;
  kept: Kept;
  justVoted: boolean;
  firstCode: boolean;
  canChange: boolean;
  onChange: () => void;
}) {
  const tracker = kept.trackers.at(-1) ?? '';
  const [full, setFull] = useState(false);
  const [showCode, setShowCode] = useState<boolean | undefined>();
  const [showBoard, setShowBoard] = useState(false);
  const find = useMutation({
    mutationFn: () =>
      unwrap(
        client.POST('/api/v1/orgs/{orgId}/me/rat/{meetingId}/agenda/{seq}/ballot/tracker', {
          params: { path },
          body: { tracker },
        }),
      ),
  });
  const found = find.data;
  const codeOpen = showCode ?? firstCode;
  return (
    <Stack gap="md" data-testid="my-ballot-done">
      <Alert color="green" variant="outline" bg="white" style={{ borderWidth: 3 }}>
        <Text fz={20} fw={700} c="dark.9" tabIndex={-1} ref={justVoted ? focusOnMount : undefined}>
          ✓ {justVoted ? t('ratBallot.done') : t('ratBallot.doneBefore')}
        </Text>
        <Text fz={17} c="dark.9" mt={4}>
          {t('ratBallot.secretShort')}
        </Text>
      </Alert>

      <div>
        <Text fz={16} fw={600}>
          {t('ratBallot.tracker')}
        </Text>
        <Text
          fz={20}
          fw={700}
          ff="monospace"
          style={{ whiteSpace: 'nowrap' }}
          data-testid="my-ballot-tracker"
          data-tracker={tracker}
        >
          {shortTracker(tracker)}
        </Text>
        <Text fz={16} mt={4}>
          {t('ratBallot.trackerHelp')}
        </Text>
        <Group gap="sm" mt="xs">
          <Button
            variant="default"
            size="lg"
            onClick={() => setFull((v) => !v)}
            aria-expanded={full}
            data-testid="my-ballot-tracker-toggle"
          >
            {t('ratBallot.trackerFull')}
          </Button>
          <CopyButton value={tracker}>
            {({ copied, copy }) => (
              <Button variant="default" size="lg" onClick={copy}>
                {copied ? t('ratBallot.copied') : t('ratBallot.copy')}
              </Button>
            )}
          </CopyButton>
        </Group>
        {full && (
          <Text
            fz={18}
            ff="monospace"
            p="xs"
            bg="gray.0"
            data-testid="my-ballot-tracker-full"
            style={{ wordBreak: 'break-word' }}
          >
            {grouped(tracker, 8)}
          </Text>
        )}
      </div>

      <Button
        size="xl"
        styles={WRAP}
        fullWidth
        variant="filled"
        onClick={() => find.mutate()}
        loading={find.isPending}
        data-testid="my-ballot-find"
      >
        {t('ratBallot.find')}
      </Button>
      {found && (
        <Alert
          color={found.found && found.counted ? 'green' : found.found ? 'orange' : 'red'}
          variant="outline"
          bg="white"
          data-testid="my-ballot-found"
          role="status"
        >
          {found.found ? (
            <>
              <Text fz={18} fw={700} c="dark.9">
                ✓ {t('ratBallot.found', { seq: found.seq })}
              </Text>
              <Text fz={18} c="dark.9" data-testid="my-ballot-counted">
                {found.counted ? t('ratBallot.counted') : t('ratBallot.superseded')}
              </Text>
            </>
          ) : (
            <Text fz={18} fw={700} c="dark.9">
              {t('ratBallot.notFound')}
            </Text>
          )}
        </Alert>
      )}
      {find.error && (
        <Alert color="red" data-testid="my-ballot-error">
          {find.error instanceof ApiError ? find.error.detail : t('ratBallot.failed')}
        </Alert>
      )}

      {canChange && (
        <Stack gap="xs">
          <Button
            size="xl"
            styles={WRAP}
            fullWidth
            variant="outline"
            color="dark"
            onClick={onChange}
            data-testid="my-ballot-change"
          >
            {t('ratBallot.change')}
          </Button>
          <Text fz={16}>{t('ratBallot.lastCounts')}</Text>
        </Stack>
      )}

      {kept.code && (
        <div>
          <Button
            variant="default"
            size="lg"
            onClick={() => setShowCode(!codeOpen)}
            aria-expanded={codeOpen}
            data-testid="my-ballot-code-toggle"
          >
            {t('ratBallot.showCode')}
          </Button>
          {codeOpen && (
            <Stack gap={4} mt={4}>
              <Text fz={16} fw={600}>
                {t('ratBallot.code')}
              </Text>
              <Text fz={22} fw={700} ff="monospace" data-testid="my-ballot-code">
                {grouped(kept.code, 4)}
              </Text>
              <Text fz={16}>{t('ratBallot.codeHelp')}</Text>
            </Stack>
          )}
        </div>
      )}

      <div>
        <Button
          variant="default"
          size="lg"
          onClick={() => setShowBoard((v) => !v)}
          aria-expanded={showBoard}
          data-testid="my-ballot-board-toggle"
        >
          {t('ratBallot.boardShow')}
        </Button>
        {showBoard && (
          <BoardView t={t} orgId={orgId} path={path} meeting={meeting} mine={kept.trackers} />
        )}
      </div>
    </Stack>
  );
}

const BOARD_ROWS = 50;

function BoardView({
  t,
  orgId,
  path,
  meeting,
  mine,
}: {
  t: T;
  orgId: string;
  path: ItemPath;
  meeting: MyMeeting;
  mine: string[];
}) {
  const board = useQuery({
    queryKey: ['me-rat-board', orgId, meeting.id, path.seq],
    queryFn: async () =>
      // the route's schema leaves the entries open; their shape is the board format's
      (await unwrap(
        client.GET('/api/v1/orgs/{orgId}/me/rat/{meetingId}/agenda/{seq}/ballot/board', {
          params: { path },
        }),
      )) as unknown as BoardJson,
  });
  const last = mine.at(-1);
  const entries = (board.data?.entries ?? []).map((e) => ({
    seq: e.seq,
    kind: e.kind,
    tracker: e.kind === 'ballot' ? e.tracker : undefined,
  }));
  // a long board: the last rows and the member's own
  const shown = entries.filter(
    (e, i) =>
      i >= entries.length - BOARD_ROWS || (e.tracker !== undefined && mine.includes(e.tracker)),
  );
  const href = `/api/v1/orgs/${orgId}/me/rat/${meeting.id}/agenda/${path.seq}/ballot/board`;
  return (
    <Stack gap="sm" mt="xs">
      <Text fz={16}>{t('ratBallot.boardHelp')}</Text>
      {board.isLoading && <Loader aria-label={t('ratBallot.board')} />}
      {board.error && (
        <Alert color="red">
          {board.error instanceof ApiError ? board.error.detail : t('ratBallot.failed')}
        </Alert>
      )}
      {board.data && (
        <>
          <Text fz={16} fw={600}>
            {t('ratBallot.entries', { n: entries.length })}
          </Text>
          <Table fz={16} horizontalSpacing={6} data-testid="my-ballot-board" withTableBorder>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('ratBallot.boardSeq')}</Table.Th>
                <Table.Th>{t('ratBallot.boardKind')}</Table.Th>
                <Table.Th>{t('ratBallot.boardTracker')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {shown.map((e) => {
                const isMine = e.tracker !== undefined && mine.includes(e.tracker);
                const isLast = isMine && e.tracker === last;
                return (
                  <Table.Tr
                    key={e.seq}
                    data-testid={
                      isLast ? 'my-ballot-board-mine' : isMine ? 'my-ballot-board-old' : undefined
                    }
                    bg={isLast ? 'yellow.1' : undefined}
                    fw={isMine ? 700 : undefined}
                  >
                    <Table.Td>{e.seq}</Table.Td>
                    <Table.Td>
                      {t(`ratBallot.kinds.${e.kind}`)}
                      {isMine && (
                        <Text fz={15} fw={700} c="dark.9">
                          ★ {isLast ? t('ratBallot.mine') : t('ratBallot.mineOld')}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td ff="monospace" fz={15} style={{ whiteSpace: 'nowrap' }}>
                      {e.tracker ? `${e.tracker.slice(0, 8)}…` : '–'}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </>
      )}
      <Anchor
        href={href}
        download={`papan-suara-rat-${meeting.bookYear}-acara-${path.seq}.json`}
        fz={18}
        fw={700}
        td="underline"
        data-testid="my-ballot-download"
      >
        {t('ratBallot.download')}
      </Anchor>
      <Text fz={16}>
        {t('ratBallot.verifyHelp')}{' '}
        <Code fz={15} style={{ wordBreak: 'break-word' }}>
          sokoguru rat verify --board FILE
        </Code>
      </Text>
    </Stack>
  );
}
